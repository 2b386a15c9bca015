/// <reference lib="dom" />
/**
 * The dashboard's browser script, plain TypeScript: `dashboardClient` runs in the page and talks
 * only to the JSON API and the event stream (no private channel). It is served as its own source
 * (types stripped by Deno's compiler) called with the shared rules it needs, so nothing is fetched
 * from outside the binary. Every text from the daemon goes into the page as `textContent`.
 */

/** What the script is given: the API prefix, the state sets and the shared presentation rules. */
export interface ClientLib {
  /** The JSON API prefix (`/api/v1`). */
  api: string;
  /** States in which Start is disabled (protocol's RUNNING_STATES). */
  runningStates: string[];
  /** States in which Stop is disabled (protocol's STOPPED_STATES). */
  stoppedStates: string[];
  /** Event types the page follows. */
  eventTypes: string[];
  /** Seconds as `H:MM:SS` / `N days, H:MM:SS`. */
  formatTimedelta(seconds: number): string;
  /** A process's short namespec. */
  makeNamespec(group: string, process: string): string;
  /** Rank of a state when sorting by state. */
  stateRank(state: string): number;
  /** Whether a group gets a header row. */
  showsGroupHeader(group: string, names: readonly string[]): boolean;
  /** The readiness word a row keeps after a state event ('' when it no longer fits). */
  readinessAfterState(word: string, state: string): string;
  /** `update --dry-run`'s text of a preview (protocol's formatPreview). */
  formatPreview(preview: unknown): string;
}

