/** Bug 4: a whole request followed by a half-close (`nc -N`, some HTTP/1.0 clients) is answered. */

import assert from "node:assert/strict";
import { Daemon, figure, httpPost, methodCall, statusOf } from "./reliability_kit.ts";

Deno.test("a request over 490 bytes then shutdown(SHUT_WR) gets its answer, over TCP and unix", async () => {
  await using d = await Daemon.start("");
  const body = `${methodCall("supervisor.getState")}<!-- ${"x".repeat(600)} -->\n`;
  const request = httpPost("/RPC2", body);
  let answered = 0;
  for (const tcp of [true, false]) {
    for (let i = 0; i < 10; i++) {
      const response = await d.raw(request, { tcp, halfClose: true });
      assert.equal(statusOf(response), 200, response);
      assert.match(response, /<name>statename<\/name>\n<value><string>RUNNING<\/string>/);
      answered++;
    }
  }
  figure("half_close_answered", `${answered}/20`);
});
