/** Tests of supervisor's value types: booleans, integers, byte sizes, octal, signals, lists, pairs. */

import assert from "node:assert/strict";
import { parseKeyValuePairs } from "../../src/config/key_value_pairs.ts";
import { parseSignal } from "../../src/config/signal_names.ts";
import {
  BadValue,
  parseAutorestart,
  parseBoolean,
  parseByteSize,
  parseExitcodes,
  parseInetAddress,
  parseInteger,
  parseListOfStrings,
  parseLogLevel,
  parseName,
  parseOctal,
} from "../../src/config/value_types.ts";

function rejects(fn: () => unknown, message: string) {
  assert.throws(fn, (e: unknown) => e instanceof BadValue && e.message === message);
}

Deno.test("booleans: yes true on 1 / no false off 0, any case", () => {
  for (const t of ["yes", "TRUE", "On", "1"]) assert.equal(parseBoolean(t), true);
  for (const t of ["no", "False", "OFF", "0"]) assert.equal(parseBoolean(t), false);
  rejects(() => parseBoolean("y"), '"y" is not a boolean (use true/false, yes/no, on/off or 1/0)');
});

Deno.test("integers follow Python's int(): sign, blanks, underscores", () => {
  assert.equal(parseInteger(" -12 "), -12);
  assert.equal(parseInteger("1_000"), 1000);
  rejects(() => parseInteger("ten"), 'cannot parse "ten" as an integer');
  rejects(() => parseInteger("1.5"), 'cannot parse "1.5" as an integer');
});

Deno.test("byte sizes: int with KB/MB/GB, case-insensitive", () => {
  assert.equal(parseByteSize("1024"), 1024);
  assert.equal(parseByteSize("5kb"), 5120);
  assert.equal(parseByteSize("50MB"), 50 * 1024 * 1024);
  assert.equal(parseByteSize("1 MB"), 1024 * 1024);
  assert.equal(parseByteSize("2Gb"), 2 * 1024 ** 3);
  rejects(
    () => parseByteSize("1.5MB"),
    'cannot parse "1.5MB" as a byte size (an integer with an optional KB, MB or GB suffix)',
  );
  assert.throws(() => parseByteSize("1M"), BadValue);
});

Deno.test("octal values", () => {
  assert.equal(parseOctal("022"), 0o22);
  assert.equal(parseOctal("0700"), 0o700);
  assert.equal(parseOctal("777"), 0o777);
  rejects(() => parseOctal("089"), 'cannot parse "089" as an octal number');
});

Deno.test("exit codes: comma list within 0..255", () => {
  assert.deepEqual(parseExitcodes("0,2, 3"), [0, 2, 3]);
  rejects(() => parseExitcodes("0,256"), 'exit code 256 in "0,256" is not within 0..255');
  rejects(() => parseExitcodes("0,x"), 'cannot parse "x" in "0,x" as an exit code');
});

Deno.test("autorestart, log levels, lists, names, inet addresses", () => {
  assert.equal(parseAutorestart("Unexpected"), "unexpected");
  assert.equal(parseAutorestart("yes"), "true");
  assert.equal(parseAutorestart("off"), "false");
  rejects(
    () => parseAutorestart("sometimes"),
    '"sometimes" is not one of true, false or unexpected',
  );
  assert.equal(parseLogLevel("DEBUG"), "debug");
  assert.throws(() => parseLogLevel("warning"), BadValue);
  assert.deepEqual(parseListOfStrings(" a, b ,c"), ["a", "b", "c"]);
  assert.deepEqual(parseListOfStrings(""), []);
  assert.equal(parseName(" web "), "web");
  rejects(
    () => parseName("a/b"),
    'invalid name "a/b": it contains "/" (names may not contain space, ":" or "/")',
  );
  assert.deepEqual(parseInetAddress("127.0.0.1:9001"), { host: "127.0.0.1", port: 9001 });
  assert.deepEqual(parseInetAddress("*:80"), { host: "", port: 80 });
  assert.deepEqual(parseInetAddress("9001"), { host: "", port: 9001 });
  assert.deepEqual(parseInetAddress("LocalHost:1"), { host: "localhost", port: 1 });
  rejects(() => parseInetAddress("host:"), 'no port number in "host:"');
  rejects(() => parseInetAddress("70000"), "port 70000 is not within 1..65535");
});

Deno.test("signals: names with or without SIG, numbers, canonical names", () => {
  assert.equal(parseSignal("TERM"), "TERM");
  assert.equal(parseSignal("sigint"), "INT");
  assert.equal(parseSignal("15"), "TERM");
  assert.equal(parseSignal("IOT"), "ABRT");
  rejects(() => parseSignal("40"), '"40" is not a valid signal number');
  assert.throws(() => parseSignal("TERMINATE"), BadValue);
});

Deno.test("environment pairs: legacy shlex, quotes stripped, commas inside quotes", () => {
  assert.deepEqual(parseKeyValuePairs("A=\"x, y\",B=2,C='q'").pairs, { A: "x, y", B: "2", C: "q" });
  assert.deepEqual(parseKeyValuePairs("PATH=/usr/bin:/bin,URL=http://h:1").pairs, {
    PATH: "/usr/bin:/bin",
    URL: "http://h:1",
  });
  assert.deepEqual(parseKeyValuePairs("").pairs, {});
  assert.deepEqual(parseKeyValuePairs("A=1,").pairs, { A: "1" });
  // 4.2.5 strips quotes and cannot escape: a"b keeps the quote inside, the rest is dropped.
  assert.deepEqual(parseKeyValuePairs('A=a"b c"').pairs, { A: 'a"b' });
  assert.deepEqual(parseKeyValuePairs('A=a"b c"').oddSeparators, ['c"']);
  assert.throws(() => parseKeyValuePairs("A=1 B=2"), BadValue);
  assert.throws(() => parseKeyValuePairs("A="), BadValue);
  assert.throws(() => parseKeyValuePairs('A="open'), BadValue);
});
