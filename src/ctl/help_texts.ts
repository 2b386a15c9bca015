/** supervisorctl 4.2.5's help texts, byte for byte (`help`, `help <action>`, `-h`). */

/** `help <action>` for every action that has help (tabs are supervisorctl's own). */
export const ACTION_HELP: Readonly<Record<string, string>> = {
  add: "add <name> [...]\tActivates any updates in config for process/group",
  avail: "avail\t\t\tDisplay all configured processes",
  clear: "clear <name>\t\tClear a process' log files.\n" +
    "clear <name> <name>\tClear multiple process' log files\n" +
    "clear all\t\tClear all process' log files",
  exit: "exit\tExit the supervisor shell.",
  fg: "fg <process>\tConnect to a process in foreground mode\n\t\tCtrl-C to exit",
  help: "help\t\tPrint a list of available actions\nhelp <action>\tPrint help for <action>",
  events: "events\t\t\tThe events the daemon kept (svisor), oldest first\n" +
    "events -f\t\tThose, then each new event as it happens (Ctrl-C to exit)\n" +
    "events TYPE ...\t\tOnly these types (PROCESS_STATE gets every PROCESS_STATE_*)\n" +
    "events --names G:P\tOnly events of these processes (globs, comma-separated)\n" +
    "events --json\t\tOne JSON object per line\n",
  maintail: "maintail -f \tContinuous tail of supervisor main log file (Ctrl-C to exit)\n" +
    "maintail -100\tlast 100 *bytes* of supervisord main log file\n" +
    "maintail\tlast 1600 *bytes* of supervisor main log file\n",
  open: "open <url>\tConnect to a remote supervisord process.\n" +
    "\t\t(for UNIX domain socket, use unix:///socket/path)",
  pid: "pid\t\t\tGet the PID of supervisord.\n" +
    "pid <name>\t\tGet the PID of a single child process by name.\n" +
    "pid all\t\t\tGet the PID of every child process, one per line.",
  quit: "quit\tExit the supervisor shell.",
  reload: "reload \t\tRestart the remote supervisord.",
  remove: "remove <name> [...]\tRemoves process/group from active config",
  reread: "reread \t\t\tReload the daemon's configuration files without add/remove",
  restart: "restart <name>\t\tRestart a process\n" +
    "restart <gname>:*\tRestart all processes in a group\n" +
    "restart <name> <name>\tRestart multiple processes or groups\n" +
    "restart all\t\tRestart all processes\n" +
    "Note: restart does not reread config files. For that, see reread and update.",
  shutdown: "shutdown \tShut the remote supervisord down.",
  // svisor's own (not in TOPICS_HELP, which stays supervisorctl's byte for byte).
  why: "why <name> [...]\tExplain why a process is in its state (svisor daemons only)",
  signal: "signal <signal name> <name>\t\tSignal a process\n" +
    "signal <signal name> <gname>:*\t\tSignal all processes in a group\n" +
    "signal <signal name> <name> <name>\tSignal multiple processes or groups\n" +
    "signal <signal name> all\t\tSignal all processes",
  start: "start <name>\t\tStart a process\n" +
    "start <gname>:*\t\tStart all processes in a group\n" +
    "start <name> <name>\tStart multiple processes or groups\n" +
    "start all\t\tStart all processes",
  status: "status <name>\t\tGet status for a single process\n" +
    "status <gname>:*\tGet status for all processes in a group\n" +
    "status <name> <name>\tGet status for multiple named processes\n" +
    "status\t\t\tGet all process status info",
  stop: "stop <name>\t\tStop a process\n" +
    "stop <gname>:*\t\tStop all processes in a group\n" +
    "stop <name> <name>\tStop multiple processes or groups\n" +
    "stop all\t\tStop all processes",
  tail: "tail [-f] <name> [stdout|stderr] (default stdout)\n" +
    "Ex:\n" +
    "tail -f <name>\t\tContinuous tail of named process stdout\n" +
    "\t\t\tCtrl-C to exit.\n" +
    "tail -100 <name>\tlast 100 *bytes* of process stdout\n" +
    "tail <name> stderr\tlast 1600 *bytes* of process stderr",
  update:
    "update\t\t\tReload config and add/remove as necessary, and will restart affected programs\n" +
    "update all\t\tReload config and add/remove as necessary, and will restart affected programs\n" +
    "update <gname> [...]\tUpdate specific groups",
  version: "version\t\t\tShow the version of the remote supervisord process",
};

/** `help` with no topic: cmd.Cmd's column list (trailing spaces included), framed by blank lines. */
export const TOPICS_HELP = "\n" +
  "default commands (type help <topic>):\n" +
  "=====================================\n" +
  "add    exit      open  reload  restart   start   tail   \n" +
  "avail  fg        pid   remove  shutdown  status  update \n" +
  "clear  maintail  quit  reread  signal    stop    version\n" +
  "\n";

/**
 * The `-h` text, with supervisorctl's options and svisor's additions; `called` is the name svisor
 * was invoked by: `supervisorctl` (as a drop-in: supervisorctl's title, the path as called) or null.
 */
export function ctlUsage(called: string | null): string {
  const drop = called !== null;
  const title = drop
    ? "supervisorctl -- control applications run by supervisord from the cmd line."
    : "svisor ctl -- control applications run by a supervisord (svisor's or Supervisor's).";
  return `${title}

Usage: ${called ?? "svisor ctl"} [options] [action [arguments]]

Options:
-c/--configuration FILENAME -- configuration file path (searches if not given)
-h/--help -- print usage message and exit
-i/--interactive -- start an interactive shell after executing commands
-s/--serverurl URL -- URL on which supervisord server is listening
     (default "http://localhost:9001").
-u/--username USERNAME -- username to use for authentication with server
-p/--password PASSWORD -- password to use for authentication with server
-r/--history-file -- keep a readline history (if readline is available)
--json -- machine-readable output for status, avail, pid and version

action [arguments] -- see below

Actions are commands like "tail" or "stop".  If -i is specified or no action is
specified on the command line, a "shell" interpreting actions typed
interactively is started.  Use the action "help" to find out about available
actions.
${drop ? "\n" : ""}`;
}
