import assert from "node:assert/strict";
import { HttpClient } from "../../src/sys/http_client.ts";
import { runSvisor, svisorArgv, TempDaemon } from "../helpers/temp_daemon.ts";

/** A long-running `svisor ctl` (tail -f, maintail -f) whose output is read as it comes. */
class Follower implements AsyncDisposable {
  readonly #child: Deno.ChildProcess;
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #decoder = new TextDecoder();
  text = "";

  constructor(conf: string, args: string[], ctl: string[] = [...svisorArgv(), "ctl"]) {
    const [file, ...prefix] = ctl;
    this.#child = new Deno.Command(file!, {
      args: [...prefix, "-c", conf, ...args],
      stdin: "null",
      stdout: "piped",
      stderr: "null",
    }).spawn();
    this.#reader = this.#child.stdout.getReader();
  }

  /** Reads until the output matches `pattern`. */
  async until(pattern: RegExp): Promise<void> {
    while (!pattern.test(this.text)) {
      const { value, done } = await this.#reader.read();
      if (done) throw new Error(`ctl ended before ${pattern}:\n${this.text}`);
      this.text += this.#decoder.decode(value, { stream: true });
    }
  }

  /** Interrupts it as a user's Ctrl-C would; resolves with its exit code. */
  async interrupt(): Promise<number> {
    this.#child.kill("SIGINT");
    while (!(await this.#reader.read()).done);
    return (await this.#child.status).code;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    try {
      this.#child.kill("SIGKILL");
    } catch {
      // already ended
    }
    await this.#reader.cancel().catch(() => {});
    await this.#child.status;
  }
}

const TALKER = `
[program:talker]
command=/bin/sh -c "echo first; while [ ! -e {{dir}}/go ]; do sleep 0.05; done; echo second; exec sleep 1000"
startsecs=0
`;

Deno.test("ctl tail -f shows the recent output, then new output as it is written", async () => {
  await using d = await TempDaemon.start(TALKER);
  await d.waitForOutput(/success: talker entered RUNNING state/);
  await using tail = new Follower(d.conf, ["tail", "-f", "talker"]);
  await tail.until(/==> Press Ctrl-C to exit <==\n[\s\S]*first\n/);
  await Deno.writeTextFile(`${d.dir}/go`, "");
  await tail.until(/first\n[\s\S]*second\n/);
  assert.equal(await tail.interrupt(), 0);
});

Deno.test("ctl maintail -f streams the activity log as the daemon writes it", async () => {
  await using d = await TempDaemon.start(TALKER);
  await d.waitForOutput(/success: talker entered RUNNING state/);
  await using follow = new Follower(d.conf, ["maintail", "-f"]);
  await follow.until(/success: talker entered RUNNING state/);
  const stop = await d.ctl("stop", "talker");
  assert.equal(stop.stdout, "talker: stopped\n");
  await follow.until(/WARN stopped: talker \(terminated by SIGTERM\)\n/);
  assert.equal(await follow.interrupt(), 0);
});

Deno.test("the interactive shell reads actions from stdin", async () => {
  await using d = await TempDaemon.start(TALKER);
  await d.waitForOutput(/success: talker entered RUNNING state/);
  const shell = await runSvisor(["ctl", "-c", d.conf], {
    cwd: d.dir,
    stdin: "status\nstop talker\nstatus talker\nquit\n",
  });
  assert.equal(shell.code, 0);
  // supervisorctl's shell: status first, then a prompt before each action's output.
  const lines = shell.stdout.split("\n");
  assert.match(lines[0]!, /^talker\s+RUNNING\s+pid \d+/);
  assert.match(lines[1]!, /^supervisor> talker\s+RUNNING\s+pid \d+/);
  assert.equal(lines[2], "supervisor> talker: stopped");
  assert.match(lines[3]!, /^supervisor> talker\s+STOPPED\s+\w{3} \d\d \d\d:\d\d [AP]M$/);
});

Deno.test("with credentials configured, nothing answers without them", async () => {
  await using d = await TempDaemon.start("", {
    header: "",
    sockAuth: "username=admin\npassword={SHA}5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8\n",
  });
  const denied = await d.ctl("status");
  assert.equal(denied.stdout, "Server requires authentication\n");
  assert.equal(denied.code, 1);
  const allowed = await d.ctl("-u", "admin", "-p", "password", "pid");
  assert.equal(allowed.stdout, `${d.pid}\n`);
  assert.equal(allowed.code, 0);
  const client = new HttpClient(`unix://${d.dir}/svisor.sock`);
  try {
    for (const path of ["/api/v1/state", "/api/v1/processes", "/logtail/talker", "/mainlogtail"]) {
      const r = await client.request({ method: "GET", path });
      await r.text();
      assert.equal(r.status, 401, path);
    }
    const rpc = await client.request({
      method: "POST",
      path: "/RPC2",
      headers: { "Content-Type": "text/xml" },
      body:
        "<?xml version='1.0'?><methodCall><methodName>supervisor.getPID</methodName></methodCall>",
    });
    await rpc.text();
    assert.equal(rpc.status, 401);
    const good = await client.request({
      method: "GET",
      path: "/api/v1/state",
      headers: { Authorization: `Basic ${btoa("admin:password")}` },
    });
    assert.equal(good.status, 200);
    assert.equal(JSON.parse(await good.text()).pid, d.pid);
  } finally {
    client.close();
  }
});

const SUPERVISORCTL = "/usr/bin/supervisorctl";
const hasSupervisorctl = (() => {
  try {
    return Deno.statSync(SUPERVISORCTL).isFile;
  } catch {
    return false;
  }
})();

Deno.test({
  name: "the real supervisorctl follows svisor's logs: tail -f and maintail -f",
  ignore: !hasSupervisorctl,
  fn: async () => {
    await using d = await TempDaemon.start(TALKER);
    await d.waitForOutput(/success: talker entered RUNNING state/);
    await using tail = new Follower(d.conf, ["tail", "-f", "talker"], [SUPERVISORCTL]);
    await tail.until(/==> Press Ctrl-C to exit <==\n[\s\S]*first\n/);
    await using main = new Follower(d.conf, ["maintail", "-f"], [SUPERVISORCTL]);
    await main.until(/success: talker entered RUNNING state/);
    await Deno.writeTextFile(`${d.dir}/go`, "");
    await tail.until(/first\n[\s\S]*second\n/);
    const stop = await d.ctl("stop", "talker");
    assert.equal(stop.stdout, "talker: stopped\n");
    await main.until(/WARN stopped: talker \(terminated by SIGTERM\)\n/);
  },
});
