/**
 * A config that sets every option of every section svisor knows (the table the unknown-name
 * warnings use, supervisor 4.2's set) passes `check` with no option silently ignored: the only
 * remarks are the documented ones.
 */

import assert from "node:assert/strict";
import { KNOWN_OPTIONS, type SectionKind } from "../../src/config/known_options.ts";
import { runSvisor } from "../helpers/temp_daemon.ts";

/** A valid value for each option name (by section kind where they differ). */
function valueOf(kind: SectionKind, option: string, dir: string): string {
  const stream = /^std(out|err)_(.*)$/.exec(option)?.[2];
  if (stream !== undefined) {
    return ({
      logfile: "AUTO",
      logfile_maxbytes: "1MB",
      logfile_backups: "1",
      capture_maxbytes: "0",
      events_enabled: "false",
      syslog: "false",
    } as Record<string, string>)[stream]!;
  }
  const byKind: Record<string, Record<string, string>> = {
    supervisord: {
      logfile: `${dir}/s.log`,
      logfile_maxbytes: "1MB",
      logfile_backups: "2",
      loglevel: "info",
      pidfile: `${dir}/s.pid`,
      umask: "022",
      nodaemon: "true",
      silent: "false",
      minfds: "1024",
      minprocs: "200",
      nocleanup: "false",
      childlogdir: dir,
      user: "root",
      directory: dir,
      strip_ansi: "false",
      environment: 'A="1"',
      identifier: "every",
      refuse_unsafe_config: "false",
      event_stream_history: "100",
    },
    unix_http_server: {
      file: `${dir}/s.sock`,
      chmod: "0700",
      chown: "root",
      username: "u",
      password: "p",
    },
    inet_http_server: { port: "127.0.0.1:9911", username: "u", password: "p" },
    supervisorctl: {
      serverurl: `unix://${dir}/s.sock`,
      username: "u",
      password: "p",
      prompt: "every",
      history_file: `${dir}/history`,
    },
    group: { programs: "p", priority: "5" },
    include: { files: `${dir}/conf.d/*.conf` },
  };
  const program: Record<string, string> = {
    command: "/bin/true",
    process_name: "%(program_name)s_%(process_num)s",
    numprocs: "1",
    numprocs_start: "0",
    priority: "1",
    autostart: "false",
    startsecs: "1",
    startretries: "3",
    autorestart: "unexpected",
    exitcodes: "0",
    stopsignal: "TERM",
    stopwaitsecs: "10",
    stopasgroup: "false",
    killasgroup: "false",
    user: "root",
    redirect_stderr: "false",
    environment: 'B="2"',
    directory: "/tmp",
    umask: "022",
    serverurl: "AUTO",
    socket: `unix://${dir}/fcgi.sock`,
    socket_backlog: "5",
    socket_owner: "root",
    socket_mode: "0700",
    events: "PROCESS_STATE",
    buffer_size: "10",
    result_handler: "supervisor.dispatchers:default_handler",
    // svisor's own (docs/configuration.md, docs/readiness.md)
    vital: "fatal",
    vital_exitcode: "1",
    readiness_check: "http://127.0.0.1:9/",
    readiness_interval: "1",
    readiness_timeout: "1",
    readiness_initial_delay: "0",
    readiness_failure_threshold: "3",
    readiness_http_status: "200-299",
    healthcheck: "http://127.0.0.1:9/",
    healthcheck_interval: "10",
    healthcheck_timeout: "1",
    healthcheck_initial_delay: "0",
    healthcheck_failure_threshold: "3",
    healthcheck_http_status: "200-299",
    healthcheck_action: "mark",
    // p depends on nothing, the others on p: every section sets it, and there is no cycle
    depends_on: kind === "program" ? "" : "p:started",
    backoff_max: "10",
    backoff_jitter: "0",
    retry_forever: "false",
    min_uptime: "0",
    start_limit_burst: "5",
    start_limit_interval: "10",
    max_memory: "0",
    max_memory_interval: "5",
    restart_schedule: "0 4 * * *",
  };
  const value = kind === "program" || kind === "fcgi-program" || kind === "eventlistener"
    ? program[option]
    : byKind[kind]?.[option];
  if (value === undefined) throw new Error(`no test value for [${kind}] ${option}`);
  return value;
}

const SECTIONS: Array<[string, SectionKind]> = [
  ["supervisord", "supervisord"],
  ["unix_http_server", "unix_http_server"],
  ["inet_http_server", "inet_http_server"],
  ["supervisorctl", "supervisorctl"],
  ["program:p", "program"],
  ["fcgi-program:f", "fcgi-program"],
  ["eventlistener:e", "eventlistener"],
  ["group:g", "group"],
  ["include", "include"],
];

Deno.test("check on a config with every option of every section ignores none silently", async () => {
  const dir = await Deno.makeTempDir({ prefix: "svisor_every_" });
  try {
    const text = SECTIONS.map(([section, kind]) =>
      [
        `[${section}]`,
        ...KNOWN_OPTIONS[kind]!.map((o) => `${o} = ${valueOf(kind, o, dir)}`),
      ]
        .join("\n")
    ).join("\n\n") +
      "\n\n[rpcinterface:supervisor]\n" +
      "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n";
    await Deno.writeTextFile(`${dir}/every.conf`, text);
    await Deno.mkdir(`${dir}/conf.d`);
    await Deno.writeTextFile(`${dir}/conf.d/more.conf`, "[program:more]\ncommand=/bin/true\n");
    const check = await runSvisor(["check", "--json", "-c", `${dir}/every.conf`]);
    assert.equal(check.code, 0, check.stdout + check.stderr);
    const warnings = (JSON.parse(check.stdout).warnings as Array<{ message: string }>)
      .map((w) => w.message);
    assert.deepEqual(warnings, []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
