import assert from "node:assert/strict";
import { createApp } from "../../../src/api/create_app.ts";
import { type FakeProcess, FakeService } from "../../ctl/fake_service.ts";

function proc(name: string, group: string, over: Partial<FakeProcess> = {}): FakeProcess {
  return {
    name,
    group,
    statename: "RUNNING",
    pid: 100,
    description: "pid 100, uptime 0:00:01",
    ...over,
  };
}

Deno.test("GET / renders every process grouped, with state, description, pid and actions", async () => {
  const service = new FakeService([
    proc("web", "web"),
    proc("w_0", "pool", { statename: "STOPPED", pid: 0, description: "Not started" }),
    proc("w_1", "pool", { statename: "FATAL", pid: 0, description: "Exited too quickly" }),
  ]);
  const app = createApp({ service });
  const r = await app.request("/");
  assert.equal(r.status, 200);
  assert.match(r.headers.get("Content-Type") ?? "", /^text\/html/);
  assert.match(r.headers.get("Content-Security-Policy") ?? "", /script-src 'self'/);
  const html = await r.text();
  assert.match(html, /^<!doctype html>/);
  assert.match(html, /<tr class="grp" data-group="pool">/);
  assert.doesNotMatch(html, /<tr class="grp" data-group="web">/);
  assert.match(html, /data-name="pool:w_1" data-group="pool" data-state="FATAL"/);
  assert.match(html, /<span class="state st-fatal" data-f="state">FATAL<\/span>/);
  assert.match(html, /Exited too quickly/);
  assert.match(html, /data-name="web"[^>]*data-state="RUNNING"[\s\S]*?data-f="pid">100</);
  assert.equal((await app.request("/index.html")).status, 200);
});

Deno.test("GET / shows the readiness word under the state, only for programs that use checks", async () => {
  const service = new FakeService([
    proc("db", "db", { readiness: "ready" }),
    proc("web", "web", { statename: "STOPPED", pid: 0, readiness: "waiting" }),
    proc("job", "job", { statename: "STOPPED", pid: 0, readiness: "" }),
    proc("plain", "plain"),
  ]);
  const html = await (await createApp({ service }).request("/")).text();
  const row = (name: string) =>
    html.match(new RegExp(`<tr class="proc" data-name="${name}"[\\s\\S]*?</tr>`))![0];
  assert.match(
    row("db"),
    /<span class="state st-running" data-f="state">RUNNING<\/span><span class="rd rd-ready" data-f="readiness">ready<\/span>/,
  );
  assert.match(row("web"), /<span class="rd rd-waiting" data-f="readiness">waiting<\/span>/);
  assert.match(row("job"), /<span class="rd rd-none" data-f="readiness" hidden="">/);
  assert.doesNotMatch(row("plain"), /readiness/);
  assert.match(
    await (await createApp({ service }).request("/dashboard/client.js")).text(),
    /PROCESS_READINESS/,
  );
});

