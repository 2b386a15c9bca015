/** Tests the small pure helpers: exit decoding, child environment, descriptions, ProcessInfo, namespecs, repr. */

import assert from "node:assert/strict";
import { buildChildEnv } from "../../src/process/child_env.ts";
import { decodeExit } from "../../src/process/exit_status.ts";
import { makeNamespec, splitNamespec } from "../../src/protocol/namespec.ts";
import {
  describeProcess,
  formatStopTime,
  formatTimedelta,
} from "../../src/process/process_description.ts";
import { processInfo } from "../../src/process/process_info.ts";
import { newRecord } from "../../src/process/process_record.ts";
import { pyRepr } from "../../src/protocol/py_repr.ts";

Deno.test("decodeExit: exit codes, signals (-1), with or without SIG", () => {
  assert.deepEqual(decodeExit({ code: 0, signal: null }), { code: 0, message: "exit status 0" });
  assert.deepEqual(decodeExit({ code: 127, signal: null }), {
    code: 127,
    message: "exit status 127",
  });
  assert.deepEqual(decodeExit({ code: null, signal: "SIGKILL" }), {
    code: -1,
    message: "terminated by SIGKILL",
  });
  assert.deepEqual(decodeExit({ code: null, signal: "TERM" }), {
    code: -1,
    message: "terminated by SIGTERM",
  });
});

Deno.test("buildChildEnv: daemon env, then SUPERVISOR_*, then the config's environment wins", () => {
  const env = buildChildEnv({
    daemonEnv: { PATH: "/bin", SUPERVISOR_ENABLED: "0", HOME: "/root" },
    serverurl: null,
    processName: "web_01",
    groupName: "web",
    environment: { SUPERVISOR_GROUP_NAME: "mine", HOME: "/srv" },
  });
  assert.deepEqual(env, {
    PATH: "/bin",
    SUPERVISOR_ENABLED: "1",
    HOME: "/srv",
    SUPERVISOR_PROCESS_NAME: "web_01",
    SUPERVISOR_GROUP_NAME: "mine",
  });
  assert.equal("SUPERVISOR_SERVER_URL" in env, false);
});

Deno.test("formatTimedelta: Python's str(timedelta)", () => {
  assert.equal(formatTimedelta(0), "0:00:00");
  assert.equal(formatTimedelta(59), "0:00:59");
  assert.equal(formatTimedelta(3600 * 23 + 60 * 59 + 59), "23:59:59");
  assert.equal(formatTimedelta(86400 + 2 * 3600 + 3 * 60 + 4), "1 day, 2:03:04");
  assert.equal(formatTimedelta(10 * 86400), "10 days, 0:00:00");
});

Deno.test("formatStopTime: local %b %d %I:%M %p", () => {
  const d = new Date(2026, 10, 24, 13, 33, 10);
  assert.equal(formatStopTime(d.getTime() / 1000), "Nov 24 01:33 PM");
  const midnight = new Date(2026, 0, 5, 0, 7, 0);
  assert.equal(formatStopTime(midnight.getTime() / 1000), "Jan 05 12:07 AM");
  const noon = new Date(2026, 6, 1, 12, 0, 0);
  assert.equal(formatStopTime(noon.getTime() / 1000), "Jul 01 12:00 PM");
});

Deno.test("describeProcess: every state", () => {
  const base = { name: "web", pid: 9, start: 100, stop: 200, now: 165, spawnerr: "" };
  assert.equal(describeProcess({ ...base, state: "RUNNING" }), "pid 9, uptime 0:01:05");
  assert.equal(describeProcess({ ...base, state: "RUNNING", now: 50 }), "pid 9, uptime 0:00:00");
  assert.equal(
    describeProcess({
      ...base,
      state: "BACKOFF",
      spawnerr: "Exited too quickly (process log may have details)",
    }),
    "Exited too quickly (process log may have details)",
  );
  assert.equal(describeProcess({ ...base, state: "FATAL" }), 'unknown error (try "tail web")');
  assert.equal(describeProcess({ ...base, state: "EXITED" }), formatStopTime(200));
  assert.equal(describeProcess({ ...base, state: "STOPPED", start: 0 }), "Not started");
  assert.equal(describeProcess({ ...base, state: "STARTING" }), "");
  assert.equal(describeProcess({ ...base, state: "STOPPING" }), "");
  assert.equal(describeProcess({ ...base, state: "UNKNOWN" }), "");
});

Deno.test("processInfo: supervisor's struct", () => {
  const record = {
    ...newRecord(),
    state: "RUNNING" as const,
    pid: 22349,
    laststart: 1795527236_400,
  };
  const info = processInfo(record, {
    name: "newp",
    group: "newp",
    stdoutLogfile: "/srv/sup/newp-stdout---supervisor-wtpqcyw_.log",
    stderrLogfile: "/srv/sup/newp-stderr---supervisor-gfqmgxvq.log",
    now: 1795527238_900,
  });
  assert.deepEqual(info, {
    name: "newp",
    group: "newp",
    start: 1795527236,
    stop: 0,
    now: 1795527238,
    statename: "RUNNING",
    spawnerr: "",
    exitstatus: 0,
    stdout_logfile: "/srv/sup/newp-stdout---supervisor-wtpqcyw_.log",
    stderr_logfile: "/srv/sup/newp-stderr---supervisor-gfqmgxvq.log",
    pid: 22349,
    description: "pid 22349, uptime 0:00:02",
  });
  const far = processInfo({ ...newRecord(), laststart: 2 ** 33 * 1000 }, {
    name: "x",
    group: "x",
    stdoutLogfile: null,
    stderrLogfile: null,
    now: 2 ** 33 * 1000,
  });
  assert.equal(far.start, 2 ** 31 - 1);
  assert.equal(far.now, 2 ** 31 - 1);
  assert.equal(far.stdout_logfile, "");
});

Deno.test("namespecs and pyRepr", () => {
  assert.deepEqual(splitNamespec("g:"), ["g", null]);
  assert.deepEqual(splitNamespec("g:*"), ["g", null]);
  assert.equal(makeNamespec("g", "p"), "g:p");
  assert.equal(makeNamespec("p", "p"), "p");
  assert.equal(pyRepr(`a'b"c`), `'a\\'b"c'`);
  assert.equal(pyRepr("\\"), "'\\\\'");
  assert.equal(pyRepr("é"), "'é'");
});
