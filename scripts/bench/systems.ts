/** The systems under test (svisor, supervisord) behind one interface: start a daemon, run ctl, call RPC. */

/** A running daemon of one system. */
export interface Daemon {
  /** The daemon's pid (the process whose CPU and memory are measured). */
  readonly pid: number;
  /** Runs a ctl action; returns its exit code, output and wall time in seconds. */
  ctl(args: string[]): Promise<{ code: number; stdout: string; seconds: number }>;
  /** Calls an XML-RPC method over the inet server; returns the response body. */
  rpc(method: string, paramsXml?: string): Promise<string>;
  /** Stops the daemon (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
}

/** A system: how to start its daemon on a config. */
export interface System {
  /** Its name in the report. */
  readonly name: string;
  /** Starts the daemon in the foreground on a config and waits until its RPC answers. */
  start(conf: string, port: number): Promise<Daemon>;
}

const decoder = new TextDecoder();

/** svisor, as `deno run main.ts` or as the binary named by SVISOR_BIN. */
export function svisorSystem(root: string): System {
  const bin = Deno.env.get("SVISOR_BIN");
  const base = bin ? [bin] : [Deno.execPath(), "run", "-A", `${root}/main.ts`];
  return commandSystem("svisor", [...base, "daemon", "-n", "-c"], [...base, "ctl", "-c"]);
}

/** Debian's supervisord and supervisorctl. */
export function supervisordSystem(): System {
  return commandSystem("supervisord", ["/usr/bin/supervisord", "-n", "-c"], [
    "/usr/bin/supervisorctl",
    "-c",
  ]);
}

function commandSystem(name: string, daemonArgv: string[], ctlArgv: string[]): System {
  return {
    name,
    async start(conf, port) {
      const [cmd, ...args] = daemonArgv;
      const child = new Deno.Command(cmd!, {
        args: [...args, conf],
        stdin: "null",
        stdout: "null",
        stderr: "piped",
      })
        .spawn();
      const url = `http://127.0.0.1:${port}/RPC2`;
      const rpc = async (method: string, paramsXml = "") => {
        const body =
          `<?xml version="1.0"?><methodCall><methodName>${method}</methodName><params>${paramsXml}</params></methodCall>`;
        const res = await fetch(url, {
          method: "POST",
          body,
          headers: { "content-type": "text/xml" },
        });
        return await res.text();
      };
      let exited = false;
      child.status.then(() => exited = true);
      const deadline = Date.now() + 60_000;
      while (true) {
        try {
          await rpc("supervisor.getPID");
          break;
        } catch {
          if (exited || Date.now() > deadline) {
            if (!exited) child.kill("SIGKILL");
            const stderr = await new Response(child.stderr).text();
            await child.status;
            throw new Error(`${name} did not answer on port ${port}: ${stderr.trim()}`);
          }
          await new Promise((r) => setTimeout(r, 20));
        }
      }
      return {
        pid: child.pid,
        rpc,
        async ctl(extra) {
          const [c, ...a] = ctlArgv;
          const t0 = performance.now();
          const out = await new Deno.Command(c!, {
            args: [...a, conf, ...extra],
            stdin: "null",
            stdout: "piped",
            stderr: "piped",
          })
            .output();
          return {
            code: out.code,
            stdout: decoder.decode(out.stdout),
            seconds: (performance.now() - t0) / 1000,
          };
        },
        async stop() {
          try {
            child.kill("SIGTERM");
          } catch {
            // already gone
          }
          const timer = setTimeout(() => {
            try {
              child.kill("SIGKILL");
            } catch {
              // gone
            }
          }, 30_000);
          await child.stderr.cancel().catch(() => {});
          await child.status;
          clearTimeout(timer);
        },
      };
    },
  };
}

/** Counts processes in a state in a getAllProcessInfo response. */
export function countState(xml: string, state: string): number {
  const re = new RegExp(`<name>statename</name>\\s*<value>\\s*(?:<string>)?${state}<`, "g");
  return (xml.match(re) ?? []).length;
}
