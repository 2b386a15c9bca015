/**
 * Compat: the real supervisorctl drives svisor's daemon, over the unix socket and over
 * inet_http_server with a username and password (plain and {SHA}), and must print exactly what
 * it prints against supervisord. svisor's own ctl runs the same scenarios.
 */

import {
  CHILD,
  ctl,
  ctlSorted,
  mainlog,
  type Scenario,
  waitState,
} from "../helpers/compat_scenario.ts";
import { compatSuite } from "../helpers/compat_suite.ts";

const PROGRAMS = `
[program:web]
command=${CHILD} --out "web says hi"
startsecs=1

[program:idle]
command=${CHILD}
autostart=false

[group:pool]
programs=worker

[program:worker]
command=${CHILD}
process_name=%(program_name)s_%(process_num)d
numprocs=2
startsecs=1
`;

const EVERYDAY = [
  waitState("web", "RUNNING"),
  waitState("pool:worker_0", "RUNNING"),
  waitState("pool:worker_1", "RUNNING"),
  ctl("status"),
  ctl("status pool:*"),
  ctl("status nosuch"),
  ctl("stop web"),
  ctl("start web idle"),
  ctl("start web"),
  ctlSorted("restart pool:*"),
  ctl("signal HUP idle"),
  ctl("stop idle"),
  ctl("stop idle"),
  ctl("pid idle"),
  ctl("tail web"),
  ctl("tail -3 web"),
  ctl("clear web"),
  ctl("avail"),
  ctl("reread"),
  ctl("update"),
  ctl("status"),
  mainlog("web"),
];

const RPC = `
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
`;

const SUPERVISORD = `
[supervisord]
logfile={{dir}}/supervisord.log
pidfile={{dir}}/supervisord.pid
childlogdir={{dir}}/logs
loglevel=info
`;

function inetHeader(serverPassword: string): string {
  return `[inet_http_server]
port=127.0.0.1:{{port}}
username=user
password=${serverPassword}
${SUPERVISORD}${RPC}
[supervisorctl]
serverurl=http://127.0.0.1:{{port}}
username=user
password=secret
`;
}

const AUTH_STEPS = [
  ctl("-p wrong status"),
  ctl("-u nobody status"),
  ctl("-u nobody -p secret stop web"),
  ctl("-p wrong maintail"),
];

const unixSocket: Scenario = { name: "supervisorctl_unix", config: PROGRAMS, steps: EVERYDAY };

const inetAuth: Scenario = {
  name: "supervisorctl_inet_auth",
  header: inetHeader("secret"),
  config: PROGRAMS,
  steps: [...EVERYDAY, ...AUTH_STEPS],
};

const inetSha: Scenario = {
  name: "supervisorctl_inet_sha",
  header: inetHeader("{SHA}e5e9fa1ba31ecd1ae84f75caaa474f3a663f05f4"),
  config: PROGRAMS,
  steps: [waitState("web", "RUNNING"), ctl("status web"), ctl("stop web"), ...AUTH_STEPS],
};

const unixAuth: Scenario = {
  name: "supervisorctl_unix_auth",
  header: `[unix_http_server]
file={{sock}}
username=user
password=secret
${SUPERVISORD}${RPC}
[supervisorctl]
serverurl=unix://{{sock}}
username=user
password=secret
`,
  config: PROGRAMS,
  steps: [waitState("web", "RUNNING"), ctl("status web"), ...AUTH_STEPS],
};

await compatSuite("supervisorctl", [unixSocket, inetAuth, inetSha, unixAuth], { cross: true });
