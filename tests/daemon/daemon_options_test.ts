import assert from "node:assert/strict";
import { applyOverrides, parseDaemonArgs } from "../../src/daemon/daemon_options.ts";
import type { DaemonConfig } from "../../src/config/model.ts";

const ctx = {
  isDirectory: (p: string) => p === "/srv" || p === "/w/logs",
  userExists: (u: string) => u === "www" || u === "33",
  absolute: (p: string) => (p.startsWith("/") ? p : `/w/${p}`),
};

Deno.test("every supervisord option maps to its [supervisord] key", () => {
  const r = parseDaemonArgs([
    "-c",
    "s.conf",
    "-n",
    "-s",
    "-u",
    "www",
    "-m",
    "077",
    "-d",
    "/srv",
    "-l",
    "main.log",
    "-y",
    "5MB",
    "-z",
    "3",
    "-e",
    "debug",
    "-j",
    "run/s.pid",
    "-i",
    "edge",
    "-q",
    "logs",
    "-k",
    "-a",
    "2048",
    "-t",
    "--minprocs",
    "300",
    "--profile_options",
    "cumulative",
  ], ctx);
  assert.ok(r.ok);
  assert.equal(r.args.configuration, "/w/s.conf");
  assert.equal(r.args.profileOptions, "cumulative");
  assert.deepEqual(r.args.overrides, {
    nodaemon: true,
    silent: true,
    user: "www",
    umask: 0o77,
    directory: "/srv",
    logfile: "/w/main.log",
    logfileMaxbytes: 5 * 1024 * 1024,
    logfileBackups: 3,
    loglevel: "debug",
    pidfile: "/w/run/s.pid",
    identifier: "edge",
    childlogdir: "/w/logs",
    nocleanup: true,
    minfds: 2048,
    stripAnsi: true,
    minprocs: 300,
  });
});

Deno.test("long options, clusters and attached values", () => {
  const r = parseDaemonArgs(["-nc/etc/s.conf", "--logl=warn", "--user", "33"], ctx);
  assert.ok(r.ok);
  assert.equal(r.args.configuration, "/etc/s.conf");
  assert.deepEqual(r.args.overrides, { nodaemon: true, loglevel: "warn", user: "33" });
});

Deno.test("usage errors carry supervisord's texts", () => {
  const cases: Array<[string[], string]> = [
    [["-m", "999"], "invalid value for -m '999': 999 can not be converted to an octal type"],
    [["-e", "foo"], "invalid value for -e 'foo': bad logging level name 'foo'"],
    [["-y", "1x"], "invalid value for -y '1x': invalid literal for int() with base 10: '1x'"],
    [["-a", "z"], "invalid value for -a 'z': invalid literal for int() with base 10: 'z'"],
    [["foo"], "positional arguments are not supported: ['foo']"],
    [["-c", "a", "-c", "b"], "conflicting command line option '-c'"],
    [["-c", "a", "--configuration", "b"], "conflicting command line option '--configuration'"],
    [["--bogus"], "option --bogus not recognized"],
    [["-x"], "option -x not recognized"],
    [["-c"], "option -c requires argument"],
    [
      ["-d", "/nonexist"],
      "invalid value for -d '/nonexist': /nonexist is not an existing directory",
    ],
    [["-u", "nosuchuser"], "Invalid user name nosuchuser"],
  ];
  for (const [argv, message] of cases) {
    assert.deepEqual(parseDaemonArgs(argv, ctx), { ok: false, message }, argv.join(" "));
  }
});

Deno.test("-h and -v are flags and never conflict", () => {
  const r = parseDaemonArgs(["-h", "-v", "-h"], ctx);
  assert.ok(r.ok);
  assert.equal(r.args.help, true);
  assert.equal(r.args.version, true);
});

Deno.test("overrides win over the config; the rest is kept", () => {
  const base = { nodaemon: false, loglevel: "info", pidfile: "/tmp/s.pid" } as DaemonConfig;
  const r = parseDaemonArgs(["-n", "-e", "warn"], ctx);
  assert.ok(r.ok);
  assert.deepEqual(applyOverrides(base, r.args), {
    nodaemon: true,
    loglevel: "warn",
    pidfile: "/tmp/s.pid",
  });
});
