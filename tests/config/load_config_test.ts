/** Tests of loadConfig: defaults, every option kind, expansions, groups, includes and error reports. */

import assert from "node:assert/strict";
import { ConfigErrors } from "../../src/core/errors.ts";
import { ConfigLoadErrors, loadConfig } from "../../src/config/load_config.ts";
import type { Config, ProcessConfig } from "../../src/config/model.ts";
import { fakeConfigFs } from "./fake_config_fs.ts";

const OPTS = { cwd: "/work", hostname: "box", env: { HOME: "/home/me", ROLE: "test" } };

function load(text: string, extra: Record<string, string> = {}, dirs: string[] = []): Config {
  const fs = fakeConfigFs({ "/etc/s/main.conf": text, ...extra }, { dirs: ["/work", ...dirs] });
  return loadConfig("/etc/s/main.conf", { fs, ...OPTS });
}

function errorsOf(text: string, extra: Record<string, string> = {}): string[] {
  try {
    load(text, extra);
  } catch (e) {
    assert.ok(e instanceof ConfigErrors);
    return e.errors.map((x) => x.message);
  }
  assert.fail("the config loaded without errors");
}

function proc(config: Config, name: string): ProcessConfig {
  const p = config.groups.flatMap((g) => g.processes).find((x) => x.name === name);
  assert.ok(p !== undefined, `no process ${name}`);
  return p;
}

const SUP = "[supervisord]\n";

Deno.test("[supervisord] defaults: logfile and pidfile in the cwd, childlogdir the temp dir", () => {
  const c = load(SUP);
  assert.deepEqual(c.supervisord, {
    logfile: "/work/supervisord.log",
    logfileMaxbytes: 50 * 1024 * 1024,
    logfileBackups: 10,
    loglevel: "info",
    pidfile: "/work/supervisord.pid",
    umask: 0o22,
    nodaemon: false,
    silent: false,
    minfds: 1024,
    minprocs: 200,
    nocleanup: false,
    childlogdir: "/tmp",
    user: null,
    directory: null,
    stripAnsi: false,
    environment: {},
    identifier: "supervisor",
    eventStreamHistory: 1000,
  });
  assert.deepEqual(c.groups, []);
  assert.equal(c.supervisorctl, null);
  assert.deepEqual(c.files, ["/etc/s/main.conf"]);
});

Deno.test("[supervisord] every option parsed", () => {
  const c = load(
    `[supervisord]
logfile = %(here)s/log/d.log
logfile_maxbytes = 1KB
logfile_backups = 2
loglevel = DEBUG
pidfile = ~/d.pid
umask = 077
nodaemon = true
silent = on
minfds = 10
minprocs = 20
nocleanup = yes
childlogdir = /var/log
user = www
directory = /srv
strip_ansi = 1
environment = A="1",B=2
identifier = box1
event_stream_history = 50
`,
    {},
    ["/etc/s/log", "/home/me", "/var/log", "/srv"],
  );
  assert.deepEqual(c.supervisord, {
    logfile: "/etc/s/log/d.log",
    logfileMaxbytes: 1024,
    logfileBackups: 2,
    loglevel: "debug",
    pidfile: "/home/me/d.pid",
    umask: 0o77,
    nodaemon: true,
    silent: true,
    minfds: 10,
    minprocs: 20,
    nocleanup: true,
    childlogdir: "/var/log",
    user: "www",
    directory: "/srv",
    stripAnsi: true,
    environment: { A: "1", B: "2" },
    identifier: "box1",
    eventStreamHistory: 50,
  });
});

Deno.test("[supervisord] checks directories and the user", () => {
  assert.deepEqual(
    errorsOf("[supervisord]\nlogfile=/nope/d.log\nchildlogdir=/nope\ndirectory=/none\nuser=bob\n"),
    [
      '/etc/s/main.conf:2: [supervisord] logfile: the directory "/nope" of "/nope/d.log" does not exist',
      '/etc/s/main.conf:3: [supervisord] childlogdir: "/nope" is not an existing directory',
      '/etc/s/main.conf:4: [supervisord] directory: "/none" is not an existing directory',
      '/etc/s/main.conf:5: [supervisord] user: no user named "bob" in the user database',
    ],
  );
});

