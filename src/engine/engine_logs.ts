/** The log half of the control surface: read, tail, follow and clear process logs and the main log. */

import { SvisorError } from "../core/errors.ts";
import type { LogReader } from "../core/ports.ts";
import type { EventBus } from "../events/event_bus.ts";
import type { Channel, TailResult } from "../protocol/types.ts";
import type { MainLogHandle } from "./engine_deps.ts";
import { FOLLOW_QUEUE_LIMIT, FollowQueue } from "./log_follow.ts";
import type { ProcessSlot } from "./process_slot.ts";

/** readProcessLog: NO_FILE when the stream has no log file (text `None`, as supervisor's). */
export function readProcessLog(
  slot: ProcessSlot,
  channel: Channel,
  offset: number,
  length: number,
  reader: LogReader,
): Promise<string> {
  const path = slot.capture(channel)?.path ?? null;
  if (path === null) throw new SvisorError("NO_FILE", "None");
  return reader.read(path, offset, length);
}

/** tailProcessLog: `{text: '', offset: 0, overflow: false}` when the stream has no log file. */
export async function tailProcessLog(
  slot: ProcessSlot,
  channel: Channel,
  offset: number,
  length: number,
  reader: LogReader,
): Promise<TailResult> {
  const path = slot.capture(channel)?.path ?? null;
  if (path === null) return { text: "", offset: 0, overflow: false };
  return await reader.tail(path, offset, length);
}

/**
 * followProcessLog: the last `backlog` bytes of the file (at most a quarter of FOLLOW_QUEUE_LIMIT),
 * then every chunk as it is written; the backlog is read while no chunk is being delivered, so
 * nothing is lost or repeated. A reader that falls FOLLOW_QUEUE_LIMIT behind is dropped.
 */
export async function followProcessLog(
  slot: ProcessSlot,
  channel: Channel,
  backlog: number,
  reader: LogReader,
  bus: EventBus,
): Promise<FollowQueue> {
  const capture = slot.capture(channel);
  const path = capture?.path ?? null;
  if (capture === null || path === null) throw new SvisorError("NO_FILE", "None");
  const follow = new FollowQueue();
  const decoder = new TextDecoder();
  await capture.exclusive(async () => {
    const first = Math.min(backlog, FOLLOW_QUEUE_LIMIT / 4);
    if (first > 0) follow.push((await reader.tail(path, 0, first)).text);
    const off = bus.subscribe("PROCESS_OUTPUT", (e) => {
      if (e.processName !== slot.name || e.groupName !== slot.group || e.channel !== channel) {
        return;
      }
      follow.push(decoder.decode(e.data, { stream: true }));
    });
    follow.onClose(off);
  });
  return follow;
}

/** readLog: NO_FILE without a main log file. */
export function readMainLog(
  mainLog: MainLogHandle | undefined,
  offset: number,
  length: number,
  reader: LogReader,
): Promise<string> {
  const path = mainLog?.path ?? null;
  if (path === null) throw new SvisorError("NO_FILE", "None");
  return reader.read(path, offset, length);
}

/** tailLog: NO_FILE without a main log file. */
export async function tailMainLog(
  mainLog: MainLogHandle | undefined,
  offset: number,
  length: number,
  reader: LogReader,
): Promise<TailResult> {
  const path = mainLog?.path ?? null;
  if (path === null) throw new SvisorError("NO_FILE", "None");
  return await reader.tail(path, offset, length);
}

/** clearLog: NO_FILE without a main log file, FAILED when it cannot be cleared. */
export async function clearMainLog(mainLog: MainLogHandle | undefined): Promise<void> {
  if (mainLog === undefined || mainLog.path === null) throw new SvisorError("NO_FILE", "");
  try {
    await mainLog.clear();
  } catch (e) {
    throw new SvisorError("FAILED", "", { cause: e });
  }
}

/** followLog: every main-log line from now on (published on the bus by the daemon's activity log). */
export function followMainLog(bus: EventBus): FollowQueue {
  const follow = new FollowQueue();
  follow.onClose(bus.subscribe("MAIN_LOG_LINE", (e) => follow.push(e.line)));
  return follow;
}
