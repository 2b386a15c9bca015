/** A UserDb over a fixed table, for engine tests. */

import type { UserDb, UserEntry } from "../../src/core/ports.ts";

/** Looks users up in `entries` by name or numeric uid. */
export class FakeUsers implements UserDb {
  readonly #entries: UserEntry[];

  /** root and www-data by default. */
  constructor(entries: UserEntry[] = [
    { name: "root", uid: 0, gid: 0, home: "/root" },
    { name: "www-data", uid: 33, gid: 33, home: "/var/www" },
  ]) {
    this.#entries = entries;
  }

  lookup(nameOrUid: string): UserEntry | null {
    return this.#entries.find((u) => u.name === nameOrUid || String(u.uid) === nameOrUid) ?? null;
  }
}
