/** Loads a whole config the way supervisord reads it, all-or-nothing, reporting every problem at once. */

import { type ConfigError, ConfigErrors } from "../core/errors.ts";
import type { ConfigFs } from "../core/ports.ts";
import { readCtlSection } from "./ctl_section.ts";
import { readFileInto, readIncludes } from "./includes.ts";
import { IniStore } from "./ini_store.ts";
import type { Config, ConfigWarning, CtlConfig } from "./model.ts";
import { dirname, resolvePath } from "./paths.ts";
import { Problems } from "./problems.ts";
import { checkDependencies } from "./dependency_graph.ts";
import type { LoadContext } from "./section_reader.ts";
import { autoServerUrl, readServerSections } from "./server_sections.ts";
import { readSupervisordSection } from "./supervisord_section.ts";
import { readGroups } from "./group_sections.ts";
import { notePlugins, warnUnknownNames } from "./unknown_names.ts";

/** Options of loadConfig. */
export interface LoadConfigOptions {
  /** File-system facts (and user lookups) for the load. */
  fs: ConfigFs;
  /** The environment at start (`ENV_*` names); default none. */
  env?: Readonly<Record<string, string>>;
  /** The working directory relative paths are resolved against; default `/`. */
  cwd?: string;
  /** `host_node_name`; default `localhost`. */
  hostname?: string;
  /** Fail when there is no `[supervisord]` section, like supervisord; default true. */
  requireSupervisord?: boolean;
}

/** A failed load: every error, plus the warnings found on the way (typos often explain errors). */
export class ConfigLoadErrors extends ConfigErrors {
  /** Warnings found while loading. */
  readonly warnings: readonly ConfigWarning[];
  /** Builds the aggregate. */
  constructor(errors: readonly ConfigError[], warnings: readonly ConfigWarning[]) {
    super(errors);
    this.warnings = warnings;
  }
}

/**
 * Reads `path` (and its includes) into the resolved model; pure, with all I/O through `fs`.
 * Throws ConfigLoadErrors (a ConfigErrors) with every problem when anything is wrong.
 *
 * @example
 * ```ts
 * import { loadConfig } from "./load_config.ts";
 * import assert from "node:assert/strict";
 * const files: Record<string, string> = {
 *   "/etc/s.conf": "[supervisord]\n[program:web]\ncommand=/bin/web --port 80%(process_num)02d\n",
 * };
 * const fs = {
 *   readTextFile: (p: string) => files[p] ?? "",
 *   isDirectory: (p: string) => ["/", "/etc", "/tmp"].includes(p),
 *   exists: (p: string) => p in files,
 *   glob: () => [],
 * };
 * const config = loadConfig("/etc/s.conf", { fs });
 * assert.equal(config.groups[0]?.processes[0]?.command, "/bin/web --port 8000");
 * ```
 */
