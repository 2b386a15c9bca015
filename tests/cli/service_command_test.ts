import assert from "node:assert/strict";
import type { Io } from "../../src/core/io.ts";
import { serviceCommand } from "../../src/cli/service_command.ts";
import { UNIT_MARKER } from "../../src/config/systemd_unit.ts";
import { runSvisor, svisorArgv } from "../helpers/temp_daemon.ts";

interface World {
  dir: string;
  conf: string;
  units: string;
  bin: string;
  calls: string;
}

async function world(): Promise<World> {
  const dir = await Deno.makeTempDir({ prefix: "svisor_service_" });
  const conf = `${dir}/svisor.conf`;
  await Deno.writeTextFile(
    conf,
    "[supervisord]\nminfds=4096\n[program:web]\ncommand=/bin/sleep 1000\nstopwaitsecs=200\n",
  );
  await Deno.mkdir(`${dir}/bin`);
  return { dir, conf, units: `${dir}/units`, bin: `${dir}/bin`, calls: `${dir}/calls` };
}

/** A systemctl stand-in that records its argv and exits with `code`. */
async function fakeSystemctl(w: World, code = 0): Promise<void> {
  const script =
    `#!/bin/sh\necho "$*" >> ${w.calls}\n[ ${code} = 0 ] || echo "Failed to connect to bus: Host is down" >&2\nexit ${code}\n`;
  await Deno.writeTextFile(`${w.bin}/systemctl`, script, { mode: 0o755 });
}

async function run(w: World, ...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    out: (t) => void (stdout += t),
    err: (t) => void (stderr += t),
    readLine: () => Promise.resolve(null),
    isTerminal: false,
    env: { PATH: w.bin, HOME: w.dir },
    cwd: w.dir,
  };
  const code = await serviceCommand(argv, io);
  return { code, stdout, stderr };
}

function hasSystemdAnalyze(): boolean {
  try {
    return Deno.statSync("/usr/bin/systemd-analyze").isFile;
  } catch {
    return false;
  }
}

Deno.test("service print: a Type=notify unit for this config that systemd-analyze accepts", async () => {
  const w = await world();
  const r = await runSvisor(["service", "print", "-c", "svisor.conf", "--watchdog", "30"], {
    cwd: w.dir,
  });
  assert.equal(r.code, 0, r.stderr);
  const unit = r.stdout;
  assert.ok(unit.startsWith(UNIT_MARKER));
  for (
    const line of [
      "Type=notify",
      "NotifyAccess=main",
      `ExecStart=${svisorArgv().join(" ")} daemon -n -c ${w.conf}`,
      "ExecReload=/bin/kill -HUP $MAINPID",
      "KillMode=mixed",
      "Restart=on-failure",
      "TimeoutStopSec=210",
      "LimitNOFILE=4096:524288",
      "WatchdogSec=30",
      "WantedBy=multi-user.target",
    ]
  ) assert.ok(unit.split("\n").includes(line), `missing ${line}:\n${unit}`);
  if (!hasSystemdAnalyze()) {
    console.log("skipped systemd-analyze verify: /usr/bin/systemd-analyze is missing");
  } else {
    await Deno.mkdir(w.units);
    await Deno.writeTextFile(`${w.units}/svisor.service`, unit);
    const out = await new Deno.Command("/usr/bin/systemd-analyze", {
      args: ["verify", `${w.units}/svisor.service`],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const said = new TextDecoder().decode(out.stderr) + new TextDecoder().decode(out.stdout);
    assert.equal(out.code, 0, said);
    assert.doesNotMatch(said, /svisor\.service/, said);
  }
  const user = await run(w, "print", "-c", w.conf, "--user");
  assert.match(user.stdout, /^WantedBy=default.target$/m);
  assert.doesNotMatch(user.stdout, /WatchdogSec/);
  await Deno.remove(w.dir, { recursive: true });
});

Deno.test("service install: writes the unit, reloads and enables, and says so", async () => {
  const w = await world();
  await fakeSystemctl(w);
  const r = await run(w, "install", "-c", w.conf, "--unit-dir", w.units);
  assert.equal(r.code, 0, r.stderr);
  const path = `${w.units}/svisor.service`;
  assert.equal(
    r.stdout,
    `wrote ${path}\nran: systemctl daemon-reload\nran: systemctl enable svisor.service\nstart it with: systemctl start svisor.service\n`,
  );
  assert.equal(await Deno.readTextFile(w.calls), "daemon-reload\nenable svisor.service\n");
  assert.equal(await Deno.readTextFile(path), (await run(w, "print", "-c", w.conf)).stdout);
  const again = await run(w, "install", "-c", w.conf, "--unit-dir", w.units, "--user");
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /^ran: systemctl --user enable svisor.service$/m);
  const gone = await run(w, "uninstall", "--unit-dir", w.units, "-c", w.conf);
  assert.equal(
    gone.stdout,
    `ran: systemctl disable svisor.service\nremoved ${path}\nran: systemctl daemon-reload\n`,
  );
  assert.equal(
    (await run(w, "uninstall", "--unit-dir", w.units, "-c", w.conf)).stdout,
    `no unit at ${path}: nothing to remove\n`,
  );
  await Deno.remove(w.dir, { recursive: true });
});

Deno.test("service install: refuses a unit it did not write unless --force", async () => {
  const w = await world();
  await fakeSystemctl(w);
  await Deno.mkdir(w.units);
  const path = `${w.units}/svisor.service`;
  await Deno.writeTextFile(path, "[Service]\nExecStart=/bin/true\n");
  const r = await run(w, "install", "-c", w.conf, "--unit-dir", w.units);
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr,
    `svisor service: ${path} exists and was not written by svisor; --force to replace it\n`,
  );
  assert.equal(await Deno.readTextFile(path), "[Service]\nExecStart=/bin/true\n");
  const rm = await run(w, "uninstall", "-c", w.conf, "--unit-dir", w.units);
  assert.equal(rm.code, 1);
  const forced = await run(w, "install", "-c", w.conf, "--unit-dir", w.units, "--force");
  assert.equal(forced.code, 0, forced.stderr);
  assert.ok((await Deno.readTextFile(path)).startsWith(UNIT_MARKER));
  await Deno.remove(w.dir, { recursive: true });
});

Deno.test("service install: without systemctl it says what to run; a failing one exits 1", async () => {
  const w = await world();
  const r = await run(w, "install", "-c", w.conf, "--unit-dir", w.units);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stdout,
    /^systemctl is not on PATH: run "systemctl daemon-reload" and "systemctl enable svisor.service" where systemd runs$/m,
  );
  await fakeSystemctl(w, 1);
  const failed = await run(w, "install", "-c", w.conf, "--unit-dir", w.units);
  assert.equal(failed.code, 1);
  assert.equal(
    failed.stderr,
    "svisor service: systemctl daemon-reload failed (exit 1): Failed to connect to bus: Host is down\n",
  );
  await Deno.remove(w.dir, { recursive: true });
});

Deno.test("service: bad usage exits 2 with one line naming the problem", async () => {
  const w = await world();
  const r = await run(w, "restart");
  assert.equal(r.code, 2);
  assert.match(
    r.stderr,
    /^svisor service: unknown action "restart" \(actions: print, install, uninstall\)\n/,
  );
  const dog = await run(w, "print", "--watchdog", "ten", "-c", w.conf);
  assert.match(
    dog.stderr,
    /^svisor service: --watchdog: "ten" is not a positive whole number of seconds\n/,
  );
  await Deno.remove(w.dir, { recursive: true });
});
