/** `events [-f] [--json] [--names GLOB,...] [TYPE ...]`: the daemon's event stream (svisor's own action, not supervisorctl's). */

import { SvisorError } from "../../core/errors.ts";
import {
  type EventStreamClient,
  FrameReader,
  type StreamEvent,
} from "../../protocol/event_stream.ts";
import { type CtlContext, EXIT } from "../ctl_context.ts";
import { takeJson } from "./action_kit.ts";
import { abortable } from "./follow_stream.ts";

/** Runs `events`: the kept history (or, with -f, the history then every new event until Ctrl-C). */
export async function eventsAction(ctl: CtlContext, arg: string): Promise<void> {
  const words = takeJson(ctl, arg);
  let follow = false;
  const types: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === "-f") follow = true;
    else if (w === "--names") names.push(words[++i] ?? "");
    else if (w.startsWith("-")) {
      ctl.output(`Error: bad argument ${w}`);
      ctl.exitStatus = EXIT.GENERIC;
      return;
    } else types.push(w.toUpperCase());
  }
  if (!(await ctl.upcheck())) return;
  const service = ctl.service() as Partial<EventStreamClient>;
  if (typeof service.followEvents !== "function") {
    ctl.output("Error: this server has no event stream");
    ctl.exitStatus = EXIT.GENERIC;
    return;
  }
  const query = new URLSearchParams();
  if (types.length > 0) query.set("types", types.join(","));
  if (names.length > 0) query.set("names", names.join(","));
  if (!follow) query.set("follow", "0");
  using scope = ctl.interrupts.open();
  // From the start of the kept history (id 0), then live events with -f.
  const stream = service.followEvents.call(service, query.toString(), 0);
  const stop = () => stream.close();
  scope.signal.addEventListener("abort", stop, { once: true });
  const reader = new FrameReader();
  try {
    await abortable(
      (async () => {
        for await (const text of stream) {
          for (const frame of reader.push(text)) {
            if (frame.kind === "event") show(ctl, frame.event);
            else if (frame.kind === "gap") {
              if (ctl.jsonActive) ctl.write(`${JSON.stringify({ gap: frame })}\n`);
              else ctl.output(`-- events ${frame.from}..${frame.to} fell out of the history --`);
            } else if (frame.kind === "dropped") {
              ctl.warn(`events: dropped by the server: ${frame.reason}`);
              ctl.exitStatus = EXIT.GENERIC;
            }
          }
        }
        return { close: () => {} };
      })(),
      scope.signal,
    );
  } catch (e) {
    if (!scope.signal.aborted) {
      if (!(e instanceof SvisorError)) throw e;
      ctl.warn(`events: ${e.message}`);
      ctl.exitStatus = EXIT.GENERIC;
    }
  } finally {
    scope.signal.removeEventListener("abort", stop);
    stream.close();
  }
}

function show(ctl: CtlContext, e: StreamEvent): void {
  if (ctl.jsonActive) {
    ctl.write(`${JSON.stringify(e)}\n`); // one event per line (JSON Lines), as they come
    return;
  }
  const head = e.payload.split("\n", 1)[0] ?? "";
  ctl.output(`${e.id} ${new Date(e.time).toISOString()} ${e.type}${head === "" ? "" : ` ${head}`}`);
}
