import assert from "node:assert/strict";
import { VOCABULARY } from "../../../src/ctl/completion.ts";
import { ACTION_HELP } from "../../../src/ctl/help_texts.ts";
import { runWith } from "../ctl_harness.ts";

Deno.test("help lists the actions in supervisorctl's columns", async () => {
  const r = await runWith(["help"]);
  assert.equal(
    r.out,
    "\ndefault commands (type help <topic>):\n=====================================\n" +
      "add    exit      open  reload  restart   start   tail   \n" +
      "avail  fg        pid   remove  shutdown  status  update \n" +
      "clear  maintail  quit  reread  signal    stop    version\n\n",
  );
  assert.equal(r.code, 0);
});

Deno.test("help ACTION prints that action's help; help help explains help", async () => {
  assert.equal((await runWith(["help", "status"])).out, ACTION_HELP.status + "\n");
  assert.equal(
    (await runWith(["help", "help"])).out,
    "help\t\tPrint a list of available actions\nhelp <action>\tPrint help for <action>\n",
  );
});

Deno.test("help of an unknown topic, and of EOF", async () => {
  assert.equal((await runWith(["help", "nosuch"])).out, "*** No help on nosuch\n");
  assert.equal((await runWith(["help", "EOF"])).out, "*** No help on EOF\n");
});

Deno.test("every action completion offers has a help text", () => {
  for (const name of VOCABULARY) assert.ok(ACTION_HELP[name] !== undefined, name);
});

Deno.test("quit and exit print an empty line", async () => {
  assert.deepEqual(await runWith(["quit"]).then((r) => [r.out, r.code]), ["\n", 0]);
  assert.deepEqual(await runWith(["exit"]).then((r) => [r.out, r.code]), ["\n", 0]);
});
