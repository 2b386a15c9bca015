/** Tests of the readiness, healthcheck and depends_on options: values, defaults, and file:line errors. */

import assert from "node:assert/strict";
import { ConfigErrors } from "../../src/core/errors.ts";
import { loadConfig } from "../../src/config/load_config.ts";
import type { Config, ProcessConfig } from "../../src/config/model.ts";
import { formatSummary } from "../../src/config/config_summary.ts";
import { fakeConfigFs } from "./fake_config_fs.ts";

const OPTS = { cwd: "/work", hostname: "box", env: {} };

function load(text: string): Config {
  const fs = fakeConfigFs({ "/etc/s.conf": "[supervisord]\n" + text }, { dirs: ["/work"] });
  return loadConfig("/etc/s.conf", { fs, ...OPTS });
}

function errorsOf(text: string): string[] {
  try {
    load(text);
  } catch (e) {
    assert.ok(e instanceof ConfigErrors);
    return e.errors.map((x) => x.message);
  }
  assert.fail("the config loaded without errors");
}

function proc(config: Config, name: string): ProcessConfig {
  const p = config.groups.flatMap((g) => g.processes).find((x) => x.name === name);
  assert.ok(p !== undefined, `no process ${name}`);
  return p;
}

Deno.test("a program without the new options has none of their keys (behaves as before)", () => {
  const p = proc(load("[program:a]\ncommand=/bin/true\n"), "a");
  for (const key of ["readiness", "health", "dependsOn", "dependsOnAt"]) {
    assert.equal(key in p, false, key);
  }
  assert.equal(
    load("[program:a]\ncommand=/bin/true\nreadiness_check=startsecs\n").warnings.length,
    0,
  );
});

Deno.test("readiness_check kinds with their timing; defaults 1 s interval and timeout, never give up", () => {
  const c = load(`
[program:a]
command=/bin/true
readiness_check=tcp:db.local:5432
readiness_interval=0.5
readiness_failure_threshold=4

[program:b]
command=/bin/true
readiness_check=http://127.0.0.1:8080/healthz
readiness_http_status=200-204

[program:c]
command=/bin/true
readiness_check=log:^listening on \\d+$
`);
  assert.deepEqual(proc(c, "a").readiness, {
    probe: { kind: "tcp", host: "db.local", port: 5432 },
    timing: { intervalMs: 500, timeoutMs: 1000, initialDelayMs: 0, failureThreshold: 4 },
  });
  assert.deepEqual(proc(c, "b").readiness?.probe, {
    kind: "http",
    url: "http://127.0.0.1:8080/healthz",
    statusMin: 200,
    statusMax: 204,
  });
  assert.deepEqual(proc(c, "c").readiness?.probe, { kind: "log", pattern: "^listening on \\d+$" });
});

Deno.test("healthcheck: defaults every 10 s, 2 s timeout, restart after 3 failures", () => {
  const p = proc(load("[program:a]\ncommand=/bin/true\nhealthcheck=command:curl -sf x\n"), "a");
  assert.deepEqual(p.health, {
    probe: { kind: "command", command: "curl -sf x" },
    timing: { intervalMs: 10000, timeoutMs: 2000, initialDelayMs: 0, failureThreshold: 3 },
    action: "restart",
  });
});

Deno.test("bad values are errors at their line, naming section and option", () => {
  const errors = errorsOf(`[program:a]
command=/bin/true
readiness_check=tcp:99999
healthcheck=log:x
healthcheck_action=reboot
depends_on=b:finished
readiness_interval=soon
`);
  assert.deepEqual(errors, [
    '/etc/s.conf:4: [program:a] readiness_check: "tcp:99999" is not tcp:[HOST:]PORT with a port within 1..65535',
    '/etc/s.conf:5: [program:a] healthcheck: "log" cannot be a health check (use tcp:[HOST:]PORT, http://URL or command:CMD)',
    '/etc/s.conf:6: [program:a] healthcheck_action: "reboot" is not one of restart or mark',
    '/etc/s.conf:7: [program:a] depends_on: "finished" in "b:finished" is not a condition (use started, running, ready, healthy, completed)',
    '/etc/s.conf:8: [program:a] readiness_interval: cannot parse "soon" as seconds',
  ]);
});

Deno.test("depends_on: unknown programs (with a suggestion), self-dependency and cycles are errors", () => {
  assert.deepEqual(
    errorsOf(
      "[program:web]\ncommand=/bin/true\ndepends_on=dbb:ready\n[program:db]\ncommand=/bin/true\n",
    ),
    ['/etc/s.conf:4: [program:web] depends_on: no program named "dbb"; did you mean "db"'],
  );
  assert.deepEqual(
    errorsOf("[program:a]\ncommand=/bin/true\ndepends_on=a\n"),
    ['/etc/s.conf:4: [program:a] depends_on: "a" cannot depend on itself'],
  );
  assert.deepEqual(
    errorsOf(`[program:a]
command=/bin/true
depends_on=b
[program:b]
command=/bin/true
depends_on=c:completed
[program:c]
command=/bin/true
depends_on=a:running
`),
    ["/etc/s.conf:4: [program:a] depends_on: dependency cycle: a -> b -> c -> a"],
  );
});

Deno.test("options that need another are warned about when it is missing", () => {
  const c = load("[program:a]\ncommand=/bin/true\nreadiness_interval=2\nhealthcheck_action=mark\n");
  assert.deepEqual(c.warnings.map((w) => w.message), [
    "/etc/s.conf:4: [program:a] readiness_interval: has no effect without readiness_check= (a probe other than startsecs)",
    "/etc/s.conf:5: [program:a] healthcheck_action: has no effect without healthcheck=",
  ]);
});

Deno.test("check shows the readiness, health and dependencies of a program", () => {
  const text = formatSummary(load(`
[program:db]
command=/bin/db
readiness_check=tcp:5432

[program:web]
command=/bin/web
readiness_check=notify
healthcheck=http://127.0.0.1:8000/
healthcheck_action=mark
depends_on=db:healthy
`));
  assert.match(text, /\n {6}ready {4}tcp 127\.0\.0\.1:5432 \(every 1 s, timeout 1 s\)\n/);
  assert.match(text, /\n {6}ready {4}sd_notify READY=1\n/);
  assert.match(
    text,
    /\n {6}health {3}http:\/\/127\.0\.0\.1:8000\/ \(200-399\) \(every 10 s, timeout 2 s, mark after 3 failures\)\n/,
  );
  assert.match(text, /\n {6}needs {4}db:healthy\n/);
});
