/** A scriptable in-memory ControlService for ctl's tests: a few processes, logs, a config diff, a call log. */

import type { SupervisorFault } from "../../src/core/errors.ts";
import { updateGroups } from "../../src/engine/update_groups.ts";
import type {
  ControlService,
  LogFollow,
  UpdateOptions,
} from "../../src/protocol/control_service.ts";
import { FAULT_NUMBERS, RemoteFault } from "../../src/protocol/faults.ts";
import type { ProcessStateName } from "../../src/protocol/states.ts";
import type {
  Channel,
  ConfigDiff,
  ProcessConfigInfo,
  ProcessInfo,
  ProcessResult,
  TailResult,
  UpdateReport,
} from "../../src/protocol/types.ts";

/** How a fake process reacts to start. */
export type StartBehaviour = "ok" | "nofile" | "notexec" | "spawnerr" | "abnormal";

/** One fake process. */
export interface FakeProcess {
  name: string;
  group: string;
  statename: ProcessStateName;
  pid: number;
  description: string;
  start?: StartBehaviour;
  autostart?: boolean;
  stdout?: string | null;
  stderr?: string | null;
  /** Chunks `followProcessLog` yields before waiting for close (or ending, with `followEnds`). */
  follow?: string[];
  /** The readiness word, for a program with checks or dependencies ('' for none right now). */
  readiness?: string;
}

function fault(name: SupervisorFault, detail?: string): RemoteFault {
  return new RemoteFault(FAULT_NUMBERS[name], detail === undefined ? name : `${name}: ${detail}`);
}

const RUNNING = new Set<ProcessStateName>(["RUNNING", "STARTING", "BACKOFF"]);

/** The fake daemon. Every call is recorded in `calls`; `failWith` makes every call throw. */
export class FakeService implements ControlService {
  processes: FakeProcess[];
  calls: string[] = [];
  apiVersion = "3.0";
  pid = 4242;
  mainLog: string | null = "main log line\n";
  diff: ConfigDiff = { added: [], changed: [], removed: [] };
  /** Groups known to the re-read config but not active (addProcessGroup adds them). */
  available = new Map<string, FakeProcess[]>();
  failWith: Error | null = null;
  followEnds = false;
  stdinReceived: string[] = [];
  shuttingDown = false;
  mainFollow: string[] = ["main 1\n"];
  closedFollows = 0;

  constructor(processes: FakeProcess[]) {
    this.processes = processes;
  }

