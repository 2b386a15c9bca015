/**
 * Compat: process lifecycle (crash loop to FATAL, startsecs and backoff, autorestart and exitcodes,
 * autostart). A child that must exit "too quickly" gets startsecs=3: supervisord 4.2.5 may notice
 * an exit up to a second late (its poll timeout), and would then count the child as started.
 */

import {
  check,
  CHILD,
  ctl,
  file,
  mainlog,
  type Scenario,
  sleep,
  waitLines,
  waitState,
} from "../helpers/compat_scenario.ts";
import { compatSuite } from "../helpers/compat_suite.ts";

const crashLoop: Scenario = {
  name: "crash_loop_fatal",
  config: `
[program:bad]
command=${CHILD} --record {{dir}}/bad.count --secs 0 --exit 1
startsecs=3
startretries=2
`,
  steps: [
    waitState("bad", "FATAL"),
    ctl("status"),
    file("bad.count"),
    ctl("start bad"),
    waitState("bad", "FATAL"),
    file("bad.count"),
    mainlog("bad"),
  ],
};

/** The spawn times in FILE: does each gap reach the backoff (1 s, 2 s, 3 s …)? */
function backoffGaps(path: string) {
  return async (dir: string) => {
    const stamps = (await Deno.readTextFile(`${dir}/${path}`)).trim().split("\n").map(Number);
    const gaps = stamps.slice(1).map((t, i) => t - stamps[i]!);
    const grown = gaps.map((gap, i) => gap >= i + 1 ? `>= ${i + 1}s` : `< ${i + 1}s`);
    return `${stamps.length} spawns; gaps ${grown.join(", ")}`;
  };
}

const startsecsBackoff: Scenario = {
  name: "startsecs_backoff",
  config: `
[program:quick]
command=${CHILD} --stamp {{dir}}/quick.stamps --secs 0.2 --exit 0
startsecs=3
startretries=3

# slow runs 6 s: "start slow" returns after startsecs (1 s), and "status slow" must still find it
# RUNNING on a loaded machine (with 3 s, supervisorctl's own start-up there sometimes took longer).
[program:slow]
command=${CHILD} --record {{dir}}/slow.count --secs 6 --exit 0
startsecs=1
autorestart=false

[program:zero]
command=${CHILD} --secs 0.3 --exit 0
startsecs=0
autorestart=false
`,
  steps: [
    waitState("zero", "EXITED"),
    waitState("slow", "EXITED"),
    ctl("status slow zero"),
    waitState("quick", "FATAL"),
    ctl("status quick"),
    check("quick's backoff", backoffGaps("quick.stamps")),
    ctl("start slow"),
    ctl("status slow"),
    waitState("slow", "EXITED"),
    file("slow.count"),
    mainlog("slow"),
    mainlog("zero"),
  ],
};

const autorestart: Scenario = {
  name: "autorestart_exitcodes",
  config: `
[program:always]
command=${CHILD} --record {{dir}}/always.count --secs 1.5 --exit 0
startsecs=1
autorestart=true

[program:exp_ok]
command=${CHILD} --record {{dir}}/exp_ok.count --secs 1.5 --exit 2
startsecs=1
autorestart=unexpected
exitcodes=0,2

[program:exp_bad]
command=${CHILD} --record {{dir}}/exp_bad.count --secs 1.5 --exit 3
startsecs=1
exitcodes=0,2

[program:never]
command=${CHILD} --record {{dir}}/never.count --secs 1.5 --exit 3
startsecs=1
autorestart=false

[program:never_quick]
command=${CHILD} --record {{dir}}/never_quick.count --secs 0.1 --exit 3
startsecs=3
startretries=1
autorestart=false
`,
  steps: [
    waitLines("always.count", 3),
    ctl("stop always"),
    waitLines("exp_bad.count", 2),
    ctl("stop exp_bad"),
    waitState("exp_ok", "EXITED"),
    waitState("never", "EXITED"),
    waitState("never_quick", "FATAL"),
    sleep(2_000, "time for supervisord to (not) restart the expected exits"),
    ctl("status"),
    file("exp_ok.count"),
    file("never.count"),
    file("never_quick.count"),
    mainlog("exp_ok"),
    mainlog("never"),
    mainlog("never_quick"),
  ],
};

const autostartFalse: Scenario = {
  name: "autostart_false",
  config: `
[program:auto]
command=${CHILD}
startsecs=1

[program:manual]
command=${CHILD}
startsecs=1
autostart=false
`,
  steps: [
    waitState("auto", "RUNNING"),
    ctl("status"),
    ctl("status auto"),
    ctl("status manual"),
    ctl("start manual"),
    ctl("status"),
    ctl("stop manual"),
    ctl("status manual"),
    ctl("start manual"),
    ctl("restart manual"),
    ctl("status"),
  ],
};

const spawnErrors: Scenario = {
  name: "spawn_errors",
  files: { "notexec.sh": { text: "#!/bin/sh\n", mode: 0o644 } },
  config: `
[program:missing]
command=/nonexistent/prog --flag
startretries=1

[program:notexec]
command={{dir}}/notexec.sh
startretries=1

[program:isdir]
command={{dir}}
startretries=1

[program:nochdir]
command=${CHILD}
directory={{dir}}/nonexistent
startsecs=3
startretries=1
stderr_logfile={{dir}}/nochdir.err
`,
  steps: [
    waitState("missing", "FATAL"),
    waitState("notexec", "FATAL"),
    waitState("isdir", "FATAL"),
    waitState("nochdir", "FATAL"),
    ctl("status"),
    ctl("start missing"),
    ctl("start notexec"),
    ctl("start isdir"),
    ctl("start nochdir"),
    waitState("nochdir", "FATAL"),
    file("nochdir.err"),
    ctl("maintail -100000", { keep: /'missing'|: missing |can't find command/ }),
    ctl("maintail -100000", { keep: /'notexec'|: notexec |is not executable/ }),
    ctl("maintail -100000", { keep: /'isdir'|: isdir |is a directory/ }),
  ],
};

await compatSuite("lifecycle", [
  crashLoop,
  startsecsBackoff,
  autorestart,
  autostartFalse,
  spawnErrors,
]);
