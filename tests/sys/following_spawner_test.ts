import assert from "node:assert/strict";
import { ChildPids } from "../../src/sys/child_pids.ts";
import { denoSpawner } from "../../src/sys/deno_spawner.ts";
import { followingSpawner } from "../../src/sys/following_spawner.ts";

Deno.test("followingSpawner: a child is in ChildPids, with its program, from spawn until reaped", async () => {
  const children = new ChildPids();
  const spawner = followingSpawner(denoSpawner(), { children, selfPid: Deno.pid });
  const child = spawner.spawn({
    file: "/bin/sh",
    args: ["-c", "exit 3"],
    argv0: "sh",
    env: { SUPERVISOR_GROUP_NAME: "g", SUPERVISOR_PROCESS_NAME: "p" },
    redirectStderr: false,
  });
  assert.deepEqual(children.entries(), [[child.pid, { group: "g", name: "p" }]]);
  for await (const _ of child.stdout) { /* drain */ }
  for await (const _ of child.stderr!) { /* drain */ }
  assert.deepEqual(await child.status, { code: 3, signal: null });
  assert.equal(children.has(child.pid), false);
});
