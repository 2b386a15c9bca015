/** `[supervisorctl]`: what the control client reads (server URL, credentials, prompt, history). */

import type { CtlConfig } from "./model.ts";
import { absolutePath } from "./paths.ts";
import { type LoadContext, SectionReader } from "./section_reader.ts";
import { q } from "./value_types.ts";

const NO_HERE = {
  here: `"here" is expanded only in serverurl and history_file (supervisorctl 4.2.5)`,
};

/** The defaults supervisorctl uses when a setting (or the whole section) is absent. */
export const CTL_DEFAULTS: Readonly<CtlConfig> = {
  serverurl: "http://localhost:9001",
  username: null,
  password: null,
  prompt: "supervisor",
  historyFile: null,
};

/**
 * Reads `[supervisorctl]` like supervisorctl does: `here` and the start environment's `ENV_*`
 * in serverurl and history_file, `ENV_*` elsewhere; a `unix://` path is made absolute.
 * `startEnvNames` are the `ENV_*` names of the environment at start (not `[supervisord] environment`).
 */
export function readCtlSection(ctx: LoadContext, startEnvNames: Record<string, string>): CtlConfig {
  const r = new SectionReader(ctx, "supervisorctl");
  const withHere = { here: ctx.here, ...startEnvNames };
  let serverurl = r.text("serverurl", withHere) ?? CTL_DEFAULTS.serverurl;
  if (serverurl === null) serverurl = CTL_DEFAULTS.serverurl;
  if (serverurl.startsWith("unix://")) {
    serverurl = `unix://${absolutePath(serverurl.slice("unix://".length), r)}`;
  } else if (!/^https?:\/\/[^/]/.test(serverurl)) {
    r.warn("serverurl", `${q(serverurl)} is neither unix:///path nor http://host[:port]`);
  }
  const history = r.text("history_file", withHere) ?? null;
  return {
    serverurl,
    username: r.text("username", startEnvNames, { unavailable: NO_HERE }) ?? null,
    password: r.text("password", startEnvNames, { unavailable: NO_HERE }) ?? null,
    prompt: r.text("prompt", startEnvNames, { unavailable: NO_HERE }) ?? CTL_DEFAULTS.prompt,
    historyFile: history === null || history === "" ? null : absolutePath(history, r),
  };
}
