/** Unit tests of the compat suite's own helpers: normalisation, line diff, placeholders. */

import assert from "node:assert/strict";
import { normalise } from "../helpers/compat_normalise.ts";
import { lineDiff } from "../helpers/compat_diff.ts";
import { fill } from "../helpers/compat_runner.ts";

const WHERE = {
  dir: "/tmp/compat_x1",
  sock: "/tmp/compat_x1/s.sock",
  port: "40123",
  children: "/repo/tests/fixtures/compat/children",
};

Deno.test("normalise replaces pids, uptimes, dates, times, paths, ports and AUTO suffixes", () => {
  const raw = [
    "web                              RUNNING   pid 4242, uptime 0:00:03",
    "old                              RUNNING   pid 7, uptime 2 days, 1:02:03",
    "idle                             STOPPED   Nov 24 01:33 PM",
    "2026-11-24 13:33:24,909 INFO spawned: 'bad' with pid 21306",
    "2026-11-24 13:33:24,909 WARN killing 'bad' (21306) with SIGKILL",
    "unix:///tmp/compat_x1/s.sock no such file",
    "http://127.0.0.1:40123 refused connection",
    "| web-stdout---supervisor-ab_12cd3.log",
    "4242",
    "0",
    "error: <class 'xmlrpc.client.ProtocolError'>, <ProtocolError>: file: /usr/x.py line: 539",
  ].join("\n");
  assert.equal(
    normalise(raw, WHERE),
    [
      "web                              RUNNING   pid <PID>, uptime <UPTIME>",
      "old                              RUNNING   pid <PID>, uptime <UPTIME>",
      "idle                             STOPPED   <DATE>",
      "<TIME> INFO spawned: 'bad' with pid <PID>",
      "<TIME> WARN killing 'bad' (<PID>) with SIGKILL",
      "unix://<TMP>/s.sock no such file",
      "http://127.0.0.1:<PORT> refused connection",
      "| web-stdout---supervisor-<RAND>.log",
      "<PID>",
      "0",
      "error: <class 'xmlrpc.client.ProtocolError'>, <ProtocolError>: file: <FILE> line: <LINE>",
    ].join("\n"),
  );
});

Deno.test("lineDiff is empty for equal texts and marks golden-only and actual-only lines", () => {
  assert.equal(lineDiff("a\nb\n", "a\nb\n"), "");
  const diff = lineDiff("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nfive\n6\n7\n8\n9\n", 1);
  assert.equal(diff, "  …\n  4\n- 5\n+ five\n  6\n  …");
});

Deno.test("fill substitutes known placeholders and leaves unknown ones", () => {
  assert.equal(
    fill("file={{sock}} port={{port}} x={{nope}}", WHERE),
    "file=/tmp/compat_x1/s.sock port=40123 x={{nope}}",
  );
});