  #record(name: string): void {
    this.calls.push(name);
    if (this.failWith !== null) throw this.failWith;
  }

  #find(name: string): FakeProcess {
    const colon = name.indexOf(":");
    const [g, p] = colon < 0 ? [name, name] : [name.slice(0, colon), name.slice(colon + 1)];
    const found = this.processes.find((x) => x.group === g && x.name === p);
    if (found === undefined) throw fault("BAD_NAME", name);
    return found;
  }

  #group(name: string): FakeProcess[] {
    const found = this.processes.filter((x) => x.group === name);
    if (found.length === 0) throw fault("BAD_NAME", name);
    return found;
  }

  #info(p: FakeProcess): ProcessInfo {
    return {
      name: p.name,
      group: p.group,
      description: p.description,
      start: 0,
      stop: 0,
      now: 0,
      statename: p.statename,
      spawnerr: "",
      exitstatus: 0,
      stdout_logfile: "",
      stderr_logfile: "",
      pid: p.pid,
      ...(p.readiness === undefined ? {} : { readiness: p.readiness }),
    };
  }

  #doStart(p: FakeProcess): void {
    if (p.start === "nofile") throw fault("NO_FILE", "/no/such");
    if (p.start === "notexec") throw fault("NOT_EXECUTABLE", "/etc");
    if (RUNNING.has(p.statename)) throw fault("ALREADY_STARTED", p.name);
    if (p.start === "spawnerr") throw fault("SPAWN_ERROR", p.name);
    if (p.start === "abnormal") throw fault("ABNORMAL_TERMINATION", p.name);
    p.statename = "RUNNING";
    p.pid = 1000 + this.processes.indexOf(p);
    p.description = `pid ${p.pid}, uptime 0:00:00`;
  }

  #doStop(p: FakeProcess): void {
    if (!RUNNING.has(p.statename)) throw fault("NOT_RUNNING", p.name);
    p.statename = "STOPPED";
    p.pid = 0;
    p.description = "Nov 24 01:33 PM";
  }

  #each(
    ps: FakeProcess[],
    fn: (p: FakeProcess) => void,
    only: (p: FakeProcess) => boolean,
  ): ProcessResult[] {
    return ps.filter(only).map((p) => {
      try {
        fn(p);
        return { name: p.name, group: p.group, status: "SUCCESS" as const, description: "OK" };
      } catch (e) {
        const f = e as RemoteFault;
        return { name: p.name, group: p.group, status: f.code, description: f.faultString };
      }
    });
  }

  getAPIVersion(): Promise<string> {
    this.#record("getAPIVersion");
    return Promise.resolve(this.apiVersion);
  }
  getSupervisorVersion(): Promise<string> {
    this.#record("getSupervisorVersion");
    return Promise.resolve("4.2.5");
  }
  getIdentification(): Promise<string> {
    this.#record("getIdentification");
    return Promise.resolve("supervisor");
  }
  getState() {
    this.#record("getState");
    return Promise.resolve("RUNNING" as const);
  }
  getPID(): Promise<number> {
    this.#record("getPID");
    return Promise.resolve(this.pid);
  }
  readLog(offset: number, _length: number): Promise<string> {
    return this.#run("readLog", () => {
      if (this.mainLog === null) throw fault("NO_FILE");
      return this.mainLog.slice(offset);
    });
  }
  tailLog(): Promise<TailResult> {
    return this.#run("tailLog", () => ({ text: this.mainLog ?? "", offset: 0, overflow: false }));
  }
  clearLog(): Promise<void> {
    return this.#run("clearLog", () => {});
  }
  followLog(): Promise<LogFollow> {
    return this.#run("followLog", () => this.#follower(this.mainFollow));
  }
  shutdown(): Promise<void> {
    return this.#run("shutdown", () => {
      if (this.shuttingDown) throw fault("SHUTDOWN_STATE");
      this.shuttingDown = true;
    });
  }
  restart(): Promise<void> {
    return this.#run("restart", () => {
      if (this.shuttingDown) throw fault("SHUTDOWN_STATE");
    });
  }
  getProcessInfo(name: string): Promise<ProcessInfo> {
    return this.#run("getProcessInfo", () => this.#info(this.#find(name)));
  }
  getAllProcessInfo(): Promise<ProcessInfo[]> {
    return this.#run("getAllProcessInfo", () => this.processes.map((p) => this.#info(p)));
  }
  getAllConfigInfo(): Promise<ProcessConfigInfo[]> {
    return this.#run(
      "getAllConfigInfo",
      () =>
        [...this.processes].sort((a, b) => a.name < b.name ? -1 : 1).map((p) => ({
          autostart: p.autostart ?? true,
          directory: null,
          uid: null,
          command: "/bin/cat",
          exitcodes: [0],
          group: p.group,
          group_prio: 999,
          inuse: true,
          killasgroup: false,
          name: p.name,
          process_prio: 999,
          redirect_stderr: false,
          startretries: 3,
          startsecs: 1,
          stdout_capture_maxbytes: 0,
          stdout_events_enabled: false,
          stdout_logfile: "auto",
          stdout_logfile_backups: 10,
          stdout_logfile_maxbytes: 52428800,
          stdout_syslog: false,
          stderr_capture_maxbytes: 0,
          stderr_events_enabled: false,
          stderr_logfile: "auto",
          stderr_logfile_backups: 10,
          stderr_logfile_maxbytes: 52428800,
          stderr_syslog: false,
          stopsignal: 15,
          stopwaitsecs: 10,
          serverurl: "AUTO",
        })),
    );
  }
  startProcess(name: string): Promise<ProcessInfo> {
    return this.#run("startProcess", () => {
      const p = this.#find(name);
      this.#doStart(p);
      return this.#info(p);
    });
  }
  startProcessGroup(name: string): Promise<ProcessResult[]> {
    return this.#run(
      "startProcessGroup",
      () =>
        this.#each(this.#group(name), (p) => this.#doStart(p), (p) => !RUNNING.has(p.statename)),
    );
  }
  startAllProcesses(): Promise<ProcessResult[]> {
    return this.#run(
      "startAllProcesses",
      () => this.#each(this.processes, (p) => this.#doStart(p), (p) => !RUNNING.has(p.statename)),
    );
  }
  stopProcess(name: string): Promise<ProcessInfo> {
    return this.#run("stopProcess", () => {
      const p = this.#find(name);
      this.#doStop(p);
      return this.#info(p);
    });
  }
  stopProcessGroup(name: string): Promise<ProcessResult[]> {
    return this.#run(
      "stopProcessGroup",
      () => this.#each(this.#group(name), (p) => this.#doStop(p), (p) => RUNNING.has(p.statename)),
    );
  }
  stopAllProcesses(): Promise<ProcessResult[]> {
    return this.#run(
      "stopAllProcesses",
      () => this.#each(this.processes, (p) => this.#doStop(p), (p) => RUNNING.has(p.statename)),
    );
  }
  #signal(p: FakeProcess, sig: string): void {
    if (!/^(SIG)?(HUP|INT|TERM|KILL|USR1|USR2|\d+)$/i.test(sig)) throw fault("BAD_SIGNAL", sig);
    if (!RUNNING.has(p.statename)) throw fault("NOT_RUNNING", p.name);
  }
  signalProcess(name: string, sig: string): Promise<ProcessInfo> {
    return this.#run("signalProcess", () => {
      const p = this.#find(name);
      this.#signal(p, sig);
      return this.#info(p);
    });
  }
  signalProcessGroup(name: string, sig: string): Promise<ProcessResult[]> {
    return this.#run(
      "signalProcessGroup",
      () => this.#each(this.#group(name), (p) => this.#signal(p, sig), () => true),
    );
  }
  signalAllProcesses(sig: string): Promise<ProcessResult[]> {
    return this.#run(
      "signalAllProcesses",
      () => this.#each(this.processes, (p) => this.#signal(p, sig), () => true),
    );
  }
  sendProcessStdin(name: string, chars: string): Promise<void> {
    return this.#run("sendProcessStdin", () => {
      const p = this.#find(name);
      if (!RUNNING.has(p.statename)) throw fault("NOT_RUNNING", name);
      this.stdinReceived.push(chars);
      if (chars === "die\n") {
        p.statename = "EXITED";
        p.pid = 0;
      }
    });
  }
  sendRemoteCommEvent(): Promise<void> {
    return this.#run("sendRemoteCommEvent", () => {});
  }
  reloadConfig(): Promise<ConfigDiff> {
    return this.#run("reloadConfig", () => this.diff);
  }
  addProcessGroup(name: string): Promise<void> {
    return this.#run("addProcessGroup", () => {
      if (this.processes.some((p) => p.group === name)) throw fault("ALREADY_ADDED", name);
      const group = this.available.get(name);
      if (group === undefined) throw fault("BAD_NAME", name);
      this.processes.push(...group);
    });
  }
  removeProcessGroup(name: string): Promise<void> {
    return this.#run("removeProcessGroup", () => {
      const group = this.#group(name);
      if (group.some((p) => RUNNING.has(p.statename))) throw fault("STILL_RUNNING", name);
      this.processes = this.processes.filter((p) => p.group !== name);
      this.available.set(name, group);
    });
  }
  /** The engine's rule over this fake's calls, as ctl's remote service runs it. */
  update(only: readonly string[] | null, options?: UpdateOptions): Promise<UpdateReport> {
    return updateGroups(this, only, options);
  }
  readProcessLog(name: string, channel: Channel, offset: number): Promise<string> {
    return this.#run("readProcessLog", () => {
      const text = this.#find(name)[channel];
      if (text === null || text === undefined) throw fault("NO_FILE", name);
      return offset < 0 ? text.slice(offset) : text.slice(offset);
    });
  }
  tailProcessLog(): Promise<TailResult> {
    return this.#run("tailProcessLog", () => ({ text: "", offset: 0, overflow: false }));
  }
  followProcessLog(name: string, channel: Channel, _backlog = 1024): Promise<LogFollow> {
    return this.#run("followProcessLog", () => {
      const p = this.#find(name);
      if (p[channel] === null) throw fault("NO_FILE", name);
      return this.#follower(channel === "stdout" ? p.follow ?? [] : []);
    });
  }
  clearProcessLogs(name: string): Promise<void> {
    return this.#run("clearProcessLogs", () => void this.#find(name));
  }
  clearAllProcessLogs(): Promise<ProcessResult[]> {
    return this.#run("clearAllProcessLogs", () => this.#each(this.processes, () => {}, () => true));
  }

  #run<T>(name: string, fn: () => T): Promise<T> {
    try {
      this.#record(name);
      return Promise.resolve(fn());
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** A follow that yields `chunks`, then ends (followEnds) or waits until closed. */
  #follower(chunks: string[]): LogFollow {
    let close = () => {};
    const closed = new Promise<void>((resolve) => (close = resolve));
    let isClosed = false;
    const ends = this.followEnds;
    return {
      close: () => {
        if (!isClosed) this.closedFollows++;
        isClosed = true;
        close();
      },
      async *[Symbol.asyncIterator]() {
        for (const c of chunks) {
          if (isClosed) return;
          yield c;
        }
        if (!ends) await closed;
      },
    };
  }
}

/** The usual cast: `cat` running, `nf` stopped (no such file), a two-process group `grp`. */
export function standardProcesses(): FakeProcess[] {
  return [
    {
      name: "cat",
      group: "cat",
      statename: "RUNNING",
      pid: 101,
      description: "pid 101, uptime 0:01:00",
      stdout: "hello\n",
      stderr: "",
    },
    {
      name: "nf",
      group: "nf",
      statename: "STOPPED",
      pid: 0,
      description: "Not started",
      start: "nofile",
      autostart: false,
    },
    {
      name: "web_00",
      group: "grp",
      statename: "RUNNING",
      pid: 102,
      description: "pid 102, uptime 0:01:00",
    },
    {
      name: "web_01",
      group: "grp",
      statename: "RUNNING",
      pid: 103,
      description: "pid 103, uptime 0:01:00",
    },
  ];
}
