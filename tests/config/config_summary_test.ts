/** Tests of the check summary: verdict line, daemon, servers, groups with namespecs, warnings. */

import assert from "node:assert/strict";
import { formatSummary } from "../../src/config/config_summary.ts";
import { loadConfig } from "../../src/config/load_config.ts";
import { fakeConfigFs } from "./fake_config_fs.ts";

Deno.test("the summary shows groups in start order with namespecs, commands and logs", () => {
  const fs = fakeConfigFs({
    "/etc/s.conf": `[supervisord]
logfile=/tmp/s.log
[unix_http_server]
file=/tmp/s.sock
[program:w]
command=/bin/w %(process_num)d
process_name=w%(process_num)d
numprocs=2
redirect_stderr=true
stdout_logfile=/tmp/w.log
stdout_logfile_maxbytes=1MB
[group:g]
programs=w
priority=5
[program:solo]
command=/bin/solo
autostart=false
stdout_logfile=NONE
startsec=1
`,
  });
  const text = formatSummary(loadConfig("/etc/s.conf", { fs, cwd: "/" }), { shown: "s.conf" });
  assert.equal(
    text,
    `s.conf: OK (2 groups, 3 processes, 1 warning)

files
  /etc/s.conf

supervisord
  logfile      /tmp/s.log (rotate at 50MB, keep 10, level info)
  pidfile      /supervisord.pid
  childlogdir  /tmp

control
  unix socket  /tmp/s.sock (mode 0700, no auth)

groups (start order)
  g ([group:g], priority 5)
    g:w0
      command  /bin/w 0
      stdout   /tmp/w.log (rotate at 1MB, keep 10)
      stderr   -> stdout
    g:w1
      command  /bin/w 1
      stdout   /tmp/w.log (rotate at 1MB, keep 10)
      stderr   -> stdout
  solo (priority 999)
    solo (autostart=false)
      command  /bin/solo
      stdout   NONE
      stderr   AUTO (rotate at 50MB, keep 10)

warnings
  /etc/s.conf:19: [program:solo] startsec: unknown option, ignored; did you mean "startsecs"?
`,
  );
});
