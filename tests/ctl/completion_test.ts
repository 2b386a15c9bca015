import assert from "node:assert/strict";
import { commonPrefix, complete } from "../../src/ctl/completion.ts";

const infos = [
  { name: "cat", group: "cat" },
  { name: "web_00", group: "grp" },
  { name: "web_01", group: "grp" },
];
const names = () => Promise.resolve(infos);

Deno.test("an empty line or a first word completes actions", async () => {
  assert.equal((await complete("", "", names)).length, 22);
  assert.deepEqual(await complete("re", "re", names), [
    "reload ",
    "remove ",
    "reread ",
    "restart ",
  ]);
});

Deno.test("process actions complete names, group:* and group:name", async () => {
  assert.deepEqual(await complete("start ", "", names), [
    "cat ",
    "grp:web_00 ",
    "grp:* ",
    "grp:web_01 ",
  ]);
  assert.deepEqual(await complete("stop cat:", "cat:", names), ["cat:cat ", "cat:* "]);
});

Deno.test("group actions complete group names; help completes actions; others nothing", async () => {
  assert.deepEqual(await complete("update ", "", names), ["cat ", "grp "]);
  assert.deepEqual(await complete("help st", "st", names), ["start ", "status ", "stop "]);
  assert.deepEqual(await complete("version ", "", names), []);
});

Deno.test("the common prefix of completions", () => {
  assert.equal(commonPrefix(["grp:web_00 ", "grp:web_01 "]), "grp:web_0");
  assert.equal(commonPrefix([]), "");
});
