/** Compat: reread, avail, update, add, remove and reload as the config changes between steps. */

import { CHILD, ctl, rewriteConfig, type Scenario, waitState } from "../helpers/compat_scenario.ts";
import { compatSuite } from "../helpers/compat_suite.ts";

const V1 = `
[program:keep]
command=${CHILD}
startsecs=1

[program:change]
command=${CHILD} --out v1
startsecs=1

[program:drop]
command=${CHILD}
startsecs=1

[group:grp]
programs=g1

[program:g1]
command=${CHILD}
startsecs=1
`;

const V2 = `
[program:keep]
command=${CHILD}
startsecs=1

[program:change]
command=${CHILD} --out v2
startsecs=1

[program:new]
command=${CHILD}
startsecs=1
priority=5

[group:grp]
programs=g1,g2

[program:g1]
command=${CHILD}
startsecs=1

[program:g2]
command=${CHILD}
startsecs=1
autostart=false

[group:ng]
programs=n1

[program:n1]
command=${CHILD}
startsecs=1
`;

const V3 = `${V2}
[program:later]
command=${CHILD}
startsecs=1
autostart=false
`;

const rereadUpdate: Scenario = {
  name: "reread_avail_update",
  config: V1,
  steps: [
    waitState("keep", "RUNNING"),
    waitState("change", "RUNNING"),
    waitState("drop", "RUNNING"),
    waitState("grp:g1", "RUNNING"),
    ctl("reread"),
    ctl("avail"),
    rewriteConfig(V2),
    ctl("reread"),
    ctl("avail"),
    ctl("update nosuch"),
    ctl("update"),
    waitState("new", "RUNNING"),
    waitState("ng:n1", "RUNNING"),
    waitState("change", "RUNNING"),
    ctl("status"),
    ctl("reread"),
    ctl("update"),
    ctl("avail"),
  ],
};

const addRemove: Scenario = {
  name: "add_remove",
  config: V1,
  steps: [
    waitState("keep", "RUNNING"),
    rewriteConfig(V3),
    ctl("reread"),
    ctl("add later"),
    ctl("add later"),
    ctl("add nosuch"),
    ctl("status later"),
    ctl("remove keep"),
    ctl("stop keep"),
    ctl("remove keep"),
    ctl("remove keep"),
    ctl("status keep"),
    ctl("add keep"),
    waitState("keep", "RUNNING"),
    ctl("remove drop"),
    ctl("add"),
    ctl("remove"),
    ctl("update grp"),
    waitState("grp:g1", "RUNNING"),
    ctl("status"),
  ],
};

const reload: Scenario = {
  name: "reload",
  config: V1,
  steps: [
    waitState("keep", "RUNNING"),
    ctl("stop drop"),
    rewriteConfig(V2),
    ctl("reload extra"),
    ctl("reload"),
    waitState("new", "RUNNING"),
    waitState("keep", "RUNNING"),
    waitState("change", "RUNNING"),
    waitState("ng:n1", "RUNNING"),
    waitState("grp:g1", "RUNNING"),
    ctl("status"),
  ],
};

await compatSuite("reload", [rereadUpdate, addRemove, reload], { cross: true });