Deno.test("a config without readiness, health or depends_on gets no readiness markup at all", async () => {
  const service = new FakeService([proc("a", "a"), proc("b", "b", { statename: "FATAL", pid: 0 })]);
  const html = await (await createApp({ service }).request("/")).text();
  assert.doesNotMatch(html, /data-f="readiness"|class="rd /);
});

Deno.test("Reread + update opens a preview dialog: the dry run's text, then Apply posts the update", async () => {
  const app = createApp({ service: new FakeService([proc("a", "a")]) });
  const html = await (await app.request("/")).text();
  assert.match(
    html,
    /<button type="button" data-global="reload"[^>]*aria-haspopup="dialog"[^>]*>Reread \+ update…<\/button>/,
  );
  const dialog = html.match(/<dialog id="update"[\s\S]*?<\/dialog>/)?.[0] ?? "";
  assert.match(dialog, /<ul id="update-body" class="preview"><\/ul>/);
  assert.match(dialog, /<button type="submit">Cancel<\/button>/);
  assert.match(
    dialog,
    /<button type="button" id="update-apply" class="primary" disabled>Apply update<\/button>/,
  );
  const js = await (await app.request("/dashboard/client.js")).text();
  assert.match(js, /formatPreview: function formatPreview/);
  assert.match(js, /"\/update\/preview"/);
  // The apply is the JSON API's POST /update, behind the cross-site guard like every action.
  const forged = await app.request("http://127.0.0.1:9001/api/v1/update", {
    method: "POST",
    headers: { Host: "127.0.0.1:9001", Origin: "http://evil.example" },
    body: "{}",
  });
  assert.equal(forged.status, 403);
  await forged.body?.cancel();
});

Deno.test("the page escapes what programs and the config put in it", async () => {
  const service = new FakeService([
    proc("x", "x", { statename: "BACKOFF", description: `<img src=x onerror="alert(1)"> & "q"` }),
  ]);
  const html = await (await createApp({ service }).request("/")).text();
  assert.doesNotMatch(html, /<img src=x/);
  assert.match(html, /&lt;img src=x onerror=&quot;alert\(1\)&quot;&gt; &amp; &quot;q&quot;/);
});

Deno.test("the script and style sheet are served from the binary; the script is valid JavaScript", async () => {
  const app = createApp({ service: new FakeService([proc("a", "a")]) });
  const js = await app.request("/dashboard/client.js");
  assert.equal(js.status, 200);
  assert.match(js.headers.get("Content-Type") ?? "", /^text\/javascript/);
  const text = await js.text();
  new Function(text); // parses (does not run): a syntax error here would break the page
  assert.match(text, /formatTimedelta: function formatTimedelta/);
  assert.match(text, /"\/api\/v1"/);
  const css = await app.request("/dashboard/style.css");
  assert.match(css.headers.get("Content-Type") ?? "", /^text\/css/);
  assert.match(await css.text(), /prefers-color-scheme: dark/);
});

Deno.test("without credentials the page and its assets are refused", async () => {
  const app = createApp({
    service: new FakeService([proc("a", "a")]),
    auth: { username: "u", password: "p" },
  });
  for (const path of ["/", "/dashboard/client.js", "/dashboard/style.css"]) {
    const r = await app.request(path);
    assert.equal(r.status, 401, path);
    assert.equal(r.headers.get("WWW-Authenticate"), 'Basic realm="default"');
    await r.body?.cancel();
  }
  const ok = await app.request("/", { headers: { Authorization: `Basic ${btoa("u:p")}` } });
  assert.equal(ok.status, 200);
  await ok.body?.cancel();
});

Deno.test("a browser POST from another site is refused; curl-like and same-origin POSTs pass; GET changes nothing", async () => {
  const service = new FakeService([proc("a", "a", { statename: "STOPPED", pid: 0 })]);
  const app = createApp({ service });
  const url = "http://127.0.0.1:9001/api/v1/processes/a/start";
  const post = (headers: Record<string, string>) =>
    app.request(url, {
      method: "POST",
      headers: { Host: "127.0.0.1:9001", "Content-Type": "text/plain", ...headers },
      body: "x",
    });
  for (
    const headers of [
      { Origin: "http://evil.example" },
      { Origin: "null" },
      { "Sec-Fetch-Site": "cross-site" },
      { "Sec-Fetch-Site": "same-site", Origin: "http://127.0.0.1:9002" },
    ]
  ) {
    const r = await post(headers);
    assert.equal(r.status, 403, JSON.stringify(headers));
    const body = await r.json();
    assert.equal(body.error.code, "FORBIDDEN");
    assert.match(body.error.message, /cross-site request refused/);
  }
  const rpc = await app.request("http://127.0.0.1:9001/RPC2", {
    method: "POST",
    headers: { Host: "127.0.0.1:9001", Origin: "http://evil.example", "Content-Type": "text/xml" },
    body: "<methodCall><methodName>supervisor.stopAllProcesses</methodName></methodCall>",
  });
  assert.equal(rpc.status, 403);
  await rpc.body?.cancel();
  const getLink = await app.request("/index.html?processname=a&action=start");
  assert.equal(getLink.status, 200);
  await getLink.body?.cancel();
  assert.equal((await service.getProcessInfo("a")).statename, "STOPPED");

  const same = await app.request(url, {
    method: "POST",
    headers: {
      Host: "127.0.0.1:9001",
      Origin: "http://127.0.0.1:9001",
      "Sec-Fetch-Site": "same-origin",
    },
  });
  assert.equal(same.status, 200);
  await same.body?.cancel();
  assert.equal((await service.getProcessInfo("a")).statename, "RUNNING");
  const curl = await app.request(url.replace("start", "stop"), { method: "POST" });
  assert.equal(curl.status, 200);
  await curl.body?.cancel();
});

Deno.test("1,000 processes: the first render's time on the server (printed, not asserted)", async () => {
  const list = Array.from({ length: 1000 }, (_, i) => {
    const n = `p_${String(i).padStart(4, "0")}`;
    return proc(n, "pool", { pid: 1000 + i, description: `pid ${1000 + i}, uptime 0:01:00` });
  });
  const app = createApp({ service: new FakeService(list) });
  const times: number[] = [];
  let html = "";
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    html = await (await app.request("/")).text();
    times.push(performance.now() - t0);
  }
  assert.equal(html.match(/<tr class="proc" data-name="pool:p_/g)?.length, 1000);
  times.sort((a, b) => a - b);
  console.log(
    `dashboard: server render of 1,000 processes (in-process): first ${
      times.at(-1)!.toFixed(1)
    } ms worst, ${times[2]!.toFixed(1)} ms median, ${(html.length / 1024).toFixed(0)} KiB`,
  );
});