export function loadConfig(path: string, options: LoadConfigOptions): Config {
  const { ctx, main, startEnvNames } = startLoad(path, options);
  const problems = ctx.problems;
  if (!options.fs.exists(main)) {
    problems.error({ file: ctx.display(main) }, "could not find config file");
    throw new ConfigLoadErrors(problems.errors, problems.warnings);
  }
  readFileInto(ctx, main, true);
  const files = readIncludes(ctx, main);
  warnUnknownNames(ctx);
  let supervisord = null;
  if (ctx.store.has("supervisord")) {
    supervisord = readSupervisordSection(ctx);
  } else if (options.requireSupervisord ?? true) {
    problems.error({ file: ctx.display(main) }, ".ini file does not include supervisord section");
  }
  notePlugins(ctx, "rpcinterface");
  const servers = readServerSections(ctx);
  const groups = readGroups(ctx, autoServerUrl(servers));
  checkDependencies(groups, problems);
  for (const process of groups.flatMap((g) => g.processes)) {
    process.environment = { ...supervisord?.environment, ...process.environment };
  }
  const supervisorctl = ctx.store.has("supervisorctl") ? readCtlSection(ctx, startEnvNames) : null;
  for (const section of ctx.store.sections().filter((s) => s.startsWith("ctlplugin:"))) {
    problems.info("accepted but not applicable: svisor ctl does not load Python plugins", {
      file: ctx.display(ctx.store.origin(section)?.file ?? main),
      line: ctx.store.origin(section)?.line ?? 0,
      section,
    });
  }
  const order = (file: string | undefined) => files.map((f) => ctx.display(f)).indexOf(file ?? "");
  const byPlace =
    <T>(loc: (x: T) => { file?: string; line?: number } | undefined) => (a: T, b: T) => {
      const la = loc(a) ?? {};
      const lb = loc(b) ?? {};
      return order(la.file) - order(lb.file) || (la.line ?? 0) - (lb.line ?? 0);
    };
  problems.errors.sort(byPlace((e) => e.location));
  problems.warnings.sort(byPlace((w) => w.location));
  if (problems.errors.length > 0) throw new ConfigLoadErrors(problems.errors, problems.warnings);
  return {
    file: main,
    files,
    supervisord,
    unixServers: servers.unix,
    inetServers: servers.inet,
    supervisorctl,
    groups,
    warnings: problems.warnings,
    infos: problems.infos,
  };
}

/** What supervisorctl reads of a config: `[supervisorctl]` (or its defaults) and warnings about it. */
export interface CtlFileConfig {
  /** Absolute path of the file. */
  file: string;
  /** The settings; defaults when the section is absent and not required. */
  supervisorctl: CtlConfig | null;
  /** Warnings about `[supervisorctl]` (unknown options). */
  warnings: ConfigWarning[];
}

/**
 * Reads only what the control client needs: no `[supervisord]` required, no includes followed
 * (supervisorctl does not follow them), other sections not checked. With `requireSection`
 * (default true) a missing `[supervisorctl]` is an error, like supervisorctl's
 * `.ini file does not include supervisorctl section`.
 */
export function loadCtlConfig(
  path: string,
  options: Omit<LoadConfigOptions, "requireSupervisord"> & { requireSection?: boolean },
): CtlFileConfig {
  const { ctx, main, startEnvNames } = startLoad(path, options);
  const problems = ctx.problems;
  if (!options.fs.exists(main)) {
    problems.error({ file: ctx.display(main) }, "could not find config file");
  } else {
    readFileInto(ctx, main, true);
    warnUnknownNames(ctx, (s) => s === "supervisorctl");
    notePlugins(ctx, "ctlplugin");
  }
  let supervisorctl: CtlConfig | null = null;
  if (ctx.store.has("supervisorctl")) {
    supervisorctl = readCtlSection(ctx, startEnvNames);
  } else if (problems.errors.length === 0 && (options.requireSection ?? true)) {
    problems.error({ file: ctx.display(main) }, ".ini file does not include supervisorctl section");
  }
  if (problems.errors.length > 0) throw new ConfigLoadErrors(problems.errors, problems.warnings);
  return { file: main, supervisorctl, warnings: problems.warnings };
}

function startLoad(path: string, options: LoadConfigOptions) {
  const cwd = options.cwd ?? "/";
  const main = resolvePath(cwd, path);
  const relative = !path.startsWith("/");
  const env = options.env ?? {};
  const startEnvNames: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) startEnvNames[`ENV_${k}`] = v;
  const ctx: LoadContext = {
    store: new IniStore(),
    problems: new Problems(),
    fs: options.fs,
    env,
    cwd,
    hostname: options.hostname ?? "localhost",
    here: dirname(main),
    envNames: { ...startEnvNames },
    display: (file) =>
      relative && cwd !== "/" && file.startsWith(`${cwd}/`) ? file.slice(cwd.length + 1) : file,
  };
  return { ctx, main, startEnvNames };
}
