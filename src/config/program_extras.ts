/** The options only `[eventlistener:x]` and `[fcgi-program:x]` have: events and buffers, sockets. */

import { EVENT_NAMES } from "./event_names.ts";
import type { ProcessConfig } from "./model.ts";
import { didYouMean } from "./did_you_mean.ts";
import { expandUser } from "./paths.ts";
import type { SectionReader } from "./section_reader.ts";
import { checkUserGroup } from "./user_checks.ts";
import { parseBoolean, parseInteger, parseListOfStrings, parseOctal, q } from "./value_types.ts";
import { posix } from "node:path";

/** The result handler supervisor uses when none is given (the only one svisor implements). */
export const DEFAULT_RESULT_HANDLER = "supervisor.dispatchers:default_handler";

const ONLY_HERE_ENV = (option: string) => {
  const why = `supervisor reads ${option} with only "here" and ENV_ names`;
  return {
    program_name: why,
    group_name: why,
    host_node_name: why,
    process_num: why,
    numprocs: why,
  };
};

/** `events`, `buffer_size`, `result_handler`, and the eventlistener rules on redirect_stderr and capture. */
export function readEventListenerOptions(
  r: SectionReader,
  capture: { stdout: number; stderr: number },
): NonNullable<ProcessConfig["eventlistener"]> {
  const names = { ...r.ctx.envNames, here: r.ctx.here };
  const opt = (o: string) => ({ unavailable: ONLY_HERE_ENV(o) });
  const bufferSize = r.typed("buffer_size", 10, names, parseInteger, opt("buffer_size"));
  if (bufferSize < 1) r.error("buffer_size", `buffer_size must be at least 1, not ${bufferSize}`);
  const resultHandler = r.text("result_handler", names, opt("result_handler")) ??
    DEFAULT_RESULT_HANDLER;
  if (resultHandler !== null && resultHandler !== DEFAULT_RESULT_HANDLER) {
    r.error(
      "result_handler",
      `svisor cannot load Python result handlers; only ${
        q(DEFAULT_RESULT_HANDLER)
      } is available, not ${q(resultHandler)}`,
    );
  }
  const events: string[] = [];
  const eventsText = r.text("events", names, opt("events"));
  for (const name of parseListOfStrings(eventsText ?? "").map((e) => e.toUpperCase())) {
    if (events.includes(name)) continue;
    if (!EVENT_NAMES.includes(name)) {
      const guess = didYouMean(name, EVENT_NAMES);
      r.error(
        "events",
        `unknown event type ${q(name)}${guess === null ? "" : `; did you mean ${q(guess)}`}`,
      );
      continue;
    }
    events.push(name);
  }
  if (
    eventsText === undefined ||
    (eventsText !== null && events.length === 0 && eventsText.trim() === "")
  ) {
    r.error(undefined, `requires an "events" line (e.g. events=PROCESS_STATE)`);
  }
  if (r.typed("redirect_stderr", false, names, parseBoolean, opt("redirect_stderr"))) {
    r.error(
      "redirect_stderr",
      "redirect_stderr=true is not allowed in an event listener: stdout carries the listener protocol",
    );
  }
  if (capture.stdout > 0) {
    r.warn(
      "stdout_capture_maxbytes",
      "capture mode is not available in an event listener (stdout carries the listener protocol); ignored",
    );
  }
  return { events, bufferSize, resultHandler: resultHandler ?? DEFAULT_RESULT_HANDLER };
}

/** `socket`, `socket_backlog`, `socket_owner`, `socket_mode` of an fcgi-program. */
export function readFcgiOptions(
  r: SectionReader,
  programName: string,
  user: string | null,
): NonNullable<ProcessConfig["fcgi"]> {
  const names = { ...r.ctx.envNames, here: r.ctx.here };
  const opt = (o: string) => ({ unavailable: ONLY_HERE_ENV(o) });
  const backlog = r.optional("socket_backlog", names, parseInteger, opt("socket_backlog"));
  if (backlog !== null && (backlog < 1 || backlog > 65535)) {
    r.error("socket_backlog", `socket_backlog ${backlog} is not within 1..65535`);
  }
  const owner = r.text("socket_owner", names, opt("socket_owner")) ?? null;
  if (owner !== null) checkUserGroup("socket_owner", owner, r);
  const mode = r.optional("socket_mode", names, parseOctal, opt("socket_mode"));
  const socketNames = { ...names, program_name: programName };
  const socketText = r.text("socket", socketNames, {
    unavailable: {
      group_name: `socket expands only program_name, here and ENV_ names`,
      host_node_name: `socket expands only program_name, here and ENV_ names`,
      process_num:
        `socket is shared by every process of the program, so process_num cannot be used`,
      numprocs: `socket expands only program_name, here and ENV_ names`,
    },
  });
  let socket = "";
  if (socketText === undefined || socketText === "") {
    r.error(undefined, `requires a "socket" line (tcp://host:port or unix:///path)`);
  } else if (socketText !== null) {
    socket = parseSocket(r, socketText, owner !== null || mode !== null);
  }
  const isUnix = socket.startsWith("unix://");
  return {
    socket,
    socketBacklog: backlog,
    socketOwner: owner ?? (isUnix ? user : null),
    socketMode: mode ?? 0o700,
  };
}

function parseSocket(r: SectionReader, text: string, ownerOrMode: boolean): string {
  if (text.startsWith("unix://")) {
    const path = text.slice("unix://".length);
    if (!path.startsWith("/")) {
      r.error("socket", `the unix socket path ${q(path)} is not absolute`);
      return "";
    }
    return `unix://${posix.normalize(expandUser(path, r))}`;
  }
  if (ownerOrMode) {
    r.error("socket", "socket_owner and socket_mode apply only to a unix:// socket");
    return "";
  }
  const m = /^tcp:\/\/([^\s:]+):(\d+)$/.exec(text);
  const port = Number(m?.[2]);
  if (m === null || port < 1 || port > 65535) {
    r.error("socket", `bad socket ${q(text)}: expected tcp://host:port or unix:///absolute/path`);
    return "";
  }
  return `tcp://${(m[1] ?? "").toLowerCase()}:${port}`;
}
