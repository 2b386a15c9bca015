import assert from "node:assert/strict";
import { DatagramReceiver } from "../helpers/datagram_receiver.ts";
import { daemonHeader, runSvisor, TempDaemon } from "../helpers/temp_daemon.ts";

async function socketPath(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "svisor_notify_" });
  return `${dir}/notify.sock`;
}

Deno.test("sd_notify: READY, STATUS, RELOADING, READY, STOPPING in order on a path socket", async () => {
  const path = await socketPath();
  await using systemd = DatagramReceiver.bind(path);
  await using d = await TempDaemon.start(
    `
[program:sleeper]
command=/bin/sleep 1000
startsecs=0
[program:broken]
command=/bin/false
startsecs=1
startretries=0
`,
    { env: { NOTIFY_SOCKET: path } },
  );
  const ready = await systemd.waitFor(/^READY=1\nSTATUS=/);
  assert.doesNotMatch(systemd.messages[ready]!, /MAINPID/);
  const fatal = await systemd.waitFor(/^STATUS=1 running, 1 fatal$/, ready);
  d.signal("SIGHUP");
  const reloading = await systemd.waitFor(/^RELOADING=1\nMONOTONIC_USEC=\d+\nSTATUS=reloading$/);
  assert.ok(reloading > fatal);
  const usec = BigInt(systemd.messages[reloading]!.match(/MONOTONIC_USEC=(\d+)/)![1]!);
  assert.ok(usec > 0n);
  const again = await systemd.waitFor(/^READY=1\nSTATUS=/, reloading);
  d.signal("SIGTERM");
  assert.equal((await d.exited()).code, 0);
  const stopping = await systemd.waitFor(/^STOPPING=1\nSTATUS=stopping$/, again);
  assert.ok(stopping > again);
  await Deno.remove(path.replace(/\/notify.sock$/, ""), { recursive: true });
});

Deno.test("sd_notify: an abstract socket gets watchdog pings while the daemon runs", async () => {
  const name = `@svisor-test-${crypto.randomUUID()}`;
  await using systemd = DatagramReceiver.bind(name);
  await using d = await TempDaemon.start("", {
    env: { NOTIFY_SOCKET: name, WATCHDOG_USEC: "200000" },
  });
  const ready = await systemd.waitFor(/^READY=1\nSTATUS=no programs$/);
  const first = await systemd.waitFor(/^WATCHDOG=1$/);
  await systemd.waitFor(/^WATCHDOG=1$/, first + 1);
  assert.ok(ready >= 0);
  assert.match(d.output, /systemd watchdog: pinging every 100 ms/);
});

Deno.test("sd_notify: without NOTIFY_SOCKET none of it runs (nothing logged about it)", async () => {
  await using d = await TempDaemon.start("");
  d.signal("SIGTERM");
  assert.equal((await d.exited()).code, 0);
  assert.doesNotMatch(d.output, /sd_notify|NOTIFY_SOCKET|watchdog/);
});

Deno.test("sd_notify: a daemon that went to the background names itself with MAINPID", async () => {
  const dir = await Deno.makeTempDir({ prefix: "svisor_notify_bg_" });
  await using systemd = DatagramReceiver.bind(`${dir}/notify.sock`);
  await Deno.writeTextFile(`${dir}/svisor.conf`, daemonHeader(dir));
  const launched = await runSvisor(["daemon", "-c", `${dir}/svisor.conf`], {
    cwd: dir,
    env: { NOTIFY_SOCKET: systemd.address },
  });
  assert.equal(launched.code, 0, launched.stderr);
  const pid = Number((await Deno.readTextFile(`${dir}/svisor.pid`)).trim());
  const ready = await systemd.waitFor(/^READY=1\n/);
  assert.equal(systemd.messages[ready], `READY=1\nSTATUS=no programs\nMAINPID=${pid}`);
  const gone = () => Deno.stat(`${dir}/svisor.pid`).then(() => false, () => true);
  {
    using watcher = Deno.watchFs(dir);
    Deno.kill(pid, "SIGTERM");
    await systemd.waitFor(/^STOPPING=1/, ready);
    if (!(await gone())) { for await (const _ of watcher) if (await gone()) break; }
  }
  assert.equal(await gone(), true, "the background daemon removed its pidfile on the way out");
  await Deno.remove(dir, { recursive: true }).catch(() => {});
});
