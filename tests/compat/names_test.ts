/** Compat: names and environment (numprocs, groups, environment, redirect_stderr, %(here)s, AUTO logs). */

import {
  CHILD,
  ctl,
  ctlSorted,
  file,
  ls,
  type Scenario,
  waitFile,
  waitState,
} from "../helpers/compat_scenario.ts";
import { compatSuite } from "../helpers/compat_suite.ts";

const numprocs: Scenario = {
  name: "numprocs",
  config: `
[program:w]
command=${CHILD} --out "I am %(process_num)d of %(numprocs)d"
process_name=%(program_name)s_%(process_num)02d
numprocs=3
numprocs_start=5
startsecs=1
stdout_logfile={{dir}}/%(program_name)s_%(process_num)d.out

[program:solo]
command=${CHILD}
startsecs=1
`,
  steps: [
    waitState("w:w_05", "RUNNING"),
    waitState("w:w_06", "RUNNING"),
    waitState("w:w_07", "RUNNING"),
    waitState("solo", "RUNNING"),
    ctl("status"),
    ctl("status w:*"),
    ctl("stop w:w_06"),
    ctl("status w:*"),
    ctlSorted("start w:*"),
    ctl("stop w"),
    ctl("status w:w_08"),
    ctl("avail"),
    waitFile("w_7.out", "I am"),
    file("w_5.out"),
    file("w_7.out"),
    ctlSorted("stop w:*"),
    ctl("status"),
  ],
};

const groups: Scenario = {
  name: "groups",
  config: `
[group:g]
programs=a,b
priority=10

[program:a]
command=${CHILD}
startsecs=1

[program:b]
command=${CHILD}
startsecs=1
autostart=false

[program:c]
command=${CHILD}
startsecs=1
`,
  steps: [
    waitState("g:a", "RUNNING"),
    waitState("c", "RUNNING"),
    ctl("status"),
    ctl("status g:*"),
    ctl("status g:"),
    ctl("status g"),
    ctl("status a"),
    ctl("status g:a c"),
    ctl("start g:b"),
    ctlSorted("stop g:*"),
    ctlSorted("start g:*"),
    ctlSorted("restart g:*"),
    ctl("stop g:nosuch"),
    ctl("start nog:*"),
    ctl("stop g:a g:b c"),
    ctl("status"),
    ctl("avail"),
  ],
};

const environment: Scenario = {
  name: "environment_redirect_stderr",
  config: `
[supervisord]
environment=GLOBAL="from supervisord",SHARED=global

[program:env]
command=${CHILD} --env GLOBAL,SHARED,LOCAL,QUOTED,SUPERVISOR_ENABLED,SUPERVISOR_PROCESS_NAME,SUPERVISOR_GROUP_NAME,SUPERVISOR_SERVER_URL,UNSET_THING --err "to stderr" --out done
environment=LOCAL="x y",SHARED=program,QUOTED='a,b'
startsecs=1
stdout_logfile={{dir}}/env.out
stderr_logfile={{dir}}/env.err

[program:merged]
command=${CHILD} --env SUPERVISOR_PROCESS_NAME,SUPERVISOR_GROUP_NAME --err "to stderr" --out done
startsecs=1
redirect_stderr=true
stdout_logfile={{dir}}/merged.out

[group:grp]
programs=member

[program:member]
command=${CHILD} --env SUPERVISOR_PROCESS_NAME,SUPERVISOR_GROUP_NAME --out done
startsecs=1
stdout_logfile={{dir}}/member.out

[program:auto]
command=${CHILD} --out "auto out" --err "auto err"
startsecs=1
`,
  steps: [
    waitState("env", "RUNNING"),
    waitState("merged", "RUNNING"),
    waitState("grp:member", "RUNNING"),
    waitState("auto", "RUNNING"),
    waitFile("env.out", "done"),
    waitFile("env.err", "to stderr"),
    waitFile("merged.out", "to stderr"),
    waitFile("member.out", "done"),
    file("env.out"),
    file("env.err"),
    file("merged.out"),
    file("member.out"),
    ctl("tail env"),
    ctl("tail env stderr"),
    ctl("tail merged"),
    ctl("tail merged stderr"),
    ctl("tail auto"),
    ctl("tail auto stderr"),
    ls("logs"),
  ],
};

const here: Scenario = {
  name: "here_expansion",
  files: { "sub/keep.txt": "kept\n" },
  config: `
[program:here]
command=${CHILD} --cwd --out "here=%(here)s"
directory=%(here)s/sub
startsecs=1
stdout_logfile=%(here)s/sub/here.out
`,
  steps: [
    waitState("here", "RUNNING"),
    waitFile("sub/here.out", "here="),
    file("sub/here.out"),
    ls("sub"),
  ],
};

await compatSuite("names", [numprocs, groups, environment, here]);
