/** The active process groups and supervisor's lookups and orders over them (namespecs, priorities). */

import type { GroupConfig } from "../config/model.ts";
import { SvisorError } from "../core/errors.ts";
import { makeNamespec, splitNamespec } from "../protocol/namespec.ts";
import type { EngineDeps } from "./engine_deps.ts";
import { type GroupLogSettings, groupsByPriority, ProcessGroup } from "./process_group.ts";
import type { ProcessSlot } from "./process_slot.ts";

/** The active groups, in the order they were added. */
export class GroupRegistry {
  readonly #groups = new Map<string, ProcessGroup>();
  readonly #deps: EngineDeps;
  readonly #settings: GroupLogSettings;
  readonly #shuttingDown: () => boolean;

  /** An empty registry; groups made later share these deps and settings. */
  constructor(deps: EngineDeps, settings: GroupLogSettings, shuttingDown: () => boolean) {
    this.#deps = deps;
    this.#settings = settings;
    this.#shuttingDown = shuttingDown;
  }

  /** Makes and registers a group (AUTO log names are chosen now). */
  add(config: GroupConfig): ProcessGroup {
    const group = new ProcessGroup(config, this.#deps, this.#settings, this.#shuttingDown);
    this.#groups.set(config.name, group);
    return group;
  }

  /** Unregisters a group. */
  delete(name: string): void {
    this.#groups.delete(name);
  }

  /** Whether a group is active. */
  has(name: string): boolean {
    return this.#groups.has(name);
  }

  /** A group by name, or undefined. */
  find(name: string): ProcessGroup | undefined {
    return this.#groups.get(name);
  }

  /** A group by name; BAD_NAME when absent. */
  group(name: string): ProcessGroup {
    const group = this.#groups.get(name);
    if (group === undefined) throw new SvisorError("BAD_NAME", name);
    return group;
  }

  /** A namespec's process, or its whole group for `g:` and `g:*`; BAD_NAME when unknown. */
  lookup(namespec: string): ProcessSlot | ProcessGroup {
    const [groupName, processName] = splitNamespec(namespec);
    const group = this.#groups.get(groupName);
    if (group === undefined) throw new SvisorError("BAD_NAME", namespec);
    if (processName === null) return group;
    const slot = group.get(processName);
    if (slot === undefined) throw new SvisorError("BAD_NAME", namespec);
    return slot;
  }

  /** A namespec's process; BAD_NAME when unknown or a whole group. */
  process(namespec: string): ProcessSlot {
    const found = this.lookup(namespec);
    if (found instanceof ProcessGroup) throw new SvisorError("BAD_NAME", namespec);
    return found;
  }

  /** Groups in the order added. */
  groups(): ProcessGroup[] {
    return [...this.#groups.values()];
  }

  /** Groups in ascending priority (ties in the order added). */
  byPriority(): ProcessGroup[] {
    return groupsByPriority(this.#groups.values());
  }

  /** Every process, group by group in the order added. */
  slots(): ProcessSlot[] {
    return this.groups().flatMap((g) => g.slots);
  }

  /** Every process by ascending group priority, then process priority (supervisor's RPC order). */
  slotsByPriority(): ProcessSlot[] {
    return this.byPriority().flatMap((g) => g.byPriority());
  }

  /** Every process sorted by group name, then process name (getAllProcessInfo). */
  slotsLexical(): ProcessSlot[] {
    return this.groups().sort((a, b) => compare(a.name, b.name)).flatMap((g) =>
      [...g.slots].sort((a, b) => compare(a.name, b.name))
    );
  }
}

/** The short namespec of a slot (`name`, or `group:name`). */
export function namespecOf(slot: ProcessSlot): string {
  return makeNamespec(slot.group, slot.name);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
