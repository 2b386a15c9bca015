import assert from "node:assert/strict";
import { alive, starttime } from "../helpers/proc.ts";
import { TempDaemon } from "../helpers/temp_daemon.ts";

const PROGRAM = `
[program:sleeper]
command=/bin/sleep 1000
startsecs=0
`;

Deno.test("after kill -9 of the daemon, the next one stops the survivors before starting anew", async () => {
  const shared = await Deno.makeTempDir({ prefix: "svisor_survivors_" });
  const pidfile = `${shared}/svisor.pid`;
  const first = await TempDaemon.start(PROGRAM, { args: ["-j", pidfile] });
  const [, old] = await first.waitForOutput(/spawned: 'sleeper' with pid (\d+)/);
  for (let i = 0; i < 100; i++) {
    const text = await Deno.readTextFile(`${pidfile}.children`).catch(() => "");
    if (text.includes(`"pid":${old}`)) break;
    await first.ctl("pid"); // a round trip to the daemon instead of a sleep
  }
  assert.match(await Deno.readTextFile(`${pidfile}.children`), new RegExp(`"pid":${old},`));
  first.signal("SIGKILL");
  await first[Symbol.asyncDispose]();
  assert.ok(alive(Number(old)), "the child outlives a killed daemon");

  await using second = await TempDaemon.start(PROGRAM, { args: ["-j", pidfile] });
  await second.waitForOutput(
    new RegExp(
      `WARN found 1 process left running by a previous svisor \\(pid \\d+\\): sleeper \\(pid ${old}\\); stopping them`,
    ),
  );
  await second.waitForOutput(
    new RegExp(`INFO stopped survivor sleeper \\(pid ${old}\\) with SIGTERM`),
  );
  const [, fresh] = await second.waitForOutput(/spawned: 'sleeper' with pid (\d+)/);
  assert.notEqual(fresh, old);
  assert.equal(alive(Number(old)), false);
  const survivorLine = second.output.indexOf("stopped survivor");
  assert.ok(survivorLine < second.output.indexOf("spawned: 'sleeper'"), "stopped before the spawn");
  second.signal("SIGTERM");
  assert.equal((await second.exited()).code, 0);
  assert.equal(
    await Deno.stat(`${pidfile}.children`).then(() => true, () => false),
    false,
    "a clean exit removes the record",
  );
  await Deno.remove(shared, { recursive: true });
});

Deno.test("a recorded pid that now belongs to another process (start time differs) is left alone", async () => {
  const shared = await Deno.makeTempDir({ prefix: "svisor_survivors_" });
  const pidfile = `${shared}/svisor.pid`;
  const bystander = new Deno.Command("/bin/sleep", { args: ["1000"] }).spawn();
  const record = {
    daemon: { pid: 999999999, starttime: 1 },
    children: [{
      pid: bystander.pid,
      starttime: starttime(bystander.pid) + 1,
      group: "sleeper",
      name: "sleeper",
    }],
  };
  await Deno.writeTextFile(`${pidfile}.children`, JSON.stringify(record));
  try {
    await using d = await TempDaemon.start(PROGRAM, { args: ["-j", pidfile] });
    await d.waitForOutput(/spawned: 'sleeper' with pid \d+/);
    assert.doesNotMatch(d.output, /survivor|left running/);
    assert.ok(alive(bystander.pid), "a reused pid is never signalled");
  } finally {
    bystander.kill("SIGKILL");
    await bystander.status;
    await Deno.remove(shared, { recursive: true });
  }
});
