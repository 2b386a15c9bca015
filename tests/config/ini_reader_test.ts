/** Tests of the ConfigParser-dialect reader: comments, continuations, delimiters, names, errors. */

import assert from "node:assert/strict";
import { parseIni } from "../../src/config/ini_reader.ts";

function options(text: string) {
  const ini = parseIni(text, "t.conf");
  return ini.chunks.map((c) => [c.name, c.line, c.options.map((o) => [o.name, o.value, o.line])]);
}

Deno.test("full-line comments start with ; or #, even indented", () => {
  assert.deepEqual(options("; c\n# c\n[a]\n  ; c\nx=1\n   # c\n"), [["a", 3, [["x", "1", 5]]]]);
});

Deno.test("inline comments need whitespace before ; or #", () => {
  assert.deepEqual(options("[a]\nx = echo a;b #c ; d\ny = v\t# tab\nz = a#b\n"), [[
    "a",
    1,
    [["x", "echo a;b", 2], ["y", "v", 3], ["z", "a#b", 4]],
  ]]);
});

Deno.test("inline comment search advances each prefix per round like ConfigParser", () => {
  // ';' at 1 does not qualify, '#' at 7 does in round one, so ' ;c' (a later ';') is kept.
  assert.deepEqual(options("[a]\nx = a;b ;c #d\n")[0]?.[2], [["x", "a;b ;c", 2]]);
});

Deno.test("indented lines continue the value, joined with newlines; blank lines inside are kept", () => {
  const text = "[a]\ncommand = /bin/cat ; c\n  --more\n\n  --last\n\ny = 2\n";
  assert.deepEqual(options(text)[0]?.[2], [["command", "/bin/cat\n--more\n\n--last", 2], [
    "y",
    "2",
    7,
  ]]);
});

Deno.test("= and : delimit, the first one wins; option names are lower-cased", () => {
  assert.deepEqual(options("[a]\nServerURL: unix:///x=y\nCommand=/bin/a:b\n")[0]?.[2], [
    ["serverurl", "unix:///x=y", 2],
    ["command", "/bin/a:b", 3],
  ]);
});

Deno.test("section names keep their case and repeated options keep the last value", () => {
  assert.deepEqual(options("[Program:B]\nx=1\nx=2\n"), [["Program:B", 1, [["x", "2", 3]]]]);
});

Deno.test("a repeated section gives a second chunk (merged later by the store)", () => {
  assert.deepEqual(options("[a]\nx=1\n[b]\n[a]\ny=2\n").map((c) => c[0]), ["a", "b", "a"]);
});

Deno.test("CRLF and CR line endings read like LF", () => {
  assert.deepEqual(options("[a]\r\nx = 1\r\ny = 2\r"), [["a", 1, [["x", "1", 2], ["y", "2", 3]]]]);
});

Deno.test("a line without a delimiter is an error with its line number", () => {
  const ini = parseIni("[a]\nx = 1\nno delimiter here\n", "t.conf");
  assert.deepEqual(ini.errors, [{
    file: "t.conf",
    line: 3,
    detail:
      'cannot parse "no delimiter here": expected "name = value" (or an indented continuation line)',
  }]);
});

Deno.test("an option before any section header is an error", () => {
  const ini = parseIni("x = 1\n[a]\n", "t.conf");
  assert.equal(ini.errors[0]?.line, 1);
  assert.match(ini.errors[0]?.detail ?? "", /comes before any \[section\] header/);
});

Deno.test("an option with no name is an error", () => {
  assert.match(parseIni("[a]\n= 1\n", "t.conf").errors[0]?.detail ?? "", /has no name/);
});
