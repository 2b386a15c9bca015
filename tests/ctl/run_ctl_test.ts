import assert from "node:assert/strict";
import { runWith, standardService } from "./ctl_harness.ts";

Deno.test("-h prints the usage and exits 0", async () => {
  const r = await runWith(["-h"]);
  assert.match(r.out, /^svisor ctl -- control applications/);
  assert.match(r.out, /-s\/--serverurl URL/);
  assert.equal(r.code, 0);
});

Deno.test("a usage error prints Error: and the -h hint on stderr, exit 2", async () => {
  const r = await runWith(["-x"]);
  assert.equal(r.err, "Error: option -x not recognized\nFor help, use svisor ctl -h\n");
  assert.equal(r.code, 2);
});

Deno.test("without a config file ctl uses supervisorctl's defaults", async () => {
  const r = await runWith(["version"]);
  assert.equal(r.connected[0]?.serverurl, "http://localhost:9001");
  assert.equal(r.connected[0]?.prompt, "supervisor");
});

Deno.test("[supervisorctl] settings apply; the command line wins", async () => {
  const files = {
    "/etc/a.conf":
      "[supervisorctl]\nserverurl=unix://%(here)s/s.sock\nusername=u\npassword=p\nprompt=mine\n",
  };
  const r = await runWith(["-c", "/etc/a.conf", "-u", "cli", "version"], standardService(), {
    files,
  });
  assert.equal(r.connected[0]?.serverurl, "unix:///etc/s.sock");
  assert.equal(r.connected[0]?.username, "cli");
  assert.equal(r.connected[0]?.password, "p");
  assert.equal(r.connected[0]?.prompt, "mine");
});

Deno.test("a config file without [supervisorctl] is refused, exit 2", async () => {
  const files = { "/etc/a.conf": "[supervisord]\n" };
  const r = await runWith(["-c", "/etc/a.conf", "status"], standardService(), { files });
  assert.match(
    r.err,
    /^Error: .*\.ini file does not include supervisorctl section\nFor help, use svisor ctl -h\n$/,
  );
  assert.equal(r.code, 2);
});

Deno.test("a missing -c file is refused, exit 2", async () => {
  const r = await runWith(["-c", "/nonexistent.conf", "status"]);
  assert.match(r.err, /^Error: \/nonexistent\.conf: could not find config file\n/);
  assert.equal(r.code, 2);
});

Deno.test("the config search finds supervisord.conf in the current directory", async () => {
  const files = { "/work/supervisord.conf": "[supervisorctl]\nserverurl=unix:///found.sock\n" };
  const r = await runWith(["version"], standardService(), { files });
  assert.equal(r.connected[0]?.serverurl, "unix:///found.sock");
});
