/** Compat: stopping and signalling (stopsignal, stopwaitsecs escalation, killasgroup, stopasgroup, `signal`). */

import {
  alive,
  CHILD,
  ctl,
  file,
  mainlog,
  type Scenario,
  waitFile,
  waitState,
} from "../helpers/compat_scenario.ts";
import { compatSuite } from "../helpers/compat_suite.ts";

/** A child that records the signals in SIGS into NAME.sig, and writes NAME.ready when set up. */
function trapping(name: string, option: "--trap" | "--trap-exit", sigs: string, more = ""): string {
  return `${CHILD} --signals {{dir}}/${name}.sig ${option} ${sigs} ${more} --ready {{dir}}/${name}.ready`;
}

const stopsignal: Scenario = {
  name: "stopsignal",
  config: `
[program:int]
command=${trapping("int", "--trap-exit", "INT")}
startsecs=1
stopsignal=INT

[program:usr1]
command=${trapping("usr1", "--trap-exit", "USR1")}
startsecs=1
stopsignal=SIGUSR1

[program:hup]
command=${trapping("hup", "--trap-exit", "HUP")}
startsecs=1
stopsignal=hup

[program:plain]
command=${CHILD}
startsecs=1
`,
  steps: [
    waitState("int", "RUNNING"),
    waitState("usr1", "RUNNING"),
    waitState("hup", "RUNNING"),
    waitState("plain", "RUNNING"),
    waitFile("int.ready", "ready"),
    waitFile("usr1.ready", "ready"),
    waitFile("hup.ready", "ready"),
    ctl("stop int"),
    ctl("stop usr1 hup"),
    ctl("stop plain"),
    file("int.sig"),
    file("usr1.sig"),
    file("hup.sig"),
    ctl("status"),
    mainlog("int"),
    mainlog("usr1"),
    mainlog("hup"),
    mainlog("plain"),
  ],
};

const escalation: Scenario = {
  name: "stopwaitsecs_sigkill",
  config: `
[program:stubborn]
command=${trapping("stubborn", "--trap", "TERM")}
startsecs=1
stopwaitsecs=1
`,
  steps: [
    waitState("stubborn", "RUNNING"),
    waitFile("stubborn.ready", "ready"),
    ctl("stop stubborn"),
    file("stubborn.sig"),
    ctl("status"),
    mainlog("stubborn"),
  ],
};

const groupKill: Scenario = {
  name: "killasgroup_stopasgroup",
  config: `
[program:groupkill]
command=${trapping("groupkill", "--trap", "TERM", "--grandchild {{dir}}/groupkill.gc")}
startsecs=1
stopwaitsecs=1
killasgroup=true

[program:lonekill]
command=${trapping("lonekill", "--trap", "TERM", "--grandchild {{dir}}/lonekill.gc")}
startsecs=1
stopwaitsecs=1

[program:groupstop]
command=${CHILD} --grandchild {{dir}}/groupstop.gc --ready {{dir}}/groupstop.ready
startsecs=1
stopasgroup=true
`,
  steps: [
    waitState("groupkill", "RUNNING"),
    waitState("lonekill", "RUNNING"),
    waitState("groupstop", "RUNNING"),
    waitFile("groupkill.ready", "ready"),
    waitFile("lonekill.ready", "ready"),
    waitFile("groupstop.ready", "ready"),
    alive("groupkill.gc"),
    ctl("stop groupkill"),
    alive("groupkill.gc"),
    ctl("stop lonekill"),
    alive("lonekill.gc"),
    ctl("stop groupstop"),
    alive("groupstop.gc"),
    file("groupkill.sig"),
    file("lonekill.sig"),
    mainlog("groupkill"),
    mainlog("lonekill"),
    mainlog("groupstop"),
  ],
};

const signalAction: Scenario = {
  name: "signal_action",
  config: `
[program:sig]
command=${trapping("sig", "--trap", "USR1,USR2,HUP")}
startsecs=1

[program:idle]
command=${CHILD}
autostart=false

[group:g]
programs=ga,gb

[program:ga]
command=${trapping("ga", "--trap", "USR1,USR2")}
startsecs=1

[program:gb]
command=${trapping("gb", "--trap", "USR1,USR2")}
startsecs=1
`,
  steps: [
    waitState("sig", "RUNNING"),
    waitState("g:ga", "RUNNING"),
    waitState("g:gb", "RUNNING"),
    waitFile("sig.ready", "ready"),
    waitFile("ga.ready", "ready"),
    waitFile("gb.ready", "ready"),
    ctl("signal USR1 sig"),
    waitFile("sig.sig", "SIGUSR1"),
    ctl("signal SIGUSR2 sig"),
    waitFile("sig.sig", "SIGUSR2"),
    ctl("signal hup sig"),
    waitFile("sig.sig", "SIGHUP"),
    ctl("signal 10 sig"),
    waitFile("sig.sig", "SIGUSR1\nSIGUSR2\nSIGHUP\nSIGUSR1"),
    file("sig.sig"),
    ctl("signal BOGUS sig"),
    ctl("signal USR1 idle"),
    ctl("signal USR1 nosuch"),
    ctl("signal USR1 nog:*"),
    ctl("signal USR1"),
    ctl("signal"),
    ctl("signal USR1 g:*"),
    waitFile("ga.sig", "SIGUSR1"),
    waitFile("gb.sig", "SIGUSR1"),
    ctl("signal USR2 all"),
    waitFile("ga.sig", "SIGUSR1\nSIGUSR2"),
    waitFile("gb.sig", "SIGUSR1\nSIGUSR2"),
    waitFile("sig.sig", "SIGUSR1\nSIGUSR2\nSIGHUP\nSIGUSR1\nSIGUSR2"),
    file("ga.sig"),
    file("gb.sig"),
    ctl("status"),
  ],
};

await compatSuite("stopping", [stopsignal, escalation, groupKill, signalAction]);
