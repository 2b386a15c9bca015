/** The Deno probe runner: a TCP connect, an HTTP request, or `/bin/sh -c CMD`, each bounded by its timeout. */

import type { ActiveProbe } from "../config/probe_spec.ts";
import type { ProbeResult, ProbeRunner, ProbeRunOptions } from "../process/probe_ports.ts";
import type { ChildPids } from "./child_pids.ts";

/** The most stderr a command probe keeps for its detail. */
const DETAIL_BYTES = 512;

/**
 * Builds the runner. A command probe's `/bin/sh` is recorded in `children` while it runs, so the
 * daemon's orphan reaper leaves its exit status to Deno (reaped there, the probe read
 * `No child processes (os error 10)` instead of its exit code).
 */
export function denoProbeRunner(children?: ChildPids): ProbeRunner {
  return { run: (probe, options) => runProbe(probe, options, children) };
}

/** Runs one probe; a failure, a timeout or an abort is a result, never a rejection. */
export async function runProbe(
  probe: ActiveProbe,
  options: ProbeRunOptions,
  children?: ChildPids,
): Promise<ProbeResult> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = AbortSignal.any([options.signal, timeout]);
  try {
    switch (probe.kind) {
      case "tcp":
        return await tcp(probe.host, probe.port, signal);
      case "http":
        return await http(probe.url, probe.statusMin, probe.statusMax, signal);
      case "command":
        return await command(probe.command, options, signal, children);
    }
  } catch (e) {
    if (timeout.aborted) return { ok: false, detail: `timed out after ${options.timeoutMs} ms` };
    if (options.signal.aborted) return { ok: false, detail: "cancelled" };
    return { ok: false, detail: reason(e) };
  }
}

async function tcp(hostname: string, port: number, signal: AbortSignal): Promise<ProbeResult> {
  const connecting = Deno.connect({ hostname, port });
  const aborted = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
  try {
    const conn = await Promise.race([connecting, aborted]);
    conn.close();
    return { ok: true, detail: `connected to ${hostname}:${port}` };
  } finally {
    // A connect that completes after the timeout is closed at once.
    connecting.then((c) => {
      if (signal.aborted) c.close();
    }, () => {/* its failure was reported through the race, or the race was already lost */});
  }
}

async function http(
  url: string,
  min: number,
  max: number,
  signal: AbortSignal,
): Promise<ProbeResult> {
  const res = await fetch(url, { signal, redirect: "manual" });
  await res.body?.cancel();
  const ok = res.status >= min && res.status <= max;
  return { ok, detail: `HTTP ${res.status}${ok ? "" : ` (want ${min}-${max})`}` };
}

async function command(
  cmd: string,
  options: ProbeRunOptions,
  signal: AbortSignal,
  children: ChildPids | undefined,
): Promise<ProbeResult> {
  const child = new Deno.Command("/bin/sh", {
    args: ["-c", cmd],
    env: { ...options.env },
    clearEnv: true,
    stdin: "null",
    stdout: "null",
    stderr: "piped",
    signal,
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  }).spawn();
  // In the same turn as the spawn: SIGCHLD's reap runs in a later one.
  children?.add(child.pid);
  let out: Deno.CommandOutput;
  try {
    out = await child.output();
  } finally {
    children?.delete(child.pid);
  }
  if (signal.aborted) throw signal.reason;
  const err = new TextDecoder().decode(out.stderr.slice(-DETAIL_BYTES)).trim().split("\n").pop();
  if (out.success) return { ok: true, detail: "exited 0" };
  const how = out.signal === null ? `exited ${out.code}` : `killed by ${out.signal}`;
  return { ok: false, detail: err ? `${how}: ${err}` : how };
}

function reason(e: unknown): string {
  if (e instanceof Deno.errors.ConnectionRefused) return "connection refused";
  if (e instanceof Error) {
    const m = /(connection refused|connection reset|no route to host|name resolution)/i.exec(
      e.message,
    );
    return m ? m[1]!.toLowerCase() : e.message.split("\n")[0] ?? e.message;
  }
  return String(e);
}
