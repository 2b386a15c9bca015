/**
 * The dashboard's HTML, rendered on the server with hono/jsx: the daemon's facts, the toolbar, one
 * table row per process (grouped), the log panel, the config dialog, and the row templates the
 * browser script clones for processes that appear later. Every text is escaped by JSX.
 */

import type { ProcessInfo } from "../../protocol/types.ts";
import { makeNamespec } from "../../protocol/namespec.ts";
import { RUNNING_STATES, STOPPED_STATES } from "../../protocol/states.ts";
import { formatTimedelta } from "../../process/process_description.ts";
import { showsGroupHeader } from "./dashboard_rules.ts";

/** Everything the page shows at first render. */
export interface DashboardData {
  /** Every process, sorted by group then name (getAllProcessInfo's order). */
  processes: ProcessInfo[];
  /** The daemon's state name. */
  state: string;
  /** The configured identifier. */
  identification: string;
  /** The daemon's pid. */
  pid: number;
  /** svisor's version. */
  svisorVersion: string;
  /** The supervisor version svisor matches. */
  supervisorVersion: string;
  /** When the control server started, epoch seconds. */
  startedAt: number;
  /** Now, epoch seconds. */
  now: number;
}

/** Paths of the page's two assets, served by dashboard_routes.ts. */
export const DASHBOARD_ASSETS = {
  script: "/dashboard/client.js",
  style: "/dashboard/style.css",
} as const;

/** The whole page. */
export function DashboardPage(props: { data: DashboardData }) {
  const d = props.data;
  const title = `${d.identification} · svisor`;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{title}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={DASHBOARD_ASSETS.style} />
      </head>
      <body data-now={String(d.now)}>
        <header class="top">
          <div class="brand">
            <h1>svisor</h1>
            <span class="ident" id="ident">{d.identification}</span>
          </div>
          <dl class="facts">
            <div>
              <dt>State</dt>
              <dd>
                <span id="daemon-state" class={`dstate ds-${d.state.toLowerCase()}`}>
                  {d.state}
                </span>
              </dd>
            </div>
            <div>
              <dt>Uptime</dt>
              <dd id="daemon-uptime" data-start={String(d.startedAt)}>
                {formatTimedelta(Math.max(0, d.now - d.startedAt))}
              </dd>
            </div>
            <div>
              <dt>PID</dt>
              <dd id="daemon-pid">{String(d.pid)}</dd>
            </div>
            <div>
              <dt>Version</dt>
              <dd>
                svisor {d.svisorVersion}{" "}
                <span class="muted">(supervisor {d.supervisorVersion})</span>
              </dd>
            </div>
          </dl>
          <span id="live" class="live" data-live="connecting" role="status">connecting…</span>
        </header>
        <nav class="toolbar" aria-label="Dashboard">
          <div class="search">
            <input
              type="search"
              id="filter"
              placeholder="Filter by name, state, description  ( / )"
              aria-label="Filter processes"
              autocomplete="off"
            />
            <label class="sort">
              Sort{" "}
              <select id="sort" aria-label="Sort processes">
                <option value="name">by group and name</option>
                <option value="state">by state</option>
              </select>
            </label>
          </div>
          <div class="global">
            <button type="button" data-global="refresh" title="Read every process again">
              Refresh
            </button>
            <button
              type="button"
              data-global="reload"
              title="Reread the config, show what update would change, then apply it"
              aria-haspopup="dialog"
            >
              Reread + update…
            </button>
            <button type="button" data-global="restart-all">Restart all</button>
            <button type="button" data-global="stop-all" class="danger">Stop all</button>
            <button type="button" data-global="mainlog">Main log</button>
          </div>
        </nav>
        <div class="summary">
          <span id="counts" aria-live="polite"></span>
        </div>
        <ol id="results" class="results" aria-live="polite" aria-label="Action results"></ol>
        <main>
          <table id="procs" class="procs">
            <thead>
              <tr>
                <th scope="col" class="h-state">State</th>
                <th scope="col" class="h-name">Name</th>
                <th scope="col" class="h-desc">Description</th>
                <th scope="col" class="num h-pid">PID</th>
                <th scope="col" class="num h-up">Uptime</th>
                <th scope="col" class="h-acts">
                  <span class="sr">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody id="rows">{rowsOf(d.processes, d.now)}</tbody>
          </table>
          <p id="empty" class="empty" hidden={d.processes.length > 0}>No processes match.</p>
        </main>
        <section id="logview" class="logview" hidden aria-labelledby="log-title">
          <div class="logbar">
            <h2 id="log-title">Log</h2>
            <select id="log-channel" aria-label="Stream">
              <option value="stdout">stdout</option>
              <option value="stderr">stderr</option>
            </select>
            <button type="button" id="log-pause" aria-pressed="false">Pause</button>
            <label class="check">
              <input type="checkbox" id="log-follow" checked /> follow
            </label>
            <span id="log-status" class="muted" role="status"></span>
            <button type="button" id="log-close" aria-label="Close the log">Close</button>
          </div>
          <pre id="log-text" tabindex={0} aria-label="Log text"></pre>
        </section>
        <dialog id="config" aria-labelledby="config-title">
          <h2 id="config-title">Config</h2>
          <dl id="config-body" class="config"></dl>
          <form method="dialog">
            <button type="submit">Close</button>
          </form>
        </dialog>
        <dialog id="update" aria-labelledby="update-title">
          <h2 id="update-title">Reread + update</h2>
          <p id="update-status" class="muted" role="status"></p>
          <ul id="update-body" class="preview"></ul>
          <form method="dialog" class="dialog-actions">
            <button type="submit">Cancel</button>
            <button type="button" id="update-apply" class="primary" disabled>Apply update</button>
          </form>
        </dialog>
        <template id="row-template">
          <ProcessRow info={TEMPLATE_INFO} now={0} />
        </template>
        <template id="group-template">
          <GroupRow group="" count={0} />
        </template>
        <script type="module" src={DASHBOARD_ASSETS.script}></script>
      </body>
    </html>
  );
}

