/** Bug 5: a broken XML declaration is a 400, not a 500. */

import assert from "node:assert/strict";
import { Daemon, httpPost, statusOf } from "./reliability_kit.ts";

Deno.test("an unclosed quote in the XML declaration is refused with 400, and the daemon goes on", async () => {
  await using d = await Daemon.start("");
  for (
    const body of [
      "<?xml version='1.0?><methodCall><methodName>supervisor.getState</methodName></methodCall>",
      "<?xml version=\"1.0'?><methodCall/>",
      "<?xml",
    ]
  ) {
    for (const tcp of [true, false]) {
      const response = await d.raw(httpPost("/RPC2", body), { tcp });
      assert.equal(statusOf(response), 400, `${body}\n${response}`);
    }
  }
  assert.match(await d.rpc("supervisor.getState"), /RUNNING/);
});