Deno.test("[program:x] defaults", () => {
  const p = proc(load(SUP + "[program:web]\ncommand=/bin/web\n"), "web");
  const stream = {
    logfile: { kind: "auto" },
    maxbytes: 50 * 1024 * 1024,
    backups: 10,
    captureMaxbytes: 0,
    eventsEnabled: false,
    syslog: false,
  };
  assert.deepEqual(p, {
    name: "web",
    group: "web",
    program: "web",
    kind: "program",
    command: "/bin/web",
    processNum: 0,
    priority: 999,
    autostart: true,
    startsecs: 1,
    startretries: 3,
    autorestart: "unexpected",
    exitcodes: [0],
    stopsignal: "TERM",
    stopwaitsecs: 10,
    stopasgroup: false,
    killasgroup: false,
    user: null,
    redirectStderr: false,
    stdout: stream,
    stderr: stream,
    environment: {},
    directory: null,
    umask: null,
    serverurl: null,
  });
});

Deno.test("[program:x] every option parsed", () => {
  const c = load(`[supervisord]
environment = GLOBAL=g,SHARED=global
[unix_http_server]
file = /tmp/s.sock
[program:web]
command = /bin/web --port %(ENV_PORT)s
priority = 5
autostart = false
startsecs = 0
startretries = 1
autorestart = true
exitcodes = 0,2
stopsignal = sigquit
stopwaitsecs = 3
stopasgroup = true
user = www
redirect_stderr = true
stdout_logfile = /tmp/web.log
stdout_logfile_maxbytes = 1MB
stdout_logfile_backups = 2
stdout_capture_maxbytes = 1KB
stdout_events_enabled = true
stdout_syslog = true
stderr_logfile = /tmp/web.err
environment = PORT=8080,SHARED=mine
directory = /srv/%(program_name)s
umask = 002
serverurl = http://other:1
`);
  const p = proc(c, "web");
  assert.equal(p.command, "/bin/web --port 8080");
  assert.deepEqual(
    [p.priority, p.autostart, p.startsecs, p.startretries, p.autorestart, p.exitcodes],
    [5, false, 0, 1, "true", [0, 2]],
  );
  assert.deepEqual([p.stopsignal, p.stopwaitsecs, p.stopasgroup, p.killasgroup], [
    "QUIT",
    3,
    true,
    true,
  ]);
  assert.deepEqual([p.user, p.redirectStderr, p.directory, p.umask], [
    "www",
    true,
    "/srv/web",
    0o2,
  ]);
  assert.deepEqual(p.stdout, {
    logfile: { kind: "file", path: "/tmp/web.log" },
    maxbytes: 1024 * 1024,
    backups: 2,
    captureMaxbytes: 1024,
    eventsEnabled: true,
    syslog: true,
  });
  assert.deepEqual(p.stderr.logfile, { kind: "none" });
  assert.deepEqual(p.environment, { GLOBAL: "g", SHARED: "mine", PORT: "8080" });
  assert.equal(p.serverurl, "http://other:1");
  assert.deepEqual(c.warnings.map((w) => w.message), [
    "/etc/s/main.conf:24: [program:web] stderr_logfile: redirect_stderr=true sends stderr to the stdout log, so this file is never written",
  ]);
});

Deno.test("logfile names: NONE, off, AUTO, syslog (deprecated), and AUTO without rollover", () => {
  const c = load(
    SUP + `[program:a]
command=/bin/a
stdout_logfile=NONE
stderr_logfile=syslog
[program:b]
command=/bin/b
stdout_logfile=off
stderr_logfile=auto
stderr_logfile_maxbytes=0
`,
  );
  assert.deepEqual(proc(c, "a").stdout.logfile, { kind: "none" });
  assert.deepEqual([proc(c, "a").stderr.logfile, proc(c, "a").stderr.syslog], [
    { kind: "none" },
    true,
  ]);
  assert.deepEqual(proc(c, "b").stdout.logfile, { kind: "none" });
  assert.deepEqual(c.warnings.map((w) => w.detail), [
    "stderr_logfile=syslog is deprecated; use stderr_syslog=true instead",
    "AUTO logging without rollover (maxbytes=0) can fill up the file system; set maxbytes > 0",
  ]);
});

