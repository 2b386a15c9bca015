/**
 * superlance's listeners (Supervisor/superlance, unchanged) against svisor: crashmail with a
 * stand-in sendmail, httpok restarting a program whose URL fails, memmon restarting a program
 * over its memory limit, fatalmailbatch mailing a FATAL to a stand-in SMTP server. superlance is
 * used where /usr/bin/python3 can import it (pip or Debian, as scripts/test.sh tries to install
 * it; or PYTHONPATH); otherwise these tests are skipped, saying so.
 */

import assert from "node:assert/strict";
import { TempDaemon } from "../helpers/temp_daemon.ts";

const PYTHON = "/usr/bin/python3";
const probe = (() => {
  try {
    return new Deno.Command(PYTHON, { args: ["-c", "import superlance, supervisor.childutils"] })
      .outputSync().success;
  } catch {
    return false; // no /usr/bin/python3 at all
  }
})();
const ignore = !probe;
if (ignore) {
  console.log(
    "skipped: superlance is not importable by /usr/bin/python3 (not on pip's indexes or Debian here; set PYTHONPATH to a checkout of Supervisor/superlance to run these)",
  );
}

/**
 * A stand-in sendmail that appends each message on stdin to mail.txt and copies it to stderr (the
 * listener's stderr, which the daemon logs at loglevel=debug, so the test can wait for it).
 */
async function sendmail(dir: string): Promise<string> {
  const path = `${dir}/sendmail.sh`;
  const script = `#!/bin/sh
tee -a ${dir}/mail.txt >&2
echo '-- end --' | tee -a ${dir}/mail.txt >&2
`;
  await Deno.writeTextFile(path, script);
  await Deno.chmod(path, 0o755);
  return path;
}

Deno.test({
  name: "superlance: crashmail mails an unexpected exit through sendmail",
  ignore,
  fn: async () => {
    const dir = await Deno.makeTempDir();
    const mail = await sendmail(dir);
    await using d = await TempDaemon.start(
      `
[eventlistener:crashmail]
command=${PYTHON} -m superlance.crashmail -a -m ops@example.com -s ${mail}
events=PROCESS_STATE_EXITED

[program:crasher]
command=/bin/sh -c "sleep 2; exit 3"
startsecs=1
autorestart=false
`,
      { header: "loglevel=debug" },
    );
    await d.waitForOutput(/exited: crasher \(exit status 3; not expected\)/);
    await d.waitForOutput(/'crashmail' stderr output:\n[\s\S]*-- end --/);
    const text = await Deno.readTextFile(`${dir}/mail.txt`);
    assert.match(text, /To: ops@example.com/);
    assert.match(text, /Subject: .*crasher/);
    assert.match(
      text,
      /Process crasher in group crasher exited unexpectedly \(pid \d+\) from state RUNNING/,
    );
    await Deno.remove(dir, { recursive: true });
  },
});

Deno.test({
  name: "superlance: httpok restarts a program whose URL fails",
  ignore,
  fn: async () => {
    await using d = await TempDaemon.start(
      `
[eventlistener:httpok]
command=${PYTHON} -m superlance.httpok -p web -t 2 http://127.0.0.1:9/
events=TICK_5

[program:web]
command=/bin/sh -c "exec sleep 1000"
`,
    );
    await d.waitForOutput(/spawned: 'web' with pid \d+[\s\S]*spawned: 'web' with pid \d+/);
    assert.match(d.output, /stopped: web \(terminated by SIGTERM\)/);
  },
});

Deno.test({
  name: "superlance: memmon restarts a program over its memory limit",
  ignore,
  fn: async () => {
    await using d = await TempDaemon.start(
      `
[eventlistener:memmon]
command=${PYTHON} -m superlance.memmon -p hog=20MB
events=TICK_5

[program:hog]
command=${PYTHON} -c "import time; x = bytearray(60 * 1024 * 1024); time.sleep(1000)"
`,
    );
    await d.waitForOutput(/spawned: 'hog' with pid \d+[\s\S]*spawned: 'hog' with pid \d+/);
    assert.match(d.output, /stopped: hog \(terminated by SIGTERM\)/);
  },
});

Deno.test({
  name: "superlance: fatalmailbatch mails a FATAL to an SMTP server",
  ignore,
  fn: async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    await using d = await TempDaemon.start(
      `
[program:smtp]
command=${PYTHON} -u -W ignore -m smtpd -n -c DebuggingServer 127.0.0.1:${port}
priority=1

[eventlistener:fatalmail]
command=${PYTHON} -m superlance.fatalmailbatch -e TICK_5 -i 0.05 -t ops@example.com -f svisor@example.com -H 127.0.0.1:${port}
events=PROCESS_STATE,TICK_5

[program:bad]
command=/bin/false
startretries=0
`,
      { header: "loglevel=debug" },
    );
    await d.waitForOutput(/gave up: bad entered FATAL state/);
    // The stand-in SMTP server prints each message line as bytes between these markers.
    const [mail] = await d.waitForOutput(/-+ MESSAGE FOLLOWS -+[\s\S]*?-+ END MESSAGE -+/);
    assert.match(mail, /b'To: ops@example.com'/);
    assert.match(mail, /Process bad:bad failed to start too many times/);
  },
});
