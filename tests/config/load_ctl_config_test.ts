/** Tests of loadCtlConfig: what the control client reads, without needing [supervisord]. */

import assert from "node:assert/strict";
import { loadCtlConfig } from "../../src/config/load_config.ts";
import { fakeConfigFs } from "./fake_config_fs.ts";

Deno.test("ctl reads [supervisorctl] without [supervisord] and ignores other sections' errors", () => {
  const fs = fakeConfigFs({
    "/etc/c.conf":
      "[supervisorctl]\nserverurl=unix://%(here)s/s.sock\nusername=u\npassword=p\nprmpt=x\n[program:a]\nstartsecs=bad\n",
  });
  const c = loadCtlConfig("/etc/c.conf", { fs, cwd: "/" });
  assert.deepEqual(c.supervisorctl, {
    serverurl: "unix:///etc/s.sock",
    username: "u",
    password: "p",
    prompt: "supervisor",
    historyFile: null,
  });
  assert.deepEqual(c.warnings.map((w) => w.message), [
    '/etc/c.conf:5: [supervisorctl] prmpt: unknown option, ignored; did you mean "prompt"?',
  ]);
});

Deno.test("ctl: a missing [supervisorctl] is an error unless not required", () => {
  const fs = fakeConfigFs({ "/etc/c.conf": "[supervisord]\n" });
  assert.throws(() => loadCtlConfig("/etc/c.conf", { fs }), {
    message: "/etc/c.conf: .ini file does not include supervisorctl section",
  });
  assert.equal(loadCtlConfig("/etc/c.conf", { fs, requireSection: false }).supervisorctl, null);
});

Deno.test("ctl: [ctlplugin:x] needs its factory key", () => {
  const fs = fakeConfigFs({ "/etc/c.conf": "[supervisorctl]\n[ctlplugin:x]\nfoo=1\n" });
  assert.throws(() => loadCtlConfig("/etc/c.conf", { fs }), {
    message: "/etc/c.conf:2: [ctlplugin:x] does not specify a supervisor.ctl_factory",
  });
});
