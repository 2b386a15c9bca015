import assert from "node:assert/strict";
import { runWith, standardService } from "../ctl_harness.ts";

const TAIL_HELP = "tail [-f] <name> [stdout|stderr] (default stdout)\nEx:\n" +
  "tail -f <name>\t\tContinuous tail of named process stdout\n\t\t\tCtrl-C to exit.\n" +
  "tail -100 <name>\tlast 100 *bytes* of process stdout\ntail <name> stderr\tlast 1600 *bytes* of process stderr\n";

Deno.test("tail prints the log's last bytes and a newline", async () => {
  const r = await runWith(["tail", "cat"]);
  assert.deepEqual([r.out, r.code], ["hello\n\n", 0]);
});

Deno.test("tail -N asks for N bytes of the chosen channel", async () => {
  const service = standardService();
  service.processes[0]!.stderr = "0123456789";
  const r = await runWith(["tail", "-3", "cat", "STDERR"], service);
  assert.deepEqual([r.out, r.code], ["789\n", 0]);
});

Deno.test("tail argument errors as supervisorctl prints them", async () => {
  const few = await runWith(["tail"]);
  assert.deepEqual([few.out, few.code], ["Error: too few arguments\n" + TAIL_HELP, 1]);
  const many = await runWith(["tail", "a", "b", "c", "d"]);
  assert.deepEqual([many.out, many.code], ["Error: too many arguments\n" + TAIL_HELP, 1]);
  assert.equal((await runWith(["tail", "cat", "xx"])).out, "Error: bad channel 'xx'\n");
  assert.equal((await runWith(["tail", "-x", "cat"])).out, "Error: bad argument -x\n");
  assert.equal((await runWith(["tail", "-f"])).out, "Error: tail requires process name\n");
});

Deno.test("tail errors from the daemon", async () => {
  const none = await runWith(["tail", "nosuch"]);
  assert.deepEqual([none.out, none.code], ["nosuch: ERROR (no such process name)\n", 1]);
  const nofile = await runWith(["tail", "nf"]);
  assert.deepEqual([nofile.out, nofile.code], ["nf: ERROR (no log file)\n", 1]);
});

Deno.test("tail -f prints the banner, streams, and ends with an empty line on Ctrl-C", async () => {
  const service = standardService();
  service.processes[0]!.follow = ["one\n", "two\n"];
  let fire = () => {};
  const originalFollow = service.followProcessLog.bind(service);
  service.followProcessLog = async (name, channel, backlog) => {
    const f = await originalFollow(name, channel, backlog);
    return {
      close: f.close,
      async *[Symbol.asyncIterator]() {
        for await (const chunk of f) {
          yield chunk;
          if (chunk === "two\n") queueMicrotask(() => fire());
        }
      },
    };
  };
  const r = await runWith(["tail", "-f", "cat"], service, { onInterrupt: (f) => (fire = f) });
  assert.equal(r.out, "==> Press Ctrl-C to exit <==\none\ntwo\n\n");
  assert.equal(r.code, 0);
  assert.equal(service.closedFollows, 1);
});

Deno.test("tail -f ends quietly when the stream ends", async () => {
  const service = standardService();
  service.processes[0]!.follow = ["only\n"];
  service.followEnds = true;
  const r = await runWith(["tail", "-f", "cat", "stdout"], service);
  assert.deepEqual([r.out, r.code], ["==> Press Ctrl-C to exit <==\nonly\n", 0]);
});

Deno.test("tail -f of an unknown process prints the Cannot-read line on stderr, exit 0", async () => {
  const r = await runWith(["-s", "unix:///run/s.sock", "tail", "-f", "nosuch"]);
  assert.equal(r.out, "==> Press Ctrl-C to exit <==\n");
  assert.equal(r.err, "unix:///run/s.sock/logtail/nosuch/stdout nosuch\n");
  assert.equal(r.code, 0);
});
