/**
 * The per-process metric families of /metrics written straight to Prometheus text, in the format
 * prom-client's registry writes (`# HELP`, `# TYPE`, one line a series, families apart by a blank
 * line). At N=1,000 there are 19,000 series: through prom-client's gauges and counters each scrape
 * rebuilt, hashed and formatted a label object per series (220 ms and 2.7 MB of garbage a scrape);
 * here each process's escaped label set is built once and kept with its slot.
 */

import { PROCESS_STATES, type ProcessStateName } from "../protocol/states.ts";
import type { ProcessSlot } from "../engine/process_slot.ts";
import type { ProcessCounters } from "./process_counters.ts";

const STATES = Object.keys(PROCESS_STATES) as ProcessStateName[];

type StreamStats = ReturnType<ProcessSlot["stdout"]["stats"]>;

/** One family: its name, type and help line, and how its series are written for a process. */
interface Family {
  name: string;
  type: "gauge" | "counter";
  help: string;
}

const FAMILIES = {
  state: {
    name: "svisor_process_state",
    type: "gauge",
    help: "1 for the state each process is in, 0 for the others",
  },
  starts: {
    name: "svisor_process_starts_total",
    type: "counter",
    help: "Spawn attempts of each process",
  },
  exits: {
    name: "svisor_process_exits_total",
    type: "counter",
    help: "Exits of each process, by whether the exit status was expected (exitcodes)",
  },
  lastExit: {
    name: "svisor_process_last_exit_status",
    type: "gauge",
    help: "The last exit status of each process that has exited (-1 after a signal)",
  },
  uptime: {
    name: "svisor_process_uptime_seconds",
    type: "gauge",
    help: "Seconds since each RUNNING process was started (0 when it is not running)",
  },
  bytes: {
    name: "svisor_captured_bytes_total",
    type: "counter",
    help: "Bytes read from each process stream",
  },
  lines: {
    name: "svisor_captured_lines_total",
    type: "counter",
    help: "Newlines read from each process stream",
  },
  rotations: {
    name: "svisor_log_rotations_total",
    type: "counter",
    help: "Rotations of each stream's log file",
  },
  dropped: {
    name: "svisor_log_dropped_bytes_total",
    type: "counter",
    help: "Bytes of each stream that could not be written to its log (should stay 0)",
  },
} as const satisfies Record<string, Family>;

type FamilyKey = keyof typeof FAMILIES;

/** A process's series prefixes, escaped once: `name{group="g",name="n"` without the close. */
interface SlotLabels {
  /** `group="g",name="n"`. */
  base: string;
  /** The state family's lines (one a state) for the state the process was last seen in. */
  states: { state: ProcessStateName; text: string } | null;
}

/** Writes the per-process families; keeps each slot's label text until the slot is dropped. */
export class ProcessMetricsText {
  readonly #labels = new WeakMap<ProcessSlot, SlotLabels>();

  /** The families' text for `slots` at wall-clock `now` (ms), without a trailing newline. */
  render(slots: readonly ProcessSlot[], counters: ProcessCounters, now: number): string {
    const out: Record<FamilyKey, string[]> = {
      state: [],
      starts: [],
      exits: [],
      lastExit: [],
      uptime: [],
      bytes: [],
      lines: [],
      rotations: [],
      dropped: [],
    };
    const stream = (base: string, name: string, s: StreamStats) => {
      const l = `{${base},stream="${name}"} `;
      out.bytes.push(`${FAMILIES.bytes.name}${l}${value(s.bytes)}`);
      out.lines.push(`${FAMILIES.lines.name}${l}${value(s.lines)}`);
      out.rotations.push(`${FAMILIES.rotations.name}${l}${value(s.rotations)}`);
      out.dropped.push(`${FAMILIES.dropped.name}${l}${value(s.dropped)}`);
    };
    for (const slot of slots) {
      const labels = this.#of(slot);
      const r = slot.record;
      if (labels.states?.state !== r.state) {
        const text = STATES.map((s) =>
          `${FAMILIES.state.name}{${labels.base},state="${s}"} ${s === r.state ? 1 : 0}`
        ).join("\n");
        labels.states = { state: r.state, text };
      }
      out.state.push(labels.states.text);
      const c = counters.get(slot.group, slot.name);
      const base = labels.base;
      out.starts.push(`${FAMILIES.starts.name}{${base}} ${value(c.starts)}`);
      out.exits.push(`${FAMILIES.exits.name}{${base},expected="true"} ${value(c.expectedExits)}`);
      out.exits.push(
        `${FAMILIES.exits.name}{${base},expected="false"} ${value(c.unexpectedExits)}`,
      );
      if (r.exitstatus !== null) {
        out.lastExit.push(`${FAMILIES.lastExit.name}{${base}} ${value(r.exitstatus)}`);
      }
      const up = r.state === "RUNNING" && r.laststart > 0 ? (now - r.laststart) / 1000 : 0;
      out.uptime.push(`${FAMILIES.uptime.name}{${base}} ${value(up)}`);
      stream(base, "stdout", slot.stdout.stats());
      if (slot.stderr !== null) stream(base, "stderr", slot.stderr.stats());
    }
    // prom-client's order: each gauge or counter's series in the order they were set.
    const blocks: string[] = [];
    for (const key of Object.keys(FAMILIES) as FamilyKey[]) {
      const f = FAMILIES[key];
      const head = `# HELP ${f.name} ${escapeHelp(f.help)}\n# TYPE ${f.name} ${f.type}`;
      blocks.push(out[key].length === 0 ? head : `${head}\n${out[key].join("\n")}`);
    }
    return blocks.join("\n\n");
  }

  #of(slot: ProcessSlot): SlotLabels {
    let labels = this.#labels.get(slot);
    if (labels === undefined) {
      const base = `group="${escapeLabel(slot.group)}",name="${escapeLabel(slot.name)}"`;
      labels = { base, states: null };
      this.#labels.set(slot, labels);
    }
    return labels;
  }
}

/**
 * A sample value as Prometheus text (as prom-client writes it).
 *
 * @example
 * ```ts
 * import { value } from "./process_metrics_text.ts";
 * import assert from "node:assert/strict";
 * assert.equal(value(1.5), "1.5");
 * assert.equal(value(Infinity), "+Inf");
 * ```
 */
export function value(v: number): string {
  if (Number.isNaN(v)) return "Nan";
  if (!Number.isFinite(v)) return v < 0 ? "-Inf" : "+Inf";
  return `${v}`;
}

/**
 * A label value escaped for Prometheus text: backslash, newline and double quote.
 *
 * @example
 * ```ts
 * import { escapeLabel } from "./process_metrics_text.ts";
 * import assert from "node:assert/strict";
 * assert.equal(escapeLabel('a"b\\c\nd'), 'a\\"b\\\\c\\nd');
 * ```
 */
export function escapeLabel(s: string): string {
  return escapeHelp(s).replaceAll('"', '\\"');
}

function escapeHelp(s: string): string {
  return s.replaceAll("\\", "\\\\").replaceAll("\n", "\\n");
}
