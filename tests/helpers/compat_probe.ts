/** Probes whether `svisor daemon` and `svisor ctl` work yet, once per `deno test` run (cached on disk). */

import { svisorSystem } from "./compat_systems.ts";
import { killLeftovers } from "./compat_processes.ts";

/** The probe's answer: whether each part works, and why not. */
export interface ProbeResult {
  /** The daemon starts on a trivial config and answers XML-RPC on its unix socket. */
  daemon: boolean;
  /** `svisor ctl status` talks to it (exit 0 or 3 and a status line). */
  ctl: boolean;
  /** Why not, when either is false. */
  why: string;
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
  const result = await probe();
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

async function probe(): Promise<ProbeResult> {
  const dir = await Deno.makeTempDir({ prefix: "compat_probe_" });
  const marker = crypto.randomUUID();
  const system = svisorSystem();
  const [cmd, ...args] = system.daemon;
  await Deno.writeTextFile(`${dir}/supervisord.conf`, PROBE_CONF(dir));
  const env = { SVISOR_COMPAT_RUN: marker };
  const child = new Deno.Command(cmd!, {
    args: [...args, `${dir}/supervisord.conf`],
    cwd: dir,
    env,
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
  const result: ProbeResult = { daemon: false, ctl: false, why: "" };
  try {
    const deadline = Date.now() + 15_000;
    while (!result.daemon && !done && Date.now() < deadline) {
      result.daemon = await answersRpc(`${dir}/s.sock`);
      if (!result.daemon) await new Promise((r) => setTimeout(r, 100));
    }
    if (!result.daemon) {
      result.why = done
        ? "svisor daemon exited"
        : "svisor daemon's socket did not answer within 15s";
    } else {
      const [c, ...a] = system.ctl;
      const out = await new Deno.Command(c!, {
        args: [...a, `${dir}/supervisord.conf`, "status"],
        env,
        stdin: "null",
        stdout: "piped",
        stderr: "piped",
      }).output();
      const text = new TextDecoder().decode(out.stdout);
      result.ctl = (out.code === 0 || out.code === 3) && /^probe\s/m.test(text);
      if (!result.ctl) {
        result.why = `svisor ctl status exited ${out.code}: ${
          (text + new TextDecoder().decode(out.stderr)).trim().split("\n")[0]
        }`;
      }
    }
  } finally {
    if (!done) child.kill("SIGTERM");
    const timer = setTimeout(() => {
      if (!done) child.kill("SIGKILL");
    }, 10_000);
    await child.status;
    clearTimeout(timer);
    const [o, e] = await output;
    if (!result.daemon) result.why += `: ${(o + e).trim().split("\n").slice(0, 2).join(" / ")}`;
    killLeftovers(`SVISOR_COMPAT_RUN=${marker}`);
    await Deno.remove(dir, { recursive: true });
  }
  return result;
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
