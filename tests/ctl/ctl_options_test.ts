import assert from "node:assert/strict";
import { parseCtlArgs } from "../../src/ctl/ctl_options.ts";

function fails(argv: string[]): string {
  const r = parseCtlArgs(argv);
  assert.ok(!r.ok);
  return r.message;
}

Deno.test("options stop at the action; the action keeps its own dashes", () => {
  const r = parseCtlArgs(["-s", "unix:///a", "-u", "me", "-pPW", "tail", "-f", "x"]);
  assert.ok(r.ok);
  assert.equal(r.args.serverurl, "unix:///a");
  assert.equal(r.args.username, "me");
  assert.equal(r.args.password, "PW");
  assert.deepEqual(r.args.action, ["tail", "-f", "x"]);
});

Deno.test("long options, with = or a separate value, and unique prefixes", () => {
  const r = parseCtlArgs([
    "--configuration=a.conf",
    "--serverurl",
    "http://h:1",
    "--inter",
    "--history_file",
    "h",
  ]);
  assert.ok(r.ok);
  assert.equal(r.args.configuration, "a.conf");
  assert.equal(r.args.serverurl, "http://h:1");
  assert.equal(r.args.interactive, true);
  assert.equal(r.args.historyFile, "h");
});

Deno.test("getopt's error messages", () => {
  assert.equal(fails(["-x"]), "option -x not recognized");
  assert.equal(fails(["--bogus"]), "option --bogus not recognized");
  assert.equal(fails(["-c"]), "option -c requires argument");
  assert.equal(fails(["--configuration"]), "option --configuration requires argument");
  assert.equal(fails(["--help=x"]), "option --help must not have an argument");
  assert.equal(fails(["--history"]), "option --history not a unique prefix");
});

Deno.test("a repeated option conflicts; a bad URL is refused", () => {
  assert.equal(
    fails(["-s", "unix:///a", "-s", "unix:///b"]),
    "conflicting command line option '-s'",
  );
  assert.equal(fails(["-s", "foo"]), "invalid value for -s 'foo': value 'foo' is not a URL");
});

Deno.test("-h wins at once; --json is svisor's", () => {
  const h = parseCtlArgs(["-h", "-x"]);
  assert.ok(h.ok && h.args.help);
  const j = parseCtlArgs(["--json", "status"]);
  assert.ok(j.ok && j.args.json);
});