/** A placeholder process for the row template (the script fills every field). */
const TEMPLATE_INFO: ProcessInfo = {
  name: "",
  group: "",
  description: "",
  start: 0,
  stop: 0,
  now: 0,
  statename: "UNKNOWN",
  spawnerr: "",
  exitstatus: 0,
  stdout_logfile: "",
  stderr_logfile: "",
  pid: 0,
};

function rowsOf(processes: ProcessInfo[], now: number) {
  const byGroup = new Map<string, ProcessInfo[]>();
  for (const p of processes) {
    const list = byGroup.get(p.group);
    if (list === undefined) byGroup.set(p.group, [p]);
    else list.push(p);
  }
  const rows = [];
  for (const [group, list] of byGroup) {
    if (showsGroupHeader(group, list.map((p) => p.name))) {
      rows.push(<GroupRow group={group} count={list.length} />);
    }
    for (const p of list) rows.push(<ProcessRow info={p} now={now} />);
  }
  return rows;
}

/** A group's header row: its name, process count and group actions. */
function GroupRow(props: { group: string; count: number }) {
  return (
    <tr class="grp" data-group={props.group}>
      <th colspan={5} scope="rowgroup">
        <span class="gname" data-f="group">{props.group}</span>{" "}
        <span class="muted" data-f="count">{`${props.count} processes`}</span>
      </th>
      <td class="acts">
        <button type="button" data-gact="start">Start group</button>
        <button type="button" data-gact="stop">Stop group</button>
        <button type="button" data-gact="restart">Restart group</button>
      </td>
    </tr>
  );
}

/**
 * The readiness word under the state (`ready`, `unready`, `failed`, `unhealthy`, `waiting`), only
 * for a program with readiness, health or dependency options; hidden while it has none.
 */
function ReadinessWord(props: { word: string }) {
  const word = props.word;
  return (
    <span
      class={`rd rd-${word.replace(/[^a-z]/g, "") || "none"}`}
      data-f="readiness"
      {...(word === "" ? { hidden: true } : {})}
    >
      {word}
    </span>
  );
}

/** One process's row: coloured state, name, description, pid, uptime and its actions. */
function ProcessRow(props: { info: ProcessInfo; now: number }) {
  const p = props.info;
  const state = p.statename;
  const running = state === "RUNNING";
  return (
    <tr
      class="proc"
      data-name={makeNamespec(p.group, p.name)}
      data-group={p.group}
      data-state={state}
      data-start={String(p.start)}
      data-stdout={p.stdout_logfile === "" ? "" : "1"}
      data-stderr={p.stderr_logfile === "" ? "" : "1"}
    >
      <td class="c-state">
        <span class={`state st-${state.toLowerCase()}`} data-f="state">{state}</span>
        {p.readiness === undefined ? null : <ReadinessWord word={p.readiness} />}
      </td>
      <td class="c-name">
        <span data-f="name">{makeNamespec(p.group, p.name)}</span>
      </td>
      <td class="c-desc" data-f="description">{p.description}</td>
      <td class="c-pid num" data-f="pid">{p.pid === 0 ? "" : String(p.pid)}</td>
      <td class="c-up num" data-f="uptime">
        {running ? formatTimedelta(Math.max(0, props.now - p.start)) : ""}
      </td>
      <td class="acts">
        <button type="button" data-act="start" disabled={RUNNING_STATES.has(state)}>Start</button>
        <button type="button" data-act="stop" disabled={STOPPED_STATES.has(state)}>Stop</button>
        <button type="button" data-act="restart">Restart</button>
        <button type="button" data-act="clear">Clear log</button>
        <button type="button" data-act="log">Log</button>
        <button type="button" data-act="config">Config</button>
      </td>
    </tr>
  );
}