Deno.test("numprocs: one process per number, names expanded and sorted, format specs", () => {
  const c = load(
    SUP + `[program:w]
command=/bin/w %(process_num)d of %(numprocs)d in %(group_name)s on %(host_node_name)s
process_name=%(program_name)s_%(process_num)02d
numprocs=3
numprocs_start=9
stdout_logfile=/tmp/w-%(process_num)d.log
environment=SLOT="%(process_num)d"
`,
  );
  const ps = c.groups[0]?.processes ?? [];
  assert.deepEqual(ps.map((p) => p.name), ["w_09", "w_10", "w_11"]);
  assert.deepEqual(ps.map((p) => p.processNum), [9, 10, 11]);
  assert.equal(ps[1]?.command, "/bin/w 10 of 3 in w on box");
  assert.deepEqual(ps[2]?.stdout.logfile, { kind: "file", path: "/tmp/w-11.log" });
  assert.deepEqual(ps[0]?.environment, { SLOT: "9" });
});

Deno.test("numprocs > 1 needs %(process_num) in process_name", () => {
  assert.deepEqual(errorsOf(SUP + "[program:w]\ncommand=/bin/w\nnumprocs=2\n"), [
    "/etc/s/main.conf:4: [program:w] numprocs: numprocs is 2, so process_name must contain %(process_num) (e.g. process_name=%(program_name)s_%(process_num)02d), or every process would have the same name",
  ]);
});

Deno.test("process_num is not available in options read before the per-process loop", () => {
  const [error] = errorsOf(SUP + "[program:w]\ncommand=/bin/w\nstartsecs=%(process_num)d\n");
  assert.match(
    error ?? "",
    /^\/etc\/s\/main\.conf:4: \[program:w\] startsecs: cannot expand "%\(process_num\)d": unknown name "process_num"; startsecs is read once per section, before process_num and numprocs exist/,
  );
});

Deno.test("ENV_ names: the start environment, [supervisord] environment, the program's own", () => {
  const c = load(`[supervisord]
environment = FROM_SUP="s-%(ENV_ROLE)s"
[program:a]
command=/bin/a %(ENV_ROLE)s %(ENV_FROM_SUP)s %(ENV_OWN)s
environment=OWN="o"
`);
  assert.equal(proc(c, "a").command, "/bin/a test s-test o");
  const [error] = errorsOf(SUP + "[program:a]\ncommand=%(ENV_NOPE)s\n");
  assert.match(
    error ?? "",
    /command: cannot expand "%\(ENV_NOPE\)s": unknown name "ENV_NOPE"; the environment has no "NOPE"/,
  );
});

Deno.test("%% cannot be written in [supervisord] environment or std*_logfile (expanded twice in 4.2.5)", () => {
  const errors = errorsOf(`[supervisord]
environment = A="100%%"
[program:a]
command = /bin/echo 100%%
stdout_logfile = /tmp/100%%.log
`);
  assert.equal(errors.length, 2);
  assert.match(
    errors[0] ?? "",
    /^\/etc\/s\/main.conf:2: \[supervisord\] environment: "A=\\"100%%\\"" expands to "A=\\"100%\\"", which supervisor 4.2.5 expands a second time/,
  );
  assert.match(errors[1] ?? "", /^\/etc\/s\/main.conf:5: \[program:a\] stdout_logfile: /);
});

Deno.test("[DEFAULT] keys show through in every section", () => {
  const c = load("[DEFAULT]\nstartsecs=7\n" + SUP + "[program:a]\ncommand=/bin/a\n");
  assert.equal(proc(c, "a").startsecs, 7);
  assert.deepEqual(c.warnings, []);
});

Deno.test("duplicate sections merge, the later key wins", () => {
  const c = load(SUP + "[program:a]\ncommand=/bin/a\npriority=1\n[program:a]\npriority=2\n");
  assert.deepEqual([proc(c, "a").command, proc(c, "a").priority], ["/bin/a", 2]);
});