/** The script's entry point: wires the server-rendered page to the API and the event stream. */
export function dashboardClient(lib: ClientLib): void {
  type Info = {
    name: string;
    group: string;
    description: string;
    start: number;
    now: number;
    statename: string;
    pid: number;
    stdout_logfile: string;
    stderr_logfile: string;
    /** Only for programs with readiness, health or dependency options. */
    readiness?: string;
  };
  type Cells = {
    state: HTMLElement;
    /** The readiness word under the state, or null for a program without checks. */
    readiness: HTMLElement | null;
    description: HTMLElement;
    pid: HTMLElement;
    uptime: HTMLElement;
    start: HTMLButtonElement | null;
    stop: HTMLButtonElement | null;
  };
  type Proc = {
    key: string;
    group: string;
    name: string;
    row: HTMLTableRowElement;
    cells: Cells;
    /** What the row shows, to skip infos that change nothing. */
    shown: string;
    description: string;
  };
  type Reply = { ok: boolean; status: number; data: Record<string, unknown> | null };
  type LogSource = { kind: "main" } | { kind: "process"; key: string };

  const API = lib.api;
  const MAX_LOG_CHARS = 400_000;
  const MAX_RESULTS = 4;
  const SUCCESS_SHOWN_MS = 20_000;
  const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
  const tbody = byId<HTMLTableSectionElement>("rows");
  const rowTemplate = byId<HTMLTemplateElement>("row-template");
  const groupTemplate = byId<HTMLTemplateElement>("group-template");
  const filterBox = byId<HTMLInputElement>("filter");
  const sortBox = byId<HTMLSelectElement>("sort");
  const results = byId<HTMLOListElement>("results");
  const live = byId<HTMLElement>("live");
  const skew = Number(document.body.dataset["now"] ?? "0") - Date.now() / 1000;
  const now = () => Date.now() / 1000 + skew;
  const enc = encodeURIComponent;

  const procs = new Map<string, Proc>();
  const groupRows = new Map<string, HTMLTableRowElement>();
  const dirty = new Set<string>();
  let refreshWanted = false;
  let arrangeWanted = false;
  let flushing = false;

  const field = (row: Element, f: string) => row.querySelector<HTMLElement>(`[data-f="${f}"]`)!;

  function makeProc(key: string, group: string, name: string, row: HTMLTableRowElement): Proc {
    const cells: Cells = {
      state: field(row, "state"),
      readiness: row.querySelector<HTMLElement>('[data-f="readiness"]'),
      description: field(row, "description"),
      pid: field(row, "pid"),
      uptime: field(row, "uptime"),
      start: row.querySelector<HTMLButtonElement>('[data-act="start"]'),
      stop: row.querySelector<HTMLButtonElement>('[data-act="stop"]'),
    };
    return {
      key,
      group,
      name,
      row,
      cells,
      shown: "",
      description: cells.description.textContent ?? "",
    };
  }
  for (const row of tbody.querySelectorAll<HTMLTableRowElement>("tr.proc")) {
    const key = row.dataset["name"] ?? "";
    const group = row.dataset["group"] ?? "";
    const name = key.startsWith(`${group}:`) ? key.slice(group.length + 1) : key;
    procs.set(key, makeProc(key, group, name, row));
  }
  for (const row of tbody.querySelectorAll<HTMLTableRowElement>("tr.grp")) {
    groupRows.set(row.dataset["group"] ?? "", row);
  }

  // ---- HTTP ----
  async function call(method: string, path: string, body?: unknown): Promise<Reply> {
    const init: RequestInit = { method, credentials: "same-origin", headers: {} };
    if (body !== undefined) {
      init.headers = { "Content-Type": "application/json" };
      init.body = JSON.stringify(body);
    }
    try {
      const r = await fetch(API + path, init);
      let data: Record<string, unknown> | null = null;
      try {
        data = await r.json() as Record<string, unknown>;
      } catch {
        data = null; // not JSON (an HTML error page): the status says enough
      }
      return { ok: r.ok, status: r.status, data };
    } catch (e) {
      return {
        ok: false,
        status: 0,
        data: { error: { code: "NETWORK", message: `cannot reach the daemon: ${String(e)}` } },
      };
    }
  }
  function errorText(reply: Reply): string {
    const err = reply.data?.["error"] as { message?: string } | undefined;
    return err?.message ?? `HTTP ${reply.status}`;
  }

  // ---- results ----
  function report(text: string, ok: boolean, lines: string[] = []): void {
    const li = document.createElement("li");
    li.className = ok ? "ok" : "err";
    const time = document.createElement("time");
    time.textContent = new Date().toLocaleTimeString();
    const msg = document.createElement("span");
    msg.textContent = text;
    li.append(time, msg);
    if (lines.length > 0) {
      const details = document.createElement("details");
      details.open = !ok;
      const summary = document.createElement("summary");
      summary.textContent = `${lines.length} ${lines.length === 1 ? "line" : "lines"}`;
      const ul = document.createElement("ul");
      for (const l of lines) {
        const item = document.createElement("li");
        item.textContent = l;
        ul.append(item);
      }
      details.append(summary, ul);
      li.append(details);
    }
    const close = document.createElement("button");
    close.type = "button";
    close.className = "x";
    close.textContent = "×";
    close.setAttribute("aria-label", "Dismiss");
    close.addEventListener("click", () => li.remove());
    li.append(close);
    results.prepend(li);
    while (results.children.length > MAX_RESULTS) results.lastElementChild?.remove();
    if (ok) setTimeout(() => li.remove(), SUCCESS_SHOWN_MS);
  }
  function resultLines(list: unknown): { lines: string[]; failed: number } {
    const lines: string[] = [];
    let failed = 0;
    for (const r of (Array.isArray(list) ? list : []) as Record<string, string>[]) {
      const who = lib.makeNamespec(r["group"] ?? "", r["name"] ?? "");
      const good = r["status"] === "SUCCESS";
      if (!good) failed++;
      lines.push(`${who}: ${good ? "OK" : `ERROR (${r["description"] ?? r["status"]})`}`);
    }
    return { lines, failed };
  }

  // ---- rows ----
  function setState(p: Proc, state: string): void {
    const row = p.row;
    if (row.dataset["state"] !== state) {
      row.dataset["state"] = state;
      p.cells.state.textContent = state;
      p.cells.state.className = `state st-${state.toLowerCase()}`;
      const word = p.cells.readiness?.textContent ?? "";
      if (word !== "") setReadiness(p, lib.readinessAfterState(word, state));
    }
    const { start, stop } = p.cells;
    if (start !== null && !row.classList.contains("busy")) {
      start.disabled = lib.runningStates.includes(state);
    }
    if (stop !== null && !row.classList.contains("busy")) {
      stop.disabled = lib.stoppedStates.includes(state);
    }
    tickRow(p);
  }
  /** Shows the readiness word (undefined: the program has no checks, so no word at all). */
  function setReadiness(p: Proc, word: string | undefined): void {
    let el = p.cells.readiness;
    if (word === undefined) {
      el?.remove();
      p.cells.readiness = null;
      return;
    }
    if (el === null) {
      el = document.createElement("span");
      el.dataset["f"] = "readiness";
      p.cells.state.after(el);
      p.cells.readiness = el;
    }
    if (el.textContent !== word) el.textContent = word;
    el.className = `rd rd-${word.replace(/[^a-z]/g, "") || "none"}`;
    el.hidden = word === "";
  }
  function tickRow(p: Proc): void {
    const running = p.row.dataset["state"] === "RUNNING";
    const start = Number(p.row.dataset["start"] ?? "0");
    const text = running && start > 0 ? lib.formatTimedelta(Math.max(0, now() - start)) : "";
    const cell = p.cells.uptime;
    if (cell.textContent !== text) cell.textContent = text;
  }
  function applyInfo(info: Info): Proc {
    const key = lib.makeNamespec(info.group, info.name);
    let p = procs.get(key);
    if (p === undefined) {
      const row = rowTemplate.content.firstElementChild!.cloneNode(true) as HTMLTableRowElement;
      row.dataset["name"] = key;
      row.dataset["group"] = info.group;
      field(row, "name").textContent = key;
      p = makeProc(key, info.group, info.name, row);
      procs.set(key, p);
      arrangeWanted = true;
    }
    const shown = [
      info.statename,
      info.description,
      info.pid,
      info.start,
      info.stdout_logfile,
      info.stderr_logfile,
      info.readiness ?? "\u0001",
    ].join("\u0000");
    if (shown === p.shown && p.row.dataset["state"] === info.statename) return p;
    p.shown = shown;
    p.row.dataset["start"] = String(info.start);
    p.row.dataset["stdout"] = info.stdout_logfile === "" ? "" : "1"; // has a log file
    p.row.dataset["stderr"] = info.stderr_logfile === "" ? "" : "1";
    p.description = info.description;
    p.cells.description.textContent = info.description;
    p.cells.pid.textContent = info.pid === 0 ? "" : String(info.pid);
    setState(p, info.statename);
    setReadiness(p, info.readiness);
    return p;
  }
  function groupRow(group: string): HTMLTableRowElement {
    let row = groupRows.get(group);
    if (row === undefined) {
      row = groupTemplate.content.firstElementChild!.cloneNode(true) as HTMLTableRowElement;
      row.dataset["group"] = group;
      field(row, "group").textContent = group;
      groupRows.set(group, row);
    }
    return row;
  }

  /** Puts the rows in order (groups, or by state), applies the filter, updates the counts. */
  function arrange(): void {
    arrangeWanted = false;
    const list = [...procs.values()].sort((a, b) =>
      a.group < b.group
        ? -1
        : a.group > b.group
        ? 1
        : a.name < b.name
        ? -1
        : a.name > b.name
        ? 1
        : 0
    );
    const byState = sortBox.value === "state";
    const order: HTMLTableRowElement[] = [];
    if (byState) {
      list.sort((a, b) =>
        lib.stateRank(a.row.dataset["state"] ?? "") - lib.stateRank(b.row.dataset["state"] ?? "")
      );
      for (const p of list) order.push(p.row);
    } else {
      const groups = new Map<string, Proc[]>();
      for (const p of list) {
        const members = groups.get(p.group);
        if (members === undefined) groups.set(p.group, [p]);
        else members.push(p);
      }
      for (const [group, members] of groups) {
        if (lib.showsGroupHeader(group, members.map((m) => m.name))) {
          const g = groupRow(group);
          field(g, "count").textContent = `${members.length} processes`;
          order.push(g);
        }
        for (const p of members) order.push(p.row);
      }
    }
    const wanted = new Set(order);
    for (const row of [...tbody.children]) {
      if (!wanted.has(row as HTMLTableRowElement)) row.remove();
    }
    let i = 0;
    for (const row of order) {
      if (tbody.children[i] !== row) tbody.insertBefore(row, tbody.children[i] ?? null);
      i++;
    }
    applyFilter();
  }
  function applyFilter(): void {
    const q = filterBox.value.trim().toLowerCase();
    const visibleGroups = new Set<string>();
    const counts = new Map<string, number>();
    let shown = 0;
    for (const p of procs.values()) {
      const state = p.row.dataset["state"] ?? "";
      counts.set(state, (counts.get(state) ?? 0) + 1);
      const word = p.cells.readiness?.textContent ?? "";
      const hit = q === "" ||
        `${p.key} ${state} ${word} ${p.description}`.toLowerCase().includes(q);
      if (p.row.hidden === hit) p.row.hidden = !hit;
      if (hit) {
        visibleGroups.add(p.group);
        shown++;
      }
    }
    for (const [group, row] of groupRows) row.hidden = !visibleGroups.has(group);
    byId("empty").hidden = shown > 0;
    const parts = [...counts.entries()].sort((a, b) => lib.stateRank(a[0]) - lib.stateRank(b[0]))
      .map(([s, n]) => `${n} ${s}`);
    byId("counts").textContent = `${procs.size} processes${parts.length ? ": " : ""}${
      parts.join(" · ")
    }${q === "" ? "" : ` (${shown} shown)`}`;
  }

  /** Reads every process and the daemon state again and reconciles the table. */
  async function refreshAll(): Promise<boolean> {
    const [list, state] = await Promise.all([call("GET", "/processes"), call("GET", "/state")]);
    if (!list.ok) {
      report(`refresh: ${errorText(list)}`, false);
      return false;
    }
    const seen = new Set<string>();
    for (const info of (list.data?.["processes"] ?? []) as Info[]) seen.add(applyInfo(info).key);
    for (const [key, p] of procs) {
      if (!seen.has(key)) {
        p.row.remove();
        procs.delete(key);
      }
    }
    const groups = new Set([...procs.values()].map((p) => p.group));
    for (const [group, row] of groupRows) {
      if (!groups.has(group)) {
        row.remove();
        groupRows.delete(group);
      }
    }
    if (state.ok && state.data !== null) setDaemonState(String(state.data["state"]));
    arrange();
    return true;
  }

  /** Every 300 ms at most: re-reads the processes whose state changed (all of them when many did). */
  async function flush(): Promise<void> {
    if (flushing) return;
    flushing = true;
    try {
      if (refreshWanted || dirty.size > 20) {
        refreshWanted = false;
        dirty.clear();
        await refreshAll();
      } else if (dirty.size > 0) {
        const keys = [...dirty];
        dirty.clear();
        await Promise.all(keys.map(async (key) => {
          const r = await call("GET", `/processes/${enc(key)}`);
          if (r.ok) applyInfo(r.data?.["process"] as Info);
        }));
      }
      if (arrangeWanted || sortBox.value === "state") arrange();
      else applyFilter();
    } finally {
      flushing = false;
      if (dirty.size > 0 || refreshWanted) scheduleFlush(); // came in while this flush ran
    }
  }
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  function scheduleFlush(): void {
    if (flushTimer !== undefined) return;
    flushTimer = setTimeout(() => {
      flushTimer = undefined;
      void flush();
    }, 300);
  }

  // ---- the daemon ----
  function setDaemonState(state: string): void {
    const el = byId("daemon-state");
    el.textContent = state;
    el.className = `dstate ds-${state.toLowerCase()}`;
  }
  function tick(): void {
    for (const p of procs.values()) if (p.row.dataset["state"] === "RUNNING") tickRow(p);
    const up = byId("daemon-uptime");
    const start = Number(up.dataset["start"] ?? "0");
    up.textContent = lib.formatTimedelta(Math.max(0, now() - start));
  }
  setInterval(tick, 1000);

  // ---- the event stream ----
  let lastEventId = "";
  let retryMs = 1000;
  let opened = false;
  function setLive(mode: string, text: string): void {
    live.dataset["live"] = mode;
    live.textContent = text;
  }
  function onEvent(ev: { type: string; name: string | null; fields: Record<string, string> }) {
    if (ev.type.startsWith("PROCESS_STATE_")) {
      const group = ev.fields["groupname"];
      const name = ev.fields["processname"];
      const key = group !== undefined && name !== undefined
        ? lib.makeNamespec(group, name)
        : ev.name ?? "";
      const p = procs.get(key);
      if (p === undefined) refreshWanted = true;
      else {
        setState(p, ev.type.slice("PROCESS_STATE_".length));
        dirty.add(key);
      }
      scheduleFlush();
    } else if (ev.type === "PROCESS_READINESS" || ev.type === "PROCESS_HEALTH") {
      // The word follows from the process's checks as a whole: read it again.
      const group = ev.fields["groupname"] ?? "";
      const key = lib.makeNamespec(group, ev.fields["processname"] ?? "");
      if (procs.has(key)) dirty.add(key);
      else refreshWanted = true;
      scheduleFlush();
    } else if (ev.type.startsWith("PROCESS_GROUP_")) {
      refreshWanted = true;
      scheduleFlush();
    } else if (ev.type === "SUPERVISOR_STATE_CHANGE_STOPPING") {
      setDaemonState("SHUTDOWN");
    } else if (ev.type === "SUPERVISOR_STATE_CHANGE_RUNNING") {
      setDaemonState("RUNNING");
      refreshWanted = true;
      scheduleFlush();
    }
  }
  function connectEvents(): void {
    const q = `types=${enc(lib.eventTypes.join(","))}` +
      (lastEventId === "" ? "" : `&last_event_id=${enc(lastEventId)}`);
    const es = new EventSource(`${API}/events?${q}`);
    es.addEventListener("open", () => {
      retryMs = 1000;
      setLive("live", "live");
      if (opened) {
        refreshWanted = true;
        scheduleFlush();
      }
      opened = true;
    });
    es.addEventListener("event", (e) => {
      const m = e as MessageEvent<string>;
      if (m.lastEventId !== "") lastEventId = m.lastEventId;
      try {
        onEvent(JSON.parse(m.data));
      } catch (err) {
        report(`event stream: unreadable event (${String(err)})`, false);
      }
    });
    es.addEventListener("gap", () => {
      refreshWanted = true;
      scheduleFlush();
    });
    es.addEventListener("error", () => {
      if (es.readyState === EventSource.CLOSED) {
        setLive("offline", `offline, retrying in ${Math.round(retryMs / 1000)} s`);
        setTimeout(connectEvents, retryMs);
        retryMs = Math.min(retryMs * 2, 30_000);
      } else setLive("reconnecting", "reconnecting…");
    });
  }

  // ---- actions ----
  async function processAction(p: Proc, act: string, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    p.row.classList.add("busy");
    try {
      if (act === "clear") {
        const r = await call("DELETE", `/processes/${enc(p.key)}/logs`);
        report(r.ok ? `${p.key}: log cleared` : `${p.key}: ERROR ${errorText(r)}`, r.ok);
        return;
      }
      const r = await call("POST", `/processes/${enc(p.key)}/${act}`);
      const done = { start: "started", stop: "stopped", restart: "restarted" }[act] ?? act;
      if (r.ok) {
        applyInfo(r.data?.["process"] as Info);
        report(`${p.key}: ${done}`, true);
      } else report(`${p.key}: ERROR ${errorText(r)}`, false);
    } finally {
      p.row.classList.remove("busy");
      button.disabled = false;
      setState(p, p.row.dataset["state"] ?? "");
    }
  }
  async function manyAction(label: string, path: string, button: HTMLButtonElement) {
    button.disabled = true;
    try {
      const r = await call("POST", path);
      if (!r.ok) {
        report(`${label}: ERROR ${errorText(r)}`, false);
        return;
      }
      const parts = r.data?.["results"] !== undefined
        ? [resultLines(r.data["results"])]
        : [resultLines(r.data?.["stopped"]), resultLines(r.data?.["started"])];
      const lines = parts.flatMap((x) => x.lines);
      const failed = parts.reduce((n, x) => n + x.failed, 0);
      const head = lines.length === 0
        ? `${label}: nothing to do`
        : `${label}: ${failed === 0 ? "done" : `${failed} failed`}`;
      report(head, failed === 0, lines);
    } finally {
      button.disabled = false;
      refreshWanted = true;
      scheduleFlush();
    }
  }
  // ---- reread + update: the dry run first, applied on confirmation ----
  const updateDialog = byId<HTMLDialogElement>("update");
  const updateBody = byId<HTMLUListElement>("update-body");
  const updateStatus = byId<HTMLElement>("update-status");
  const updateApply = byId<HTMLButtonElement>("update-apply");
  let previewGeneration = 0;
  async function previewUpdate(): Promise<void> {
    const gen = ++previewGeneration;
    updateApply.disabled = true;
    updateBody.replaceChildren();
    updateStatus.textContent = "Reading the config…";
    if (!updateDialog.open) updateDialog.showModal();
    const r = await call("GET", "/update/preview");
    if (gen !== previewGeneration || !updateDialog.open) return;
    if (!r.ok) {
      updateStatus.textContent = `Cannot preview: ${errorText(r)}`;
      return;
    }
    const preview = r.data as { groups: unknown[]; problems: unknown[] };
    const nothing = preview.groups.length === 0 && preview.problems.length === 0;
    updateStatus.textContent = nothing
      ? "Nothing to update: the running config matches the file."
      : "Update would do this (nothing has changed yet):";
    if (nothing) return;
    for (const line of lib.formatPreview(preview).split("\n")) {
      if (line === "") continue;
      const li = document.createElement("li");
      li.textContent = line.trim();
      li.className = line.startsWith("  ") ? "opt" : line.startsWith("ERROR") ? "err" : "grp";
      updateBody.append(li);
    }
    updateApply.disabled = false;
    updateApply.focus();
  }
  updateApply.addEventListener("click", () => {
    previewGeneration++;
    updateDialog.close();
    void reload(document.querySelector<HTMLButtonElement>('button[data-global="reload"]')!);
  });
  updateDialog.addEventListener("close", () => previewGeneration++);

  async function reload(button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    try {
      const r = await call("POST", "/update", {});
      if (!r.ok) {
        report(`reread + update: ERROR ${errorText(r)}`, false);
        return;
      }
      const d = r.data as { added: string[]; changed: string[]; removed: string[] };
      const problems = (r.data?.["problems"] ?? []) as { group: string; message: string }[];
      const lines = [
        ...d.added.map((g) => `${g}: added process group`),
        ...d.changed.map((g) => `${g}: updated process group`),
        ...d.removed.map((g) => `${g}: removed process group`),
        ...problems.map((x) => `${x.group}: ${x.message}`),
      ];
      report(
        lines.length === 0 ? "reread + update: no config changes" : "reread + update: applied",
        problems.length === 0,
        lines,
      );
    } finally {
      button.disabled = false;
      await refreshAll();
    }
  }

  tbody.addEventListener("click", (e) => {
    const button = (e.target as Element).closest<HTMLButtonElement>("button");
    if (button === null) return;
    const row = button.closest<HTMLTableRowElement>("tr")!;
    const act = button.dataset["act"];
    const gact = button.dataset["gact"];
    if (act !== undefined) {
      const p = procs.get(row.dataset["name"] ?? "");
      if (p === undefined) return;
      if (act === "log") openLog({ kind: "process", key: p.key }, "stdout");
      else if (act === "config") void showConfig(p);
      else void processAction(p, act, button);
    } else if (gact !== undefined) {
      const group = row.dataset["group"] ?? "";
      void manyAction(`${group}: ${gact}`, `/groups/${enc(group)}/${gact}`, button);
    }
  });
  document.querySelector("nav.toolbar")!.addEventListener("click", (e) => {
    const button = (e.target as Element).closest<HTMLButtonElement>("button[data-global]");
    if (button === null) return;
    switch (button.dataset["global"]) {
      case "refresh":
        void refreshAll().then((ok) => ok && report("refreshed", true));
        break;
      case "reload":
        void previewUpdate();
        break;
      case "restart-all":
        void manyAction("restart all", "/all/restart", button);
        break;
      case "stop-all":
        void manyAction("stop all", "/all/stop", button);
        break;
      case "mainlog":
        openLog({ kind: "main" }, "stdout");
        break;
    }
  });
  filterBox.addEventListener("input", () => applyFilter());
  sortBox.addEventListener("change", () => arrange());

  // ---- config ----
  async function showConfig(p: Proc): Promise<void> {
    const r = await call("GET", "/avail");
    if (!r.ok) {
      report(`${p.key}: config: ${errorText(r)}`, false);
      return;
    }
    const configs = (r.data?.["configs"] ?? []) as Record<string, unknown>[];
    const c = configs.find((x) => x["group"] === p.group && x["name"] === p.name);
    if (c === undefined) {
      report(`${p.key}: no config (removed from the file? use Reread + update)`, false);
      return;
    }
    const show = (v: unknown) =>
      v === null || v === undefined || v === ""
        ? "(none)"
        : Array.isArray(v)
        ? v.join(",")
        : String(v);
    const rows: [string, unknown][] = [
      ["command", c["command"]],
      ["directory", c["directory"]],
      ["user (uid)", c["uid"]],
      ["autostart", c["autostart"]],
      ["startsecs", c["startsecs"]],
      ["startretries", c["startretries"]],
      ["exitcodes", c["exitcodes"]],
      ["stopsignal", c["stopsignal"]],
      ["stopwaitsecs", c["stopwaitsecs"]],
      ["killasgroup", c["killasgroup"]],
      ["priority", c["process_prio"]],
      ["redirect_stderr", c["redirect_stderr"]],
      ["stdout_logfile", c["stdout_logfile"]],
      ["stdout_logfile_maxbytes", c["stdout_logfile_maxbytes"]],
      ["stdout_logfile_backups", c["stdout_logfile_backups"]],
      ["stderr_logfile", c["stderr_logfile"]],
      ["stderr_logfile_maxbytes", c["stderr_logfile_maxbytes"]],
      ["stderr_logfile_backups", c["stderr_logfile_backups"]],
      ["in use", c["inuse"]],
    ];
    const body = byId("config-body");
    body.replaceChildren();
    for (const [k, v] of rows) {
      const dt = document.createElement("dt");
      dt.textContent = k;
      const dd = document.createElement("dd");
      dd.textContent = show(v);
      body.append(dt, dd);
    }
    byId("config-title").textContent = `${p.key}: config`;
    byId<HTMLDialogElement>("config").showModal();
  }

  // ---- the log view ----
  const logView = byId<HTMLElement>("logview");
  const logText = byId<HTMLPreElement>("log-text");
  const logChannel = byId<HTMLSelectElement>("log-channel");
  const logPause = byId<HTMLButtonElement>("log-pause");
  const logFollow = byId<HTMLInputElement>("log-follow");
  const logStatus = byId<HTMLElement>("log-status");
  const bytes = new TextEncoder();
  let log: {
    source: LogSource;
    channel: string;
    offset: number;
    es: EventSource | null;
    paused: boolean;
    held: string;
    generation: number;
  } | null = null;
  let generation = 0;

  function logBase(source: LogSource, channel: string): string {
    return source.kind === "main" ? "/log" : `/processes/${enc(source.key)}/log/${channel}`;
  }
  function appendLog(text: string): void {
    if (log === null || text === "") return;
    if (log.paused) {
      log.held = (log.held + text).slice(-MAX_LOG_CHARS);
      logPause.textContent = `Resume (${log.held.length} new chars)`;
      return;
    }
    logText.append(text);
    if (logText.textContent!.length > MAX_LOG_CHARS) {
      logText.textContent = logText.textContent!.slice(-MAX_LOG_CHARS);
    }
    if (logFollow.checked) logText.scrollTop = logText.scrollHeight;
  }
  function openLog(source: LogSource, channel: string): void {
    closeLog();
    generation++;
    log = { source, channel, offset: 0, es: null, paused: false, held: "", generation };
    logText.textContent = "";
    logPause.textContent = "Pause";
    logPause.setAttribute("aria-pressed", "false");
    logChannel.value = channel;
    logChannel.hidden = source.kind === "main";
    byId("log-title").textContent = source.kind === "main" ? "Main log" : source.key;
    logView.hidden = false;
    document.body.classList.add("with-log");
    if (source.kind === "process") {
      const p = procs.get(source.key);
      if (p !== undefined && (p.row.dataset[channel] ?? "") === "") {
        logStatus.textContent = `no ${channel} log file`;
        return;
      }
    }
    void followLog(log.generation, true);
    logText.focus();
  }
  /** Catches up from the last offset (or the last 16 KiB), then follows; again on every reconnect. */
  async function followLog(gen: number, first: boolean): Promise<void> {
    if (log === null || log.generation !== gen) return;
    const base = logBase(log.source, log.channel);
    const span = first ? "offset=0&length=16384" : `offset=${log.offset}&length=65536`;
    const r = await call("GET", `${base}/tail?${span}`);
    if (log === null || log.generation !== gen) return;
    if (!r.ok) {
      logStatus.textContent = `cannot read: ${errorText(r)}; retrying`;
      setTimeout(() => void followLog(gen, first), 3000);
      return;
    }
    const t = r.data as { text: string; offset: number; overflow: boolean };
    if (t.overflow && !first) appendLog("\n[… output skipped while disconnected …]\n");
    appendLog(t.text);
    log.offset = t.offset;
    const es = new EventSource(`${API}${base}/follow?backlog=0`);
    log.es = es;
    es.addEventListener("open", () => {
      if (log?.es === es) logStatus.textContent = log.paused ? "paused" : "following";
    });
    es.addEventListener("message", (e) => {
      if (log?.es !== es) return;
      const text = (JSON.parse((e as MessageEvent<string>).data) as { text: string }).text;
      log.offset += bytes.encode(text).length;
      appendLog(text);
    });
    es.addEventListener("error", () => {
      if (log?.es !== es) return;
      es.close();
      log.es = null;
      logStatus.textContent = "disconnected; reconnecting";
      setTimeout(() => void followLog(gen, false), 1000);
    });
  }
  function closeLog(): void {
    log?.es?.close();
    log = null;
    logView.hidden = true;
    logStatus.textContent = "";
    document.body.classList.remove("with-log");
  }
  logPause.addEventListener("click", () => {
    if (log === null) return;
    log.paused = !log.paused;
    logPause.setAttribute("aria-pressed", String(log.paused));
    if (!log.paused) {
      const held = log.held;
      log.held = "";
      logPause.textContent = "Pause";
      logStatus.textContent = "following";
      appendLog(held);
    } else {
      logPause.textContent = "Resume";
      logStatus.textContent = "paused";
    }
  });
  logChannel.addEventListener("change", () => {
    if (log !== null) openLog(log.source, logChannel.value);
  });
  byId("log-close").addEventListener("click", () => closeLog());

  // ---- keyboard ----
  document.addEventListener("keydown", (e) => {
    const target = e.target as HTMLElement;
    const typing = target.matches("input, select, textarea");
    if (e.key === "/" && !typing) {
      e.preventDefault();
      filterBox.focus();
    } else if (e.key === "Escape") {
      if (target === filterBox && filterBox.value !== "") {
        filterBox.value = "";
        applyFilter();
      } else if (log !== null) closeLog();
    }
  });

  arrange();
  connectEvents();
  document.body.dataset["ready"] = String(Math.round(performance.now()));
}
