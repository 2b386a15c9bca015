/** Compat: ctl error messages and exit codes, status codes, pid, tail, clear, maintail, help. */

import { CHILD, ctl, type Scenario, waitFile, waitState } from "../helpers/compat_scenario.ts";
import { compatSuite } from "../helpers/compat_suite.ts";

const PROGRAMS = `
[program:run]
command=${CHILD} --out "hello from run" --err "oops from run"
startsecs=1

[program:idle]
command=${CHILD}
autostart=false

[program:nofile]
command=/nonexistent/prog
autostart=false

[program:notexec]
command={{dir}}/notexec.sh
autostart=false

[group:grp]
programs=ga

[program:ga]
command=${CHILD}
startsecs=1
`;

const messages: Scenario = {
  name: "error_messages",
  files: { "notexec.sh": { text: "#!/bin/sh\n", mode: 0o644 } },
  config: PROGRAMS,
  steps: [
    waitState("run", "RUNNING"),
    waitState("grp:ga", "RUNNING"),
    ctl("status"),
    ctl("status run"),
    ctl("status idle"),
    ctl("status run grp:ga"),
    ctl("status nosuch"),
    ctl("status nog:*"),
    ctl("status run nosuch"),
    ctl("start run"),
    ctl("start nosuch"),
    ctl("start nofile"),
    ctl("start notexec"),
    ctl("start nog:*"),
    ctl("start grp:nosuch"),
    ctl("start a:b:c"),
    ctl("start"),
    ctl("start run nosuch idle"),
    ctl("stop idle"),
    ctl("stop nosuch"),
    ctl("stop nog:*"),
    ctl("stop"),
    ctl("restart"),
    ctl("restart nosuch"),
    ctl("clear"),
    ctl("avail extra"),
    ctl("reread extra"),
    ctl("nosuchaction"),
    ctl("status"),
  ],
};

const pidTailClear: Scenario = {
  name: "pid_tail_clear",
  files: { "notexec.sh": { text: "#!/bin/sh\n", mode: 0o644 } },
  config: PROGRAMS,
  steps: [
    waitState("run", "RUNNING"),
    waitState("grp:ga", "RUNNING"),
    ctl("pid"),
    ctl("pid run"),
    ctl("pid idle"),
    ctl("pid run grp:ga"),
    ctl("pid all"),
    ctl("pid nosuch"),
    ctl("pid grp:*"),
    ctl("tail run"),
    ctl("tail run stdout"),
    ctl("tail run stderr"),
    ctl("tail -5 run"),
    ctl("tail -5 run stderr"),
    ctl("tail idle"),
    ctl("tail nosuch"),
    ctl("tail"),
    ctl("tail run stdout extra"),
    ctl("tail run bogus"),
    ctl("tail -x run"),
    ctl("tail grp:ga"),
    ctl("clear run"),
    ctl("tail run"),
    ctl("tail run stderr"),
    ctl("clear nosuch"),
    ctl("clear grp:*"),
    ctl("clear all"),
    ctl("clear idle run"),
    ctl("stop run"),
    ctl("pid run"),
  ],
};

const maintail: Scenario = {
  name: "maintail",
  config: `
[program:one]
command=${CHILD}
startsecs=1
`,
  steps: [
    waitState("one", "RUNNING"),
    ctl("stop one"),
    waitFile("supervisord.log", "stopped: one"),
    ctl("maintail -100000", { keep: /^(?!.* waiting for one to stop)/ }),
    ctl("maintail -31"),
    ctl("maintail -x"),
    ctl("maintail one"),
    ctl("maintail -5 extra"),
  ],
};

const help: Scenario = {
  name: "help",
  config: "",
  steps: [
    ctl("help"),
    ctl("help start"),
    ctl("help status"),
    ctl("help nosuchaction"),
  ],
};

await compatSuite("errors", [messages, pidTailClear, maintail, help], { cross: true });
