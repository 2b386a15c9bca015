/** The dashboard's style sheet: light and dark by `prefers-color-scheme`, a table on wide screens and cards at phone width, system fonts only. */

/** The CSS served at /dashboard/style.css. */
export const DASHBOARD_CSS = `
:root {
  color-scheme: light dark;
  --bg: #f4f6f9; --panel: #ffffff; --fg: #1b2230; --muted: #637083; --line: #e2e6ec;
  --hover: #f0f3f8; --accent: #2b63d9; --accent-fg: #ffffff; --focus: #2b63d9;
  --btn: #ffffff; --btn-line: #cfd6e0; --btn-hover: #eef2f8; --danger: #c62f3a;
  --log-bg: #0f1420; --log-fg: #d7dde8;
  --ok-bg: #e6f6ec; --ok-fg: #17643a; --err-bg: #fdeaea; --err-fg: #9b1c26;
  --running: #16803c; --running-bg: #dff5e6; --starting: #1f5fbf; --starting-bg: #e2ecfb;
  --backoff: #b25b00; --backoff-bg: #fdeed9; --stopping: #8a6a00; --stopping-bg: #fbf3d0;
  --stopped: #5b6574; --stopped-bg: #eceff3; --exited: #5b6574; --exited-bg: #e6e9ee;
  --fatal: #b4202c; --fatal-bg: #fbe1e3; --unknown: #7a3db8; --unknown-bg: #efe4fa;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0e1117; --panel: #161b24; --fg: #e3e8f0; --muted: #93a0b4; --line: #262d3a;
    --hover: #1c2330; --accent: #5b8dff; --accent-fg: #0b1020; --focus: #7ea6ff;
    --btn: #1c2330; --btn-line: #323b4b; --btn-hover: #252e3e; --danger: #ff6b74;
    --log-bg: #0a0d13; --log-fg: #d7dde8;
    --ok-bg: #12301f; --ok-fg: #8fe0ad; --err-bg: #3a1519; --err-fg: #ffadb3;
    --running: #5fd68a; --running-bg: #143322; --starting: #7eaaff; --starting-bg: #17264a;
    --backoff: #ffae57; --backoff-bg: #3b2610; --stopping: #f0cf5a; --stopping-bg: #332b0d;
    --stopped: #a3adbd; --stopped-bg: #232a36; --exited: #a3adbd; --exited-bg: #202632;
    --fatal: #ff7a84; --fatal-bg: #3d161b; --unknown: #c79bff; --unknown-bg: #2c1d42;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
body.with-log main { padding-bottom: 42vh; }
button, input, select { font: inherit; color: inherit; }
:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.muted { color: var(--muted); }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.num { text-align: right; font-variant-numeric: tabular-nums; }

.top {
  display: flex; flex-wrap: wrap; align-items: center; gap: 8px 28px;
  padding: 14px 20px; background: var(--panel); border-bottom: 1px solid var(--line);
}
.brand { display: flex; align-items: baseline; gap: 10px; min-width: 0; }
.brand h1 { margin: 0; font-size: 20px; letter-spacing: -0.01em; }
.ident { color: var(--muted); font-weight: 500; overflow-wrap: anywhere; }
.facts { display: flex; flex-wrap: wrap; gap: 4px 22px; margin: 0; }
.facts div { display: flex; gap: 6px; align-items: baseline; }
.facts dt { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.facts dd { margin: 0; font-variant-numeric: tabular-nums; }
.dstate { font-weight: 600; }
.ds-running { color: var(--running); }
.ds-restarting, .ds-shutdown { color: var(--stopping); }
.ds-fatal { color: var(--fatal); }
.live {
  margin-left: auto; font-size: 12px; padding: 3px 10px; border-radius: 999px;
  background: var(--stopped-bg); color: var(--stopped);
}
.live::before { content: "●"; margin-right: 6px; }
.live[data-live="live"] { background: var(--running-bg); color: var(--running); }
.live[data-live="reconnecting"], .live[data-live="offline"] { background: var(--backoff-bg); color: var(--backoff); }

.toolbar {
  display: flex; flex-wrap: wrap; gap: 10px 16px; align-items: center; justify-content: space-between;
  padding: 12px 20px 6px;
}
.search { display: flex; gap: 10px; align-items: center; flex: 1 1 420px; }
#filter {
  flex: 1; min-width: 0; padding: 7px 11px; border: 1px solid var(--btn-line); border-radius: 8px;
  background: var(--panel);
}
.sort { color: var(--muted); white-space: nowrap; }
select { padding: 6px 8px; border: 1px solid var(--btn-line); border-radius: 8px; background: var(--panel); }
.global { display: flex; flex-wrap: wrap; gap: 8px; }
button {
  padding: 5px 11px; border: 1px solid var(--btn-line); border-radius: 7px; background: var(--btn);
  cursor: pointer; white-space: nowrap; line-height: 1.3;
}
button:hover:not(:disabled) { background: var(--btn-hover); }
button:disabled { opacity: .42; cursor: default; }
button.danger { color: var(--danger); }
.summary { padding: 2px 20px 8px; color: var(--muted); font-size: 13px; }

.results { list-style: none; margin: 0; padding: 0 20px; display: grid; gap: 6px; }
.results:empty { display: none; }
.results > li {
  position: relative; padding: 5px 36px 5px 12px; border-radius: 8px; background: var(--ok-bg);
  color: var(--ok-fg); overflow-wrap: anywhere;
}
.results > li.err { background: var(--err-bg); color: var(--err-fg); }
.results time { opacity: .75; margin-right: 10px; font-variant-numeric: tabular-nums; }
.results details { display: inline; margin-left: 10px; }
.results summary { display: inline; cursor: pointer; opacity: .8; font-size: 12.5px; }
.results details[open] { display: block; margin: 2px 0 0; }
.results ul { margin: 4px 0 0; padding-left: 20px; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12.5px; }
.results .x {
  position: absolute; top: 4px; right: 6px; border: 0; background: transparent; padding: 2px 7px;
  color: inherit; font-size: 16px;
}

main { padding: 10px 20px 24px; }
.procs {
  width: 100%; border-collapse: separate; border-spacing: 0; background: var(--panel);
  border: 1px solid var(--line); border-radius: 10px; overflow: hidden;
}
.procs th, .procs td { padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: middle; }
.procs thead th {
  text-align: left; font-size: 12px; font-weight: 600; color: var(--muted); text-transform: uppercase;
  letter-spacing: .04em; background: var(--panel); position: sticky; top: 0; z-index: 1;
}
.procs thead th.num { text-align: right; }
.procs tbody tr:last-child > * { border-bottom: 0; }
@media (min-width: 761px) {
  /*
   * Rows are grids with fixed columns, not table layout: no row is measured to size the columns,
   * and rows off screen are neither laid out nor painted (content-visibility), so 1,000 processes
   * cost little more than a screenful.
   */
  .procs, .procs thead, .procs tbody { display: block; }
  .procs tr {
    display: grid; grid-template-columns: 118px minmax(0, 19%) minmax(0, 1fr) 76px 104px 384px;
    align-items: center;
  }
  .procs tr > * { display: block; border-bottom: 0; }
  .procs tr { border-bottom: 1px solid var(--line); }
  .procs tbody tr:last-child { border-bottom: 0; }
  .procs thead tr { background: var(--panel); }
  tr.grp { background: var(--hover); }
  tr.proc { content-visibility: auto; contain-intrinsic-size: auto 41px; }
  tr.grp { grid-template-columns: minmax(0, 1fr) auto; }
  .procs thead tr { position: sticky; top: 0; z-index: 1; }
  .procs thead th { position: static; }
  .c-state, .c-pid, .c-up, .acts { width: auto; }
}
tr.proc:hover { background: var(--hover); }
tr.proc.busy { opacity: .65; }
tr.grp th, tr.grp td { background: var(--hover); }
tr.grp th { text-align: left; font-weight: 600; }
.gname { font-size: 13.5px; }
.gname::before { content: "▾ "; color: var(--muted); }
.c-state { width: 1%; white-space: nowrap; }
.c-name { font-weight: 600; overflow-wrap: anywhere; }
.c-desc { color: var(--muted); overflow-wrap: anywhere; }
.c-pid, .c-up { white-space: nowrap; width: 1%; }
.acts { text-align: right; white-space: nowrap; width: 1%; }
.acts button { padding: 3px 8px; font-size: 12.5px; margin-left: 3px; }
.state {
  display: inline-block; min-width: 86px; text-align: center; padding: 2px 8px; border-radius: 6px;
  font-size: 12px; font-weight: 700; letter-spacing: .03em;
}
.st-running { color: var(--running); background: var(--running-bg); }
.st-starting { color: var(--starting); background: var(--starting-bg); }
.st-backoff { color: var(--backoff); background: var(--backoff-bg); }
.st-stopping { color: var(--stopping); background: var(--stopping-bg); }
.st-stopped { color: var(--stopped); background: var(--stopped-bg); }
.st-exited { color: var(--exited); background: var(--exited-bg); }
.st-fatal { color: var(--fatal); background: var(--fatal-bg); }
.st-unknown { color: var(--unknown); background: var(--unknown-bg); }
.rd {
  display: block; width: 86px; margin-top: 3px; text-align: center; font-size: 11px;
  font-weight: 600; line-height: 1.2; letter-spacing: .02em; color: var(--muted);
}
.rd[hidden] { display: none; }
.rd::before { content: "● "; font-size: 9px; vertical-align: 1px; }
.rd-ready { color: var(--running); }
.rd-unready { color: var(--starting); }
.rd-waiting { color: var(--stopping); }
.rd-unhealthy { color: var(--backoff); }
.rd-failed { color: var(--fatal); }
.empty { text-align: center; color: var(--muted); padding: 24px; }

.logview {
  position: fixed; left: 0; right: 0; bottom: 0; height: 40vh; display: flex; flex-direction: column;
  background: var(--panel); border-top: 1px solid var(--line); box-shadow: 0 -8px 24px rgba(0,0,0,.12);
  z-index: 5;
}
.logview[hidden] { display: none; }
.logbar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; padding: 8px 16px; }
.logbar h2 { margin: 0; font-size: 15px; overflow-wrap: anywhere; }
.logbar .check { display: flex; gap: 5px; align-items: center; color: var(--muted); }
#log-close { margin-left: auto; }
#log-text {
  flex: 1; margin: 0; padding: 10px 16px; overflow: auto; background: var(--log-bg); color: var(--log-fg);
  font: 12.5px/1.5 ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace;
  white-space: pre-wrap; overflow-wrap: anywhere;
}

dialog {
  border: 1px solid var(--line); border-radius: 12px; padding: 18px 22px; background: var(--panel);
  color: var(--fg); max-width: min(720px, 94vw); width: 100%;
}
dialog::backdrop { background: rgba(10, 14, 22, .45); }
dialog h2 { margin: 0 0 12px; font-size: 16px; overflow-wrap: anywhere; }
.config { display: grid; grid-template-columns: max-content 1fr; gap: 5px 16px; margin: 0 0 16px; }
.config dt { color: var(--muted); }
.config dd { margin: 0; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12.5px; overflow-wrap: anywhere; }
dialog form { text-align: right; }
.dialog-actions { display: flex; justify-content: flex-end; gap: 8px; }
button.primary { background: var(--accent); color: var(--accent-fg); border-color: var(--accent); }
button.primary:hover:not(:disabled) { background: var(--accent); filter: brightness(1.08); }
.preview {
  list-style: none; margin: 0 0 16px; padding: 0; max-height: 55vh; overflow: auto;
  font: 12.5px/1.55 ui-monospace, Menlo, Consolas, monospace; overflow-wrap: anywhere;
}
.preview:empty { display: none; }
.preview li.grp { font-weight: 700; margin-top: 6px; }
.preview li.grp:first-child { margin-top: 0; }
.preview li.opt { padding-left: 18px; color: var(--muted); }
.preview li.err { color: var(--err-fg); font-weight: 700; }

@media (max-width: 760px) {
  .top { padding: 12px 14px; gap: 6px 16px; }
  .live { margin-left: 0; }
  .search { flex: 1 1 100%; flex-wrap: wrap; }
  #filter { flex: 1 1 100%; }
  .global { gap: 6px; }
  .global button { padding: 5px 9px; }
  .toolbar, .summary, .results { padding-left: 12px; padding-right: 12px; }
  main { padding: 8px 12px 20px; }
  .procs, .procs tbody { display: block; border: 0; background: transparent; }
  .procs thead { display: none; }
  tr.grp {
    display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 6px;
    margin: 14px 0 6px; background: transparent;
  }
  tr.grp th, tr.grp td { display: block; background: transparent; border: 0; padding: 0; }
  tr.grp .acts { text-align: left; white-space: normal; width: auto; }
  tr.proc {
    display: grid; grid-template-columns: auto 1fr auto; gap: 4px 10px; align-items: center;
    background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 10px 12px;
    margin-bottom: 8px;
  }
  tr.proc td { display: block; border: 0; padding: 0; width: auto; }
  .c-state { grid-column: 1; grid-row: 1; }
  .c-name { grid-column: 2 / -1; grid-row: 1; }
  .c-pid { display: none !important; }
  .c-desc { grid-column: 1 / -1; grid-row: 2; font-size: 13px; }
  .c-up { display: none !important; }
  tr.proc .acts {
    grid-column: 1 / -1; grid-row: 3; display: grid; grid-template-columns: repeat(3, 1fr);
    gap: 6px; margin-top: 4px;
  }
  tr.grp .acts { display: grid; grid-template-columns: repeat(3, auto); gap: 6px; }
  .acts button { margin: 0; padding: 6px 6px; font-size: 13px; }
  .logview { height: 60vh; }
  body.with-log main { padding-bottom: 62vh; }
}
`;
