/**
 * Compat: event listeners side by side with supervisord. A listener written on supervisor's own
 * childutils (tests/fixtures/events/recorder.py) records every event it gets (header fields and
 * payload, pids masked); the transcripts must match supervisord's: the PROCESS_STATE sequence of a
 * program's whole life, FAIL rebuffering, TICK alignment, capture mode, remote communication.
 */

import {
  check,
  CHILD,
  ctl,
  file,
  mainlog,
  type Scenario,
  waitFile,
  waitLines,
  waitState,
} from "../helpers/compat_scenario.ts";
import { compatSuite } from "../helpers/compat_suite.ts";

/** The recorder listener's command line. */
const RECORDER = "/usr/bin/python3 {{children}}/../../events/recorder.py --out {{dir}}/events.txt";

/** Sends REMOTE_COMMUNICATION over XML-RPC with supervisor's own client. */
function remoteComm(type: string, data: string) {
  return check(`sendRemoteCommEvent ${type}`, async (dir) => {
    const script = `
from supervisor import childutils
rpc = childutils.getRPCInterface({"SUPERVISOR_SERVER_URL": "unix://${dir}/s.sock"})
print(rpc.supervisor.sendRemoteCommEvent(${JSON.stringify(type)}, ${JSON.stringify(data)}))
`;
    const out = await new Deno.Command("/usr/bin/python3", { args: ["-c", script] }).output();
    return new TextDecoder().decode(out.stdout).trim();
  });
}

const lifeSequence: Scenario = {
  name: "events_state_sequence",
  config: `
[eventlistener:lis]
command=${RECORDER}
events=PROCESS_STATE

[program:life]
command=${CHILD} --signals {{dir}}/signals.txt --trap-exit INT
startsecs=3
autorestart=false
`,
  steps: [
    waitState("life", "RUNNING"),
    ctl("signal INT life"),
    waitState("life", "EXITED"),
    ctl("start life"),
    ctl("stop life"),
    waitLines("events.txt", 9),
    file("events.txt"),
  ],
};

const crashSequence: Scenario = {
  name: "events_crash_to_fatal",
  config: `
[eventlistener:lis]
command=${RECORDER} --mask-serials --types PROCESS_STATE_STARTING,PROCESS_STATE_BACKOFF,PROCESS_STATE_FATAL,PROCESS_STATE_EXITED
events=PROCESS_STATE
priority=1

[program:bad]
command=/bin/false
startsecs=3
startretries=2
priority=2
`,
  steps: [
    waitState("bad", "FATAL"),
    waitLines("events.txt", 7),
    file("events.txt"),
  ],
};

const failRebuffer: Scenario = {
  name: "events_fail_rebuffer",
  config: `
[eventlistener:lis]
command=${RECORDER} --fail 2
events=PROCESS_GROUP,SUPERVISOR_STATE_CHANGE_RUNNING
`,
  steps: [
    waitLines("events.txt", 4),
    file("events.txt"),
    mainlog("lis: event was rejected"),
  ],
};

const capture: Scenario = {
  name: "events_capture_mode",
  config: `
[eventlistener:lis]
command=${RECORDER} --types PROCESS_COMMUNICATION_STDOUT,PROCESS_COMMUNICATION_STDERR,PROCESS_LOG_STDOUT
events=PROCESS_COMMUNICATION,PROCESS_LOG,PROCESS_STATE_EXITED

[program:talk]
command=/bin/sh -c "sleep 2; echo 'plain line one'; echo '<!--XSUPERVISOR:BEGIN-->the captured block<!--XSUPERVISOR:END-->'; echo 'plain line two, long enough to pass'; sleep 1; echo '<!--XSUPERVISOR:BEGIN-->err block<!--XSUPERVISOR:END-->' >&2; sleep 1"
stdout_capture_maxbytes=1KB
stderr_capture_maxbytes=5
stdout_events_enabled=true
autorestart=false
startsecs=0
`,
  steps: [
    waitState("talk", "EXITED"),
    waitLines("events.txt", 5),
    file("events.txt"),
    ctl("tail talk"),
    ctl("tail talk stderr"),
  ],
};

const remote: Scenario = {
  name: "events_remote_communication",
  config: `
[eventlistener:lis]
command=${RECORDER}
events=REMOTE_COMMUNICATION
`,
  steps: [
    waitState("lis", "RUNNING"),
    remoteComm("mytype", "mydata"),
    remoteComm("other", "two\nlines ünïcode"),
    waitLines("events.txt", 2),
    file("events.txt"),
  ],
};

const ticks: Scenario = {
  name: "events_tick_alignment",
  config: `
[eventlistener:lis]
command=${RECORDER} --types TICK_5
events=TICK_5
`,
  steps: [
    waitLines("events.txt", 2, 20_000),
    check("first two ticks", async (dir) => {
      const lines = (await Deno.readTextFile(`${dir}/events.txt`)).split("\n").slice(0, 2);
      return lines.map((l) => l.replace(/serial=\d+ poolserial=\d+/, "serial=S poolserial=S"))
        .join("\n");
    }),
  ],
};

const badListeners: Scenario = {
  name: "events_bad_listeners",
  config: `
[eventlistener:garbage]
command=${RECORDER} --instead-of-ready "hello there\\n"
events=PROCESS_GROUP

[eventlistener:badline]
command=${RECORDER} --result "RESULT two\\n"
events=PROCESS_GROUP
`,
  steps: [
    waitState("garbage", "RUNNING"),
    waitState("badline", "RUNNING"),
    waitFile("supervisord.log", "garbage: has entered the UNKNOWN state"),
    waitFile("supervisord.log", "badline: bad result line"),
    // Only the warnings: whether they come before or after `success:` depends on how fast the
    // listener starts, in both daemons.
    ctl("maintail -100000", { keep: /WARN garbage:/ }),
    ctl("maintail -100000", { keep: /WARN badline:/ }),
    ctl("status"),
  ],
};

await compatSuite("events", [
  badListeners,
  lifeSequence,
  crashSequence,
  failRebuffer,
  capture,
  remote,
  ticks,
]);
