/** Probes whether `svisor daemon` and `svisor ctl` work yet, once per `deno test` run (cached on disk). */

import { svisorSystem } from "./compat_systems.ts";
import { killLeftovers } from "./compat_processes.ts";

/** The probe's answer: whether each part works, and why not. */
export interface ProbeResult {
  /** The daemon starts on a trivial config and answers XML-RPC on its unix socket. */
  daemon: boolean;
  /** Why the daemon does not work ("" when it does). */
  daemonWhy: string;
  /** `svisor ctl status` reports a missing socket like supervisorctl (exit 4, "no such file"). */
  ctl: boolean;
  /** Why the ctl does not work ("" when it does). */
  ctlWhy: string;
}

const PROBE_CONF = (dir: string) =>
  `[unix_http_server]
file=${dir}/s.sock

[supervisord]
logfile=${dir}/supervisord.log
pidfile=${dir}/supervisord.pid
childlogdir=${dir}

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://${dir}/s.sock

[program:probe]
command=/bin/sleep 1000
startsecs=0
`;

/** Whether svisor's daemon and ctl work; probed once per test run, then read from a cache file. */
export async function probeSvisor(): Promise<ProbeResult> {
  const cache = `${Deno.env.get("TMPDIR") ?? "/tmp"}/svisor_compat_probe_${runKey()}.json`;
  try {
    return JSON.parse(await Deno.readTextFile(cache)) as ProbeResult;
  } catch {
    // not probed yet in this run
  }
  const result = { ...await probeDaemon(), ...await probeCtl() };
  const partial = `${cache}.${crypto.randomUUID()}`;
  await Deno.writeTextFile(partial, JSON.stringify(result));
  await Deno.rename(partial, cache);
  return result;
}

/** This `deno test` process: its pid and start time (test files run as workers of one process). */
function runKey(): string {
  const stat = Deno.readTextFileSync("/proc/self/stat");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return `${Deno.pid}_${fields[19]}`;
}

/** Starts the daemon on a trivial config and sends it one XML-RPC call. */
async function probeDaemon(): Promise<{ daemon: boolean; daemonWhy: string }> {
  const dir = await Deno.makeTempDir({ prefix: "compat_probe_" });
  const marker = crypto.randomUUID();
  const [cmd, ...args] = svisorSystem().daemon;
  await Deno.writeTextFile(`${dir}/supervisord.conf`, PROBE_CONF(dir));
  const child = new Deno.Command(cmd!, {
    args: [...args, `${dir}/supervisord.conf`],
    cwd: dir,
    env: { SVISOR_COMPAT_RUN: marker },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const output = Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
  ]);
  let done = false;
  child.status.then(() => done = true);
  let works = false;
  let why = "";
  try {
    const deadline = Date.now() + 15_000;
    while (!works && !done && Date.now() < deadline) {
      works = await answersRpc(`${dir}/s.sock`);
      if (!works) await new Promise((r) => setTimeout(r, 100));
    }
    if (!works) {
      why = done ? "svisor daemon exited" : "svisor daemon's socket did not answer in 15s";
    }
  } finally {
    if (!done) child.kill("SIGTERM");
    const timer = setTimeout(() => {
      if (!done) child.kill("SIGKILL");
    }, 10_000);
    await child.status;
    clearTimeout(timer);
    const [o, e] = await output;
    if (!works) why += `: ${firstLines(o + e)}`;
    killLeftovers(`SVISOR_COMPAT_RUN=${marker}`);
    await Deno.remove(dir, { recursive: true });
  }
  return { daemon: works, daemonWhy: why };
}

/** Runs `svisor ctl status` against a socket that does not exist. */
async function probeCtl(): Promise<{ ctl: boolean; ctlWhy: string }> {
  const dir = await Deno.makeTempDir({ prefix: "compat_probe_" });
  try {
    await Deno.writeTextFile(`${dir}/supervisord.conf`, PROBE_CONF(dir));
    const [c, ...a] = svisorSystem().ctl;
    const out = await new Deno.Command(c!, {
      args: [...a, `${dir}/supervisord.conf`, "status"],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(out.stdout);
    const expected = `unix://${dir}/s.sock no such file\n`;
    if (out.code === 4 && text === expected) return { ctl: true, ctlWhy: "" };
    const said = firstLines(text + new TextDecoder().decode(out.stderr));
    return { ctl: false, ctlWhy: `svisor ctl status without a daemon exited ${out.code}: ${said}` };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function firstLines(text: string): string {
  // deno-lint-ignore no-control-regex
  const plain = text.replace(/\x1b\[[0-9;]*m/g, "").trim();
  return plain.split("\n").slice(0, 2).join(" / ");
}

/** Sends `supervisor.getState` over the unix socket; true when an XML-RPC response comes back. */
async function answersRpc(sock: string): Promise<boolean> {
  let conn: Deno.UnixConn;
  try {
    conn = await Deno.connect({ transport: "unix", path: sock });
  } catch {
    return false;
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  const close = () => {
    if (!closed) conn.close();
    closed = true;
  };
  try {
    const body =
      '<?xml version="1.0"?><methodCall><methodName>supervisor.getState</methodName><params></params></methodCall>';
    const request = `POST /RPC2 HTTP/1.0\r\nHost: localhost\r\nContent-Type: text/xml\r\n` +
      `Content-Length: ${body.length}\r\n\r\n${body}`;
    await conn.write(new TextEncoder().encode(request));
    let text = "";
    const buf = new Uint8Array(4096);
    timer = setTimeout(() => close(), 5_000);
    while (true) {
      const n = await conn.read(buf);
      if (n === null) break;
      text += new TextDecoder().decode(buf.subarray(0, n));
      if (text.includes("</methodResponse>")) break;
    }
    return text.startsWith("HTTP/1.") && text.includes("<methodResponse>");
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    close();
  }
}
