import assert from "node:assert/strict";
import { HttpClient } from "../../src/sys/http_client.ts";
import { TempDaemon } from "../helpers/temp_daemon.ts";

const AUTH = "username=admin\npassword=s3cret\n";
const BASIC = `Basic ${btoa("admin:s3cret")}`;

async function get(d: TempDaemon, path: string, auth = true) {
  const client = new HttpClient(`unix://${d.dir}/svisor.sock`);
  try {
    const r = await client.request({
      method: "GET",
      path,
      headers: auth ? { Authorization: BASIC } : {},
    });
    return { status: r.status, type: r.headers.get("content-type") ?? "", body: await r.text() };
  } finally {
    client.close();
  }
}

function promtool(): string | null {
  try {
    return Deno.statSync("/usr/bin/promtool").isFile ? "/usr/bin/promtool" : null;
  } catch {
    return null;
  }
}

Deno.test("GET /metrics: Prometheus text behind the auth, per process and stream, that promtool accepts", async () => {
  await using d = await TempDaemon.start(
    `
[program:web]
command=/bin/sh -c "echo one; echo two; exec /bin/sleep 1000"
startsecs=0
stdout_logfile={{dir}}/web.log

[eventlistener:quiet]
command=/bin/sleep 1000
events=PROCESS_STATE
buffer_size=2
`,
    { sockAuth: AUTH },
  );
  await d.waitForOutput(/success: web entered RUNNING state/);
  assert.equal((await get(d, "/metrics", false)).status, 401);
  assert.equal((await get(d, "/api/v1/health", false)).status, 401);
  let m = await get(d, "/metrics");
  for (let i = 0; i < 50 && !m.body.includes('stream="stdout"} 8'); i++) {
    m = await get(d, "/metrics");
  }
  assert.equal(m.status, 200);
  assert.match(m.type, /^text\/plain; version=0\.0\.4/);
  for (
    const line of [
      'svisor_process_state{group="web",name="web",state="RUNNING"} 1',
      'svisor_process_state{group="web",name="web",state="FATAL"} 0',
      'svisor_process_starts_total{group="web",name="web"} 1',
      'svisor_process_exits_total{group="web",name="web",expected="false"} 0',
      'svisor_captured_bytes_total{group="web",name="web",stream="stdout"} 8',
      'svisor_captured_lines_total{group="web",name="web",stream="stdout"} 2',
      'svisor_log_dropped_bytes_total{group="web",name="web",stream="stdout"} 0',
      'svisor_log_rotations_total{group="web",name="web",stream="stdout"} 0',
      'svisor_http_requests_total{route="/metrics",method="GET",status="401"} 1',
      // quiet never says READY: web's STARTING and RUNNING fill its buffer of two
      'svisor_listener_pool_buffer_ratio{pool="quiet"} 1',
    ]
  ) assert.ok(m.body.split("\n").includes(line), `missing ${line}`);
  for (
    const name of [
      "process_resident_memory_bytes",
      "process_open_fds",
      "process_cpu_seconds_total",
      "svisor_event_loop_lag_seconds",
      "svisor_process_uptime_seconds",
      'svisor_listener_pool_overflows_total\\{pool="quiet"\\}',
    ]
  ) {
    assert.match(m.body, new RegExp(`^${name}(\\{[^}]*\\})? \\d`, "m"), `missing ${name}`);
  }
  const tool = promtool();
  if (tool === null) {
    console.log(
      "skipped promtool check metrics: /usr/bin/promtool is missing (Debian's prometheus)",
    );
    return;
  }
  const child = new Deno.Command(tool, {
    args: ["check", "metrics"],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const w = child.stdin.getWriter();
  await w.write(new TextEncoder().encode(m.body));
  await w.close();
  const out = await child.output();
  const said = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 0, said);
  assert.equal(said.trim(), "", said);
});

Deno.test("GET /api/v1/health: 503 with the reason while a vital program is not RUNNING", async () => {
  await using d = await TempDaemon.start(
    `
[program:web]
command=/bin/sleep 1000
startsecs=0
vital=true
[program:db]
command=/bin/false
startsecs=1
startretries=0
autostart=false
vital=fatal
vital_exitcode=9
`,
  );
  await d.waitForOutput(/success: web entered RUNNING state/);
  const down = await get(d, "/api/v1/health");
  assert.equal(down.status, 503, "db is vital and STOPPED");
  assert.deepEqual(JSON.parse(down.body), {
    status: "unavailable",
    daemon: "RUNNING",
    reason: "vital process db is STOPPED",
    failing: [{ name: "db", group: "db", state: "STOPPED" }],
  });
  await d.ctl("start", "db");
  assert.equal((await d.exited()).code, 9);
});

Deno.test("GET /api/v1/health: 200 with every vital program RUNNING", async () => {
  await using d = await TempDaemon.start(
    `
[program:web]
command=/bin/sleep 1000
startsecs=0
vital=true
`,
  );
  await d.waitForOutput(/success: web entered RUNNING state/);
  const ok = await get(d, "/api/v1/health", false);
  assert.equal(ok.status, 200);
  assert.deepEqual(JSON.parse(ok.body), { status: "ok", daemon: "RUNNING", failing: [] });
});
