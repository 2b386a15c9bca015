/** One UserDb contract, run against the FakeUsers tests use and the passwd lookups the daemon uses. */

import assert from "node:assert/strict";
import type { UserDb } from "../../src/core/ports.ts";
import { denoUserDb } from "../../src/sys/user_db.ts";
import { FakeUsers } from "../helpers/fake_users.ts";

function userDbContract(label: string, users: UserDb): void {
  Deno.test(`${label}: by name and by numeric uid; unknown ones are null`, () => {
    const root = { name: "root", uid: 0, gid: 0, home: "/root" };
    assert.deepEqual(users.lookup("root"), root);
    assert.deepEqual(users.lookup("0"), root);
    assert.equal(users.lookup("no-such-user-svisor"), null);
    assert.equal(users.lookup("987654"), null);
  });
}

userDbContract("FakeUsers", new FakeUsers());
userDbContract("denoUserDb", denoUserDb());