Deno.test("groups: membership moves processes, sorted by priority then name", () => {
  const c = load(
    SUP + `[program:web]
command=/bin/web
[program:worker]
command=/bin/worker
priority=1
[program:cron]
command=/bin/cron
[group:app]
programs=web,worker
priority=50
[eventlistener:mon]
command=/bin/mon
events=process_state
`,
  );
  assert.deepEqual(c.groups.map((g) => [g.name, g.priority, g.explicit]), [
    ["mon", -1, false],
    ["app", 50, true],
    ["cron", 999, false],
  ]);
  assert.deepEqual(c.groups[1]?.processes.map((p) => [p.group, p.name]), [["app", "web"], [
    "app",
    "worker",
  ]]);
  const mon = proc(c, "mon");
  assert.deepEqual([mon.priority, mon.eventlistener], [999, {
    events: ["PROCESS_STATE"],
    bufferSize: 10,
    resultHandler: "supervisor.dispatchers:default_handler",
  }]);
});

Deno.test("groups: unknown and ambiguous programs are errors", () => {
  assert.deepEqual(
    errorsOf(
      SUP + `[program:web]
command=/bin/web
[program:php]
command=/bin/php
[fcgi-program:php]
command=/bin/php
socket=tcp://127.0.0.1:9000
[group:g]
programs=wbe,php
`,
    ),
    [
      '/etc/s/main.conf:10: [group:g] programs: names unknown program or fcgi-program "wbe"; did you mean "web"',
      '/etc/s/main.conf:10: [group:g] programs: "php" is ambiguous: both [program:php] and [fcgi-program:php] exist',
    ],
  );
});

Deno.test("two groups with one name: the first by priority is kept, with a warning", () => {
  const c = load(
    SUP +
      "[program:a]\ncommand=/bin/a\n[program:b]\ncommand=/bin/b\n[group:a]\nprograms=b\npriority=1\n",
  );
  assert.deepEqual(c.groups.map((g) => [g.name, g.processes.map((p) => p.name)]), [["a", ["b"]]]);
  assert.match(
    c.warnings[0]?.message ?? "",
    /\[program:a\] group "a" is also defined by \[group:a\]/,
  );
});

Deno.test("names may not contain space, colon or slash", () => {
  assert.deepEqual(errorsOf(SUP + "[program:a b]\ncommand=/bin/a\n"), [
    '/etc/s/main.conf:2: [program:a b] invalid name "a b": it contains " " (names may not contain space, ":" or "/")',
  ]);
});

Deno.test("stopasgroup implies killasgroup; killasgroup=false with it is an error", () => {
  assert.equal(
    proc(load(SUP + "[program:a]\ncommand=/bin/a\nstopasgroup=true\n"), "a").killasgroup,
    true,
  );
  assert.deepEqual(
    errorsOf(SUP + "[program:a]\ncommand=/bin/a\nstopasgroup=true\nkillasgroup=false\n"),
    [
      "/etc/s/main.conf:5: [program:a] killasgroup: stopasgroup=true implies killasgroup=true; killasgroup=false contradicts it",
    ],
  );
});

Deno.test("eventlistener rules: events required and known, buffer_size >= 1, no redirect_stderr", () => {
  assert.deepEqual(
    errorsOf(
      SUP + `[eventlistener:a]
command=/bin/a
buffer_size=0
redirect_stderr=true
[eventlistener:b]
command=/bin/b
events=TICK_60,TIK_5
`,
    ),
    [
      '/etc/s/main.conf:2: [eventlistener:a] requires an "events" line (e.g. events=PROCESS_STATE)',
      "/etc/s/main.conf:4: [eventlistener:a] buffer_size: buffer_size must be at least 1, not 0",
      "/etc/s/main.conf:5: [eventlistener:a] redirect_stderr: redirect_stderr=true is not allowed in an event listener: stdout carries the listener protocol",
      '/etc/s/main.conf:8: [eventlistener:b] events: unknown event type "TIK_5"; did you mean "TICK_5"',
    ],
  );
});

Deno.test("eventlistener result_handler: only supervisor's default handler loads", () => {
  assert.deepEqual(
    errorsOf(
      SUP + `[eventlistener:a]
command=/bin/a
events=PROCESS_STATE
result_handler=mypkg.handlers:accept_all
[eventlistener:b]
command=/bin/b
events=TICK_5
result_handler=supervisor.dispatchers:default_handler
`,
    ),
    [
      '/etc/s/main.conf:5: [eventlistener:a] result_handler: svisor cannot load Python result handlers; only "supervisor.dispatchers:default_handler" is available, not "mypkg.handlers:accept_all"',
    ],
  );
});

