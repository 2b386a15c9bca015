/** Runs `svisor ctl` in-process against a FakeService, with an in-memory terminal and config files. */

import { memoryIo } from "../helpers/memory_io.ts";
import type { ConfigFs } from "../../src/core/ports.ts";
import type { CtlSettings } from "../../src/ctl/ctl_context.ts";
import { manualInterrupts } from "../../src/ctl/interrupts.ts";
import { runCtl } from "../../src/ctl/run_ctl.ts";
import { FakeService, standardProcesses } from "./fake_service.ts";

/** What a run printed and returned, and the settings it connected with. */
export interface CtlRun {
  code: number;
  out: string;
  err: string;
  connected: CtlSettings[];
}

/** Options of a harness run. */
export interface HarnessOptions {
  /** Lines typed on stdin. */
  input?: string[];
  /** Config files by absolute path. */
  files?: Record<string, string>;
  /** Environment. */
  env?: Record<string, string>;
  /** Called with a function that plays Ctrl-C, before the run starts. */
  onInterrupt?: (fire: () => void) => void;
  /** Connects to a different service per settings (default: always `service`). */
  serviceFor?: (settings: CtlSettings) => FakeService;
}

/** An in-memory ConfigFs over a map of files. */
export function memoryFs(files: Record<string, string>): ConfigFs {
  return {
    readTextFile: (p) => {
      const text = files[p];
      if (text === undefined) throw new Deno.errors.NotFound(p);
      return text;
    },
    isDirectory: (p) => Object.keys(files).some((f) => f.startsWith(p.endsWith("/") ? p : p + "/")),
    exists: (p) => p in files,
    glob: () => [],
  };
}

/** Runs `svisor ctl <argv>` against `service` (a fresh standard fake when omitted). */
export async function runWith(
  argv: string[],
  service: FakeService = new FakeService(standardProcesses()),
  options: HarnessOptions = {},
): Promise<CtlRun> {
  const io = memoryIo({ input: options.input ?? [], env: options.env ?? {}, cwd: "/work" });
  const interrupts = manualInterrupts();
  options.onInterrupt?.(interrupts.fire);
  const connected: CtlSettings[] = [];
  const code = await runCtl(argv, io, {
    connect: (settings) => {
      connected.push({ ...settings });
      return { service: options.serviceFor?.(settings) ?? service, close: () => {} };
    },
    interrupts: interrupts.source,
    fs: memoryFs(options.files ?? {}),
    execPath: "/opt/svisor/bin/svisor",
    hostname: "host",
    terminal: false,
  });
  return { code, out: io.stdout(), err: io.stderr(), connected };
}

/** The standard fake, to tweak before a run. */
export function standardService(): FakeService {
  return new FakeService(standardProcesses());
}
