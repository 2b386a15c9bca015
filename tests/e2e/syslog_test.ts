/**
 * End to end: logfile=syslog and stdout_syslog/stderr_syslog reach the syslog socket with
 * supervisord's records, against a receiver the test binds and, where installed, a real rsyslog.
 */

import assert from "node:assert/strict";
import { TempDaemon } from "../helpers/temp_daemon.ts";

const PYTHON = "/usr/bin/python3";
const RSYSLOGD = "/usr/sbin/rsyslogd";
const RECEIVER = new URL("../fixtures/syslog/receiver.py", import.meta.url).pathname;
const has = (path: string) => {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
};

/** A datagram socket bound by a python3 child; `records` grows as datagrams arrive. */
class Receiver implements AsyncDisposable {
  records: string[] = [];
  readonly #child: Deno.ChildProcess;
  readonly #done: Promise<void>;
  #wake: (() => void) | null = null;

  private constructor(child: Deno.ChildProcess, ready: () => void) {
    this.#child = child;
    this.#done = (async () => {
      const lines = child.stdout.pipeThrough(new TextDecoderStream());
      let buffered = "";
      for await (const chunk of lines) {
        buffered += chunk;
        let nl: number;
        while ((nl = buffered.indexOf("\n")) >= 0) {
          const line = buffered.slice(0, nl);
          buffered = buffered.slice(nl + 1);
          if (line === "ready") ready();
          else this.records.push(JSON.parse(line));
          this.#wake?.();
        }
      }
    })();
  }

  static async bind(path: string): Promise<Receiver> {
    const child = new Deno.Command(PYTHON, {
      args: [RECEIVER, path],
      stdin: "piped",
      stdout: "piped",
    }).spawn();
    let ready!: () => void;
    const up = new Promise<void>((r) => (ready = r));
    const receiver = new Receiver(child, ready);
    await up;
    return receiver;
  }

  /** Resolves once a record matches. */
  async waitFor(pattern: RegExp): Promise<string> {
    while (true) {
      const hit = this.records.find((r) => pattern.test(r));
      if (hit !== undefined) return hit;
      await new Promise<void>((r) => (this.#wake = r));
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.#child.stdin.close();
    await this.#done;
    await this.#child.status;
  }
}

const STAMP = /^<14>[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d supervisord: /;

Deno.test({
  name: "logfile=syslog and *_syslog send supervisord's records to the syslog socket",
  ignore: !has(PYTHON),
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "svisor_syslog_" });
    try {
      await using rx = await Receiver.bind(`${dir}/log.sock`);
      await using d = await TempDaemon.start(
        `
[program:talk]
command=/bin/sh -c "printf 'one\\ntwo\\n'; echo err >&2; exec sleep 1000"
stdout_syslog=true
stderr_syslog=true
startsecs=0

[program:quiet]
command=/bin/sh -c "echo not for syslog; exec sleep 1000"
startsecs=0
`,
        { logfile: "syslog", env: { SVISOR_TEST_SYSLOG_SOCKET: `${dir}/log.sock` } },
      );
      await rx.waitFor(/talk err$/);
      await rx.waitFor(/talk two$/);
      const started = await rx.waitFor(/supervisord started with pid/);
      assert.match(started, STAMP);
      assert.match(
        started,
        /supervisord: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} INFO supervisord started with pid \d+\n$/,
      );
      assert.ok(rx.records.every((r) => STAMP.test(r)), rx.records.join("\n"));
      const child = rx.records.map((r) => r.replace(STAMP, "")).filter((r) =>
        r.startsWith("talk ")
      );
      assert.deepEqual(child.sort(), ["talk err", "talk one", "talk two"]);
      assert.ok(!rx.records.some((r) => /not for syslog/.test(r)));
      // The daemon writes no main log file, and still echoes in the foreground.
      assert.ok(!has(`${d.dir}/svisor.log`));
      assert.match(d.output, /supervisord started with pid/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "a real rsyslog receives the records as programname supervisord, facility user, info",
  ignore: !has(RSYSLOGD),
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "svisor_rsyslog_" });
    try {
      await Deno.writeTextFile(
        `${dir}/rsyslog.conf`,
        `global(workDirectory="${dir}")
module(load="imuxsock" SysSock.Use="off")
input(type="imuxsock" Socket="${dir}/log.sock")
template(name="t" type="string" string="%programname%|%syslogfacility-text%|%syslogseverity-text%|%msg%\\n")
*.* action(type="omfile" file="${dir}/out.log" template="t")
`,
      );
      const rsyslog = new Deno.Command(RSYSLOGD, {
        args: ["-n", "-f", `${dir}/rsyslog.conf`, "-i", `${dir}/rsyslog.pid`],
        stdout: "null",
        stderr: "null",
      }).spawn();
      try {
        // rsyslog says nothing when its socket is up: the socket file appearing is the sign.
        const isSocket = () => {
          try {
            return Deno.statSync(`${dir}/log.sock`).isSocket === true;
          } catch {
            return false;
          }
        };
        for (let i = 0; i < 200 && !isSocket(); i++) await new Promise((r) => setTimeout(r, 25));
        assert.ok(isSocket(), "rsyslog made its socket");
        await using d = await TempDaemon.start(
          `
[program:talk]
command=/bin/sh -c "echo hello rsyslog; exec sleep 1000"
stdout_syslog=true
startsecs=0
`,
          { env: { SVISOR_TEST_SYSLOG_SOCKET: `${dir}/log.sock` } },
        );
        await d.waitForOutput(/success: talk entered RUNNING state/);
        let text = "";
        for (let i = 0; i < 200 && !text.includes("hello rsyslog"); i++) {
          await new Promise((r) => setTimeout(r, 25));
          text = await Deno.readTextFile(`${dir}/out.log`).catch(() => "");
        }
        assert.match(text, /^supervisord\|user\|info\| ?talk hello rsyslog$/m);
      } finally {
        rsyslog.kill("SIGTERM");
        await rsyslog.status;
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