Deno.test("event_stream_history: 0 or more", () => {
  assert.deepEqual(errorsOf("[supervisord]\nevent_stream_history=-1\n"), [
    "/etc/s/main.conf:2: [supervisord] event_stream_history: event_stream_history must be 0 or more, not -1",
  ]);
});

Deno.test("fcgi-program sockets: unix and tcp, owner and mode only for unix", () => {
  const c = load(
    SUP + `[fcgi-program:u]
command=/bin/u
socket=unix:///tmp/%(program_name)s.sock
socket_mode=0660
user=www
[fcgi-program:t]
command=/bin/t
socket=tcp://LocalHost:9000
socket_backlog=64
`,
  );
  assert.deepEqual(proc(c, "u").fcgi, {
    socket: "unix:///tmp/u.sock",
    socketBacklog: null,
    socketOwner: "www",
    socketMode: 0o660,
  });
  assert.deepEqual(proc(c, "t").fcgi, {
    socket: "tcp://localhost:9000",
    socketBacklog: 64,
    socketOwner: null,
    socketMode: 0o700,
  });
  assert.deepEqual(
    errorsOf(
      SUP + `[fcgi-program:a]
command=/bin/a
[fcgi-program:b]
command=/bin/b
socket=unix://rel.sock
[fcgi-program:c]
command=/bin/c
socket=tcp://h:1
socket_mode=0600
`,
    ),
    [
      '/etc/s/main.conf:2: [fcgi-program:a] requires a "socket" line (tcp://host:port or unix:///path)',
      '/etc/s/main.conf:6: [fcgi-program:b] socket: the unix socket path "rel.sock" is not absolute',
      "/etc/s/main.conf:9: [fcgi-program:c] socket: socket_owner and socket_mode apply only to a unix:// socket",
    ],
  );
});

Deno.test("servers and the AUTO server URL: first unix socket, else first inet server", () => {
  const both = load(
    SUP + `[inet_http_server]
port=*:9001
username=u
password=p
[unix_http_server]
file=%(here)s/s.sock
chmod=0770
chown=www:www
[program:a]
command=/bin/a
`,
  );
  assert.deepEqual(both.unixServers, [{
    section: "unix_http_server",
    file: "/etc/s/s.sock",
    chmod: 0o770,
    chown: "www:www",
    username: null,
    password: null,
  }]);
  assert.deepEqual(both.inetServers, [{
    section: "inet_http_server",
    host: "",
    port: 9001,
    username: "u",
    password: "p",
  }]);
  assert.equal(proc(both, "a").serverurl, "unix:///etc/s/s.sock");
  const inet = load(SUP + "[inet_http_server:x]\nport=9002\n[program:a]\ncommand=/bin/a\n");
  assert.equal(proc(inet, "a").serverurl, "http://localhost:9002");
  assert.deepEqual(
    errorsOf(SUP + "[inet_http_server]\nusername=u\n[unix_http_server]\nchown=nobody\n"),
    [
      "/etc/s/main.conf:2: [inet_http_server] has no port value (port= is required)",
      "/etc/s/main.conf:3: [inet_http_server] username: incomplete authentication: set both username and password, or neither",
      "/etc/s/main.conf:4: [unix_http_server] has no file value (file= is required)",
      '/etc/s/main.conf:5: [unix_http_server] chown: no user named "nobody" in the user database',
    ],
  );
});

Deno.test("[supervisorctl]: defaults, here, unix paths made absolute", () => {
  const c = load(
    SUP + "[supervisorctl]\nserverurl=unix://%(here)s/../s.sock\nprompt=box\nhistory_file=~/.h\n",
  );
  assert.deepEqual(c.supervisorctl, {
    serverurl: "unix:///etc/s.sock",
    username: null,
    password: null,
    prompt: "box",
    historyFile: "/home/me/.h",
  });
});

