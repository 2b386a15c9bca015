/**
 * supervisord's ordered shutdown: groups stop one at a time, highest priority number first; in a
 * group, processes get `stop` in descending priority and BACKOFF gives up to FATAL; the next group
 * starts only when the previous one is fully stopped. `waiting for A, B to die` every 3 s.
 */

import type { TimerHandle } from "../core/ports.ts";
import { STOPPED_STATES } from "../protocol/states.ts";
import type { EngineDeps } from "./engine_deps.ts";
import type { ProcessGroup } from "./process_group.ts";
import type { ProcessSlot } from "./process_slot.ts";

/** How often the shutdown lists the processes still running. */
const REPORT_MS = 3000;

const stopped = (slot: ProcessSlot) => STOPPED_STATES.has(slot.record.state);

/**
 * Stops the groups `groups()` returns (ascending priority), last first; resolves when all are
 * stopped. As supervisord's `stop_groups`, the order is taken once when the shutdown begins (no
 * group is added or removed after: the engine refuses both outside RUNNING). The walk goes down
 * the list once, then checks every group again and walks again only if a process came back: the
 * walk used to re-sort every group and scan them all from the top for each group it stopped,
 * O(N^2) with 1,000 one-program groups.
 */
export async function shutdownGroups(
  groups: () => ProcessGroup[],
  deps: Pick<EngineDeps, "clock" | "log">,
  signal?: AbortSignal,
): Promise<void> {
  const order = groups();
  let timer: TimerHandle | null = null;
  const report = () => {
    timer = null;
    const names = order.flatMap((g) => g.unstopped(stopped)).map((s) => s.name);
    if (names.length === 0) return;
    deps.log.log("INFO", `waiting for ${names.join(", ")} to die`);
    timer = deps.clock.setTimer(REPORT_MS, report);
  };
  const running = (g: ProcessGroup) => g.slots.some((s) => !stopped(s));
  try {
    let first = true;
    while (order.some(running)) {
      for (let i = order.length - 1; i >= 0; i--) {
        const group = order[i]!;
        while (running(group)) {
          stopGroup(group);
          if (first) report();
          first = false;
          await Promise.all(
            group.slots.map((s) => s.waitFor((r) => STOPPED_STATES.has(r.state), signal)),
          );
        }
      }
    }
  } finally {
    if (timer !== null) deps.clock.clearTimer(timer);
  }
}

/** supervisor's `stop_all` for one group: descending priority; stop RUNNING/STARTING, give up BACKOFF. */
export function stopGroup(group: ProcessGroup): void {
  for (const slot of group.byPriority().reverse()) {
    const state = slot.record.state;
    if (state === "RUNNING" || state === "STARTING") slot.dispatch({ type: "stop" });
    else if (state === "BACKOFF") slot.dispatch({ type: "giveUp" });
  }
}
