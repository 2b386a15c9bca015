/** Checks every fixture config's verdict (and resolved processes) against supervisor 4.2.5 itself. */

import assert from "node:assert/strict";
import { posix } from "node:path";
import { ConfigErrors } from "../../src/core/errors.ts";
import { loadConfig } from "../../src/config/load_config.ts";
import type { Config } from "../../src/config/model.ts";
import { denoConfigFs } from "../../src/sys/config_fs.ts";

const SUPERVISORD = "/usr/bin/supervisord";
const PYTHON = "/usr/bin/python3";
const DIR = new URL("../fixtures/configs/", import.meta.url).pathname;

/** Realizes supervisord's options for each file in one Python process; prints JSON verdicts. */
const VERDICT_PY = `
import io, json, sys
from supervisor.options import ServerOptions
out = {}
for f in sys.argv[1:]:
    o = ServerOptions()
    o.stderr = io.StringIO()
    o.stdout = io.StringIO()
    try:
        o.realize(["-c", f])
    except SystemExit as e:
        out[f] = {"ok": False, "error": o.stderr.getvalue().splitlines()[0]}
        continue
    out[f] = {"ok": True, "groups": [{"name": g.name, "priority": g.priority, "processes": [
        {"name": p.name, "command": p.command, "priority": p.priority,
         "environment": p.environment, "directory": p.directory,
         "stdout_logfile": p.stdout_logfile if isinstance(p.stdout_logfile, str) else None}
        for p in g.process_configs]} for g in o.process_group_configs]}
print(json.dumps(out))
`;

interface Verdict {
  ok: boolean;
  error?: string;
  groups?: {
    name: string;
    priority: number;
    processes: {
      name: string;
      command: string;
      priority: number;
      environment: Record<string, string>;
      directory: string | null;
      stdout_logfile: string | null;
    }[];
  }[];
}

async function fixtures(): Promise<string[]> {
  const manifest = JSON.parse(await Deno.readTextFile(`${DIR}verdicts.json`));
  return Object.keys(manifest);
}

async function supervisorVerdicts(files: string[]): Promise<Record<string, Verdict>> {
  const out = await new Deno.Command(PYTHON, {
    args: ["-c", VERDICT_PY, ...files],
    cwd: DIR,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  return JSON.parse(new TextDecoder().decode(out.stdout));
}

function svisorVerdict(
  file: string,
): { ok: true; config: Config } | { ok: false; errors: string[] } {
  try {
    const config = loadConfig(file, {
      fs: denoConfigFs(),
      env: Deno.env.toObject(),
      cwd: DIR.replace(/\/$/, ""),
      hostname: Deno.hostname(),
    });
    return { ok: true, config };
  } catch (e) {
    if (!(e instanceof ConfigErrors)) throw e;
    return { ok: false, errors: e.errors.map((x) => x.message) };
  }
}

Deno.test({
  name: "config verdicts match supervisor 4.2.5" +
    (exists(SUPERVISORD) ? "" : ` (ignored: ${SUPERVISORD} is not installed)`),
  ignore: !exists(SUPERVISORD),
  async fn() {
    const files = await fixtures();
    const theirs = await supervisorVerdicts(files);
    for (const file of files) {
      const them = theirs[file];
      const us = svisorVerdict(file);
      assert.ok(them !== undefined, file);
      assert.equal(
        us.ok,
        them.ok,
        `${file}: svisor says ${us.ok ? "ok" : (us as { errors: string[] }).errors.join("; ")}, ` +
          `supervisor says ${them.ok ? "ok" : them.error}`,
      );
      if (!us.ok || them.groups === undefined) continue;
      const ours = us.config.groups.map((g) => ({
        name: g.name,
        priority: g.priority,
        processes: g.processes.map((p) => ({
          name: p.name,
          command: p.command,
          priority: p.priority,
          environment: p.environment,
          directory: p.directory,
          stdout_logfile: p.stdout.logfile.kind === "file" ? p.stdout.logfile.path : null,
        })),
      }));
      const normalized = them.groups.map((g) => ({
        ...g,
        processes: g.processes.map((p) => ({
          ...p,
          stdout_logfile: p.stdout_logfile === null ? null : posix.resolve(DIR, p.stdout_logfile),
        })),
      }));
      assert.deepEqual(ours, normalized, file);
    }
  },
});

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}