Deno.test("includes: globs relative to the main file, sorted, here per file, infos and warnings", () => {
  const c = load(SUP + "[include]\nfiles = conf.d/*.conf none/*.ini\n", {
    "/etc/s/conf.d/b.conf": "[program:b]\ncommand=/bin/b %(here)s\n",
    "/etc/s/conf.d/a.conf": "[program:a]\ncommand=/bin/a\n[include]\nfiles=more/*.conf\n",
    "/etc/s/conf.d/more/c.conf": "[program:c]\ncommand=/bin/c\n",
  });
  assert.deepEqual(c.files, ["/etc/s/main.conf", "/etc/s/conf.d/a.conf", "/etc/s/conf.d/b.conf"]);
  assert.deepEqual(c.groups.map((g) => g.name), ["a", "b"]);
  assert.equal(proc(c, "b").command, "/bin/b /etc/s/conf.d");
  assert.deepEqual(c.infos, [
    'Included extra file "/etc/s/conf.d/a.conf" during parsing',
    'Included extra file "/etc/s/conf.d/b.conf" during parsing',
  ]);
  assert.deepEqual(c.warnings.map((w) => w.message), [
    '/etc/s/main.conf:3: [include] files: No file matches via include "/etc/s/none/*.ini"',
    "/etc/s/conf.d/a.conf:4: [include] files: includes do not nest: only the main file's [include] is followed (/etc/s/main.conf:2)",
  ]);
  assert.deepEqual(errorsOf(SUP + "[include]\n"), [
    "/etc/s/main.conf:2: [include] .ini file has [include] section, but no files setting",
  ]);
});

Deno.test("errors in included files name the included file and line", () => {
  assert.deepEqual(
    errorsOf(SUP + "[include]\nfiles=x.conf\n", {
      "/etc/s/x.conf": "[program:x]\ncommand=/bin/x\nstartsecs=soon\n",
    }),
    ['/etc/s/x.conf:3: [program:x] startsecs: cannot parse "soon" as an integer'],
  );
});

Deno.test("unknown sections and options are warnings with did-you-mean, never errors", () => {
  const c = load(
    SUP +
      "nodeamon=true\n[program:a]\ncomand2=x\ncommand=/bin/a\n[supervisor]\n[rpcinterface:x]\nsupervisor.rpcinterface_factory = my.mod:make\nanything = goes\n",
  );
  assert.deepEqual(c.warnings.map((w) => w.message), [
    '/etc/s/main.conf:2: [supervisord] nodeamon: unknown option, ignored; did you mean "nodaemon"?',
    '/etc/s/main.conf:4: [program:a] comand2: unknown option, ignored; did you mean "command"?',
    "/etc/s/main.conf:6: [supervisor] unknown section, ignored; did you mean [supervisord]?",
  ]);
  assert.deepEqual(c.infos, [
    '/etc/s/main.conf:7: [rpcinterface:x] accepted but not applicable: svisor does not load Python plugins, so "my.mod:make" is not used',
  ]);
});

Deno.test("a failed load reports every error in file order, with the warnings", () => {
  const fs = fakeConfigFs({
    "/work/bad.conf": "[supervisord]\nloglevel=loud\n[program:a]\ncomand=/bin/a\nstartsecs=x\n",
  });
  try {
    loadConfig("bad.conf", { fs, cwd: "/work" });
    assert.fail("loaded");
  } catch (e) {
    assert.ok(e instanceof ConfigLoadErrors);
    assert.deepEqual(e.errors.map((x) => x.message), [
      'bad.conf:2: [supervisord] loglevel: "loud" is not a log level (critical, error, warn, info, debug, trace, blather)',
      "bad.conf:3: [program:a] does not specify a command (command= is required)",
      'bad.conf:5: [program:a] startsecs: cannot parse "x" as an integer',
    ]);
    assert.deepEqual(e.errors.map((x) => x.location.line), [2, 3, 5]);
    assert.deepEqual(e.warnings.map((w) => w.message), [
      'bad.conf:4: [program:a] comand: unknown option, ignored; did you mean "command"?',
    ]);
  }
});

Deno.test("a missing file, or one without [supervisord], is an error (unless not required)", () => {
  const fs = fakeConfigFs({ "/work/ctl.conf": "[supervisorctl]\n[program:a]\ncommand=/bin/a\n" });
  assert.throws(() => loadConfig("/work/none.conf", { fs }), {
    message: "/work/none.conf: could not find config file",
  });
  assert.throws(() => loadConfig("/work/ctl.conf", { fs }), {
    message: "/work/ctl.conf: .ini file does not include supervisord section",
  });
  const c = loadConfig("/work/ctl.conf", { fs, requireSupervisord: false });
  assert.equal(c.supervisord, null);
  assert.equal(c.groups.length, 1);
});
