import assert from "node:assert/strict";
import { ChildPids } from "../../src/sys/child_pids.ts";
import { readRecord, RuntimeRecord } from "../../src/sys/runtime_record.ts";

/** Live processes to record: /proc must have a start time for each. */
function sleepers(count: number): Deno.ChildProcess[] {
  return Array.from(
    { length: count },
    () => new Deno.Command("/bin/sleep", { args: ["100"] }).spawn(),
  );
}

async function reap(children: Deno.ChildProcess[]): Promise<void> {
  for (const c of children) c.kill("SIGKILL");
  await Promise.all(children.map((c) => c.status));
}

Deno.test("spawns are appended to the snapshot; an exit rewrites it without the child", async () => {
  const dir = await Deno.makeTempDir({ prefix: "svisor_record_" });
  const path = `${dir}/svisor.pid.children`;
  const pids = new ChildPids();
  const record = new RuntimeRecord(path, pids, Deno.pid, (m) => assert.fail(m));
  const kids = sleepers(3);
  try {
    pids.add(kids[0]!.pid, { group: "g", name: "a" });
    record.write();
    pids.add(kids[1]!.pid, { group: "g", name: "b" });
    pids.add(kids[2]!.pid, { group: "g", name: "c" });
    record.write();
    const text = await Deno.readTextFile(path);
    assert.equal(text.trimEnd().split("\n").length, 3, "a snapshot line, then one line per spawn");
    assert.deepEqual(readRecord(path)?.children.map((c) => c.name), ["a", "b", "c"]);
    pids.delete(kids[1]!.pid);
    record.write();
    assert.equal((await Deno.readTextFile(path)).trimEnd().split("\n").length, 1);
    assert.deepEqual(readRecord(path)?.children.map((c) => c.name), ["a", "c"]);
  } finally {
    record[Symbol.dispose]();
    await reap(kids);
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a torn last line is skipped, the rest of the record is read", async () => {
  const dir = await Deno.makeTempDir({ prefix: "svisor_record_" });
  const path = `${dir}/record`;
  const head = { daemon: { pid: 1, starttime: 2 }, children: [] };
  const child = { pid: 10, starttime: 20, group: "g", name: "a" };
  await Deno.writeTextFile(
    path,
    `${JSON.stringify(head)}\n${JSON.stringify(child)}\n{"pid":11,"sta`,
  );
  assert.deepEqual(readRecord(path)?.children, [child]);
  await Deno.writeTextFile(path, "{not json");
  assert.equal(readRecord(path), null);
  await Deno.remove(dir, { recursive: true });
});
