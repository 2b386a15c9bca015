/** The systems a compat scenario runs against: how each starts its daemon and runs its ctl. */

/** A daemon plus a control client, as argv prefixes (the config path is appended after `-c`). */
export interface CompatSystem {
  /** A short name for test titles and messages. */
  name: string;
  /** The daemon's argv up to and including `-c` (foreground mode). */
  daemon: string[];
  /** The ctl's argv up to and including `-c`. */
  ctl: string[];
}

/** The root of the repository (where main.ts is), resolved from this file's URL. */
export const REPO_ROOT = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");

/** Debian's supervisord. */
export const SUPERVISORD = "/usr/bin/supervisord";
/** Debian's supervisorctl. */
export const SUPERVISORCTL = "/usr/bin/supervisorctl";

function svisorArgv(): string[] {
  return [
    Deno.execPath(),
    "run",
    "-A",
    "--config",
    `${REPO_ROOT}/deno.json`,
    `${REPO_ROOT}/main.ts`,
  ];
}

/** supervisord + supervisorctl: the reference. */
export function supervisorSystem(): CompatSystem {
  return { name: "supervisord", daemon: [SUPERVISORD, "-n", "-c"], ctl: [SUPERVISORCTL, "-c"] };
}

/** svisor daemon + svisor ctl. */
export function svisorSystem(): CompatSystem {
  return {
    name: "svisor",
    daemon: [...svisorArgv(), "daemon", "-n", "-c"],
    ctl: [...svisorArgv(), "ctl", "-c"],
  };
}

/** svisor daemon driven by the real supervisorctl. */
export function hybridSystem(): CompatSystem {
  return {
    name: "svisor+supervisorctl",
    daemon: [...svisorArgv(), "daemon", "-n", "-c"],
    ctl: [SUPERVISORCTL, "-c"],
  };
}

/** supervisord driven by svisor's ctl. */
export function svisorCtlSystem(): CompatSystem {
  return {
    name: "supervisord+svisor ctl",
    daemon: [SUPERVISORD, "-n", "-c"],
    ctl: [...svisorArgv(), "ctl", "-c"],
  };
}

/** Whether supervisord and supervisorctl are installed. */
export function supervisorInstalled(): boolean {
  try {
    return Deno.statSync(SUPERVISORD).isFile && Deno.statSync(SUPERVISORCTL).isFile;
  } catch {
    return false;
  }
}
