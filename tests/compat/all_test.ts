/** Compat: `stop all`, `start all`, `restart all`, status exit codes, and `shutdown`. */

import {
  CHILD,
  ctl,
  ctlSorted,
  type Scenario,
  waitDaemonExit,
  waitState,
} from "../helpers/compat_scenario.ts";
import { compatSuite } from "../helpers/compat_suite.ts";

const all: Scenario = {
  name: "all_actions",
  config: `
[program:a]
command=${CHILD}
startsecs=1
priority=1

[program:b]
command=${CHILD}
startsecs=1
priority=2

[program:c]
command=${CHILD}
startsecs=1
autostart=false

[group:g]
programs=d,e
priority=3

[program:d]
command=${CHILD}
startsecs=1

[program:e]
command=${CHILD}
startsecs=1
`,
  steps: [
    waitState("a", "RUNNING"),
    waitState("b", "RUNNING"),
    waitState("g:d", "RUNNING"),
    waitState("g:e", "RUNNING"),
    ctl("status"),
    ctlSorted("stop all"),
    ctl("status"),
    ctlSorted("stop all"),
    ctlSorted("start all"),
    ctl("status"),
    ctlSorted("start all"),
    ctlSorted("restart all"),
    ctl("status"),
    ctlSorted("stop g:* a"),
    ctl("status all"),
    ctlSorted("restart all"),
    ctl("status"),
  ],
};

const shutdown: Scenario = {
  name: "shutdown",
  config: `
[program:a]
command=${CHILD}
startsecs=1
`,
  steps: [
    waitState("a", "RUNNING"),
    ctl("shutdown extra"),
    ctl("shutdown"),
    waitDaemonExit(),
    ctl("status"),
    ctl("stop a"),
    ctl("shutdown"),
    ctl("pid"),
  ],
};

await compatSuite("all", [all, shutdown], { cross: true });
