/**
 * Survivors of a killed daemon: the children its runtime record lists that still run (same pid,
 * same start time). They are stopped, each with its program's stopsignal and stopwaitsecs (SIGKILL
 * after), before the new daemon starts its own copies, and what was found is logged.
 */

import type { Config, ProcessConfig } from "../config/model.ts";
import type { ActivityLog } from "../core/ports.ts";
import { readRecord, type RecordedChild } from "../sys/runtime_record.ts";
import { sameProcess } from "../sys/proc_table.ts";

/** How often a survivor is looked at while it stops (it is not our child: no exit event comes). */
const POLL_MS = 50;

/** Finds and stops the survivors listed in the record at `path`; resolves when they are gone. */
export async function stopSurvivors(
  path: string,
  config: Config,
  log: ActivityLog,
  selfPid: number,
): Promise<void> {
  const record = readRecord(path);
  if (record === null || record.daemon.pid === selfPid) return;
  if (record.daemon.pid > 0 && sameProcess(record.daemon.pid, record.daemon.starttime)) {
    log.log(
      "WARN",
      `${path}: the svisor that wrote it (pid ${record.daemon.pid}) still runs; its children are left alone`,
    );
    return;
  }
  const left = record.children.filter((c) => sameProcess(c.pid, c.starttime));
  if (left.length === 0) return;
  const names = left.map((c) => `${spec(c)} (pid ${c.pid})`).join(", ");
  log.log(
    "WARN",
    `found ${left.length} process${
      left.length === 1 ? "" : "es"
    } left running by a previous svisor (pid ${record.daemon.pid}): ${names}; stopping them`,
  );
  const programs = new Map<string, ProcessConfig>();
  for (const g of config.groups) {
    for (const p of g.processes) programs.set(`${p.group}:${p.name}`, p);
  }
  await Promise.all(left.map((c) => stopOne(c, programs.get(`${c.group}:${c.name}`), log)));
}

async function stopOne(
  child: RecordedChild,
  program: ProcessConfig | undefined,
  log: ActivityLog,
): Promise<void> {
  const stopsignal = `SIG${program?.stopsignal ?? "TERM"}` as Deno.Signal;
  const waitMs = (program?.stopwaitsecs ?? 10) * 1000;
  send(child.pid, stopsignal, program?.stopasgroup ?? false);
  if (await gone(child, waitMs)) {
    log.log("INFO", `stopped survivor ${spec(child)} (pid ${child.pid}) with ${stopsignal}`);
    return;
  }
  send(child.pid, "SIGKILL", program?.killasgroup ?? false);
  await gone(child, 1000);
  log.log("WARN", `killed survivor ${spec(child)} (pid ${child.pid}) with SIGKILL`);
}

function send(pid: number, signal: Deno.Signal, group: boolean): void {
  try {
    Deno.kill(group ? -pid : pid, signal);
  } catch {
    // it exited since the check: nothing left to stop
  }
}

/** Whether the process is gone within `ms` (checked every POLL_MS; its pid may not be reused meanwhile). */
async function gone(child: RecordedChild, ms: number): Promise<boolean> {
  for (let waited = 0; waited <= ms; waited += POLL_MS) {
    if (!sameProcess(child.pid, child.starttime)) return true;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return !sameProcess(child.pid, child.starttime);
}

function spec(c: RecordedChild): string {
  return c.group === c.name ? c.name : `${c.group}:${c.name}`;
}
