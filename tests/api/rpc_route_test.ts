/** /RPC2 over a fake engine: method table, faults, arity and type checks, system.* and multicall, HTTP errors. */

import assert from "node:assert/strict";
import {
  buildConfig,
  groupConfig,
  processConfig,
  programGroup,
} from "../helpers/config_builder.ts";
import { settle } from "../helpers/fake_clock.ts";
import { appWorld, outcome } from "./app_world.ts";

const manual = (name: string, o = {}) => programGroup(name, { autostart: false, ...o });

Deno.test("/RPC2 answers identity methods with supervisor's values", async () => {
  await using w = appWorld([manual("cat")]);
  assert.equal(outcome(await w.rpc("supervisor.getAPIVersion")), "3.0");
  assert.equal(outcome(await w.rpc("supervisor.getVersion")), "3.0");
  assert.equal(outcome(await w.rpc("supervisor.getSupervisorVersion")), "4.2.5");
  assert.equal(outcome(await w.rpc("supervisor.getIdentification")), "supervisor");
  assert.equal(outcome(await w.rpc("supervisor.getPID")), 999);
  assert.deepEqual(outcome(await w.rpc("supervisor.getState")), {
    statecode: 1,
    statename: "RUNNING",
  });
});

Deno.test("/RPC2 method names: two dotted parts, no leading _, in the table, else UNKNOWN_METHOD", async () => {
  await using w = appWorld([manual("cat")]);
  for (
    const name of [
      "supervisor.nope",
      "getPID",
      "supervisor.getPID.x",
      "supervisor.supervisord.options.warnings.linecache.os.system",
      "supervisor._foo",
      "supervisor.constructor",
      "supervisor.__proto__",
      "supervisor.hasOwnProperty",
      "system.nope",
      "",
    ]
  ) {
    assert.deepEqual(outcome(await w.rpc(name)), [1, "UNKNOWN_METHOD"], name);
  }
  assert.equal(w.spawner.children.length, 0);
});

Deno.test("/RPC2 wrong arity or parameter type is INCORRECT_PARAMETERS", async () => {
  await using w = appWorld([manual("cat")]);
  const bad = [2, "INCORRECT_PARAMETERS"];
  assert.deepEqual(outcome(await w.rpc("supervisor.getPID", 1)), bad);
  assert.deepEqual(outcome(await w.rpc("supervisor.getProcessInfo")), bad);
  assert.deepEqual(outcome(await w.rpc("supervisor.getProcessInfo", 1)), bad);
  assert.deepEqual(outcome(await w.rpc("supervisor.startProcess", "cat", true, 1)), bad);
  assert.deepEqual(outcome(await w.rpc("supervisor.readLog", "a", "b")), bad);
  assert.deepEqual(outcome(await w.rpc("supervisor.readProcessStdoutLog", "cat", 0)), bad);
  assert.deepEqual(outcome(await w.rpc("supervisor.signalProcess", "cat", [])), bad);
  assert.deepEqual(outcome(await w.rpc("system.methodHelp")), bad);
  assert.deepEqual(
    outcome(await w.rpc("supervisor.sendProcessStdin", "cat", 1)),
    [2, "INCORRECT_PARAMETERS: 1"],
  );
  assert.equal(w.spawner.children.length, 0);
});

Deno.test("/RPC2 faults carry supervisor's numbers and NAME: extra texts", async () => {
  await using w = appWorld([manual("cat")]);
  assert.deepEqual(outcome(await w.rpc("supervisor.getProcessInfo", "foo")), [
    10,
    "BAD_NAME: foo",
  ]);
  assert.deepEqual(outcome(await w.rpc("supervisor.stopProcess", "cat")), [
    70,
    "NOT_RUNNING: cat",
  ]);
  assert.deepEqual(outcome(await w.rpc("supervisor.signalProcess", "cat", "NOPE")), [
    11,
    "BAD_SIGNAL: NOPE",
  ]);
});

Deno.test("/RPC2 startProcess with wait=false, getProcessInfo struct in supervisor's order, ints", async () => {
  await using w = appWorld([manual("cat")]);
  assert.equal(outcome(await w.rpc("supervisor.startProcess", "cat", false)), true);
  const r = await w.app.request("/RPC2", {
    method: "POST",
    body:
      "<?xml version='1.0'?><methodCall><methodName>supervisor.getProcessInfo</methodName><params><param><value>cat</value></param></params></methodCall>",
  });
  assert.equal(r.headers.get("content-type"), "text/xml");
  const xml = await r.text();
  const names = [...xml.matchAll(/<name>([a-z_]+)<\/name>/g)].map((m) => m[1]);
  assert.deepEqual(names, [
    "name",
    "group",
    "start",
    "stop",
    "now",
    "state",
    "statename",
    "spawnerr",
    "exitstatus",
    "logfile",
    "stdout_logfile",
    "stderr_logfile",
    "pid",
    "description",
  ]);
  assert.match(xml, /<name>state<\/name>\n<value><int>10<\/int><\/value>/);
  assert.match(xml, /<name>statename<\/name>\n<value><string>STARTING<\/string><\/value>/);
  assert.equal(w.spawner.children.length, 1);
});

Deno.test("/RPC2 startProcess('g:*') returns the group's result array", async () => {
  const grp = groupConfig("web", [
    processConfig("web_0", { autostart: false, startsecs: 0 }),
    processConfig("web_1", { autostart: false, startsecs: 0 }),
  ], { explicit: true });
  await using w = appWorld([grp], { executables: ["/bin/web_0", "/bin/web_1"] });
  assert.deepEqual(outcome(await w.rpc("supervisor.startProcess", "web:*")), [
    { name: "web_0", group: "web", status: 80, description: "OK" },
    { name: "web_1", group: "web", status: 80, description: "OK" },
  ]);
  assert.deepEqual(outcome(await w.rpc("supervisor.startProcess", "web:")), []);
  const stopped = outcome(await w.rpc("supervisor.stopProcess", "web:*", false));
  assert.equal((stopped as unknown[]).length, 2);
});

Deno.test("/RPC2 system.listMethods lists 41 names; methodSignature and methodHelp", async () => {
  await using w = appWorld([manual("cat")]);
  const names = outcome(await w.rpc("system.listMethods")) as string[];
  assert.equal(names.length, 41);
  assert.deepEqual(names, [...names].sort());
  assert.ok(names.includes("supervisor.tailProcessLog"));
  assert.ok(names.includes("system.multicall"));
  assert.deepEqual(outcome(await w.rpc("system.methodSignature", "supervisor.readLog")), [
    "string",
    "int",
    "int",
  ]);
  assert.deepEqual(outcome(await w.rpc("system.methodSignature", "supervisor.startProcess")), [
    "boolean",
    "string",
    "boolean",
  ]);
  assert.equal(typeof outcome(await w.rpc("system.methodHelp", "supervisor.getPID")), "string");
  assert.deepEqual(outcome(await w.rpc("system.methodHelp", "supervisor.nope")), [
    4,
    "SIGNATURE_UNSUPPORTED",
  ]);
  assert.deepEqual(outcome(await w.rpc("system.methodSignature", "constructor")), [
    4,
    "SIGNATURE_UNSUPPORTED",
  ]);
});

Deno.test("/RPC2 system.multicall: raw values, fault structs, no recursion, no methodName", async () => {
  await using w = appWorld([manual("cat")]);
  const r = outcome(
    await w.rpc("system.multicall", [
      { methodName: "supervisor.getAPIVersion" },
      { methodName: "supervisor.nope" },
      { methodName: "system.multicall", params: [[]] },
      { methodName: "supervisor.getProcessInfo", params: ["nosuch"] },
      { methodName: "supervisor.getPID", params: [1] },
      { foo: "bar" },
      { methodName: "supervisor.getPID", params: [] },
    ]),
  );
  assert.deepEqual(r, [
    "3.0",
    { faultCode: 1, faultString: "UNKNOWN_METHOD" },
    { faultCode: 2, faultString: "INCORRECT_PARAMETERS: Recursive system.multicall forbidden" },
    { faultCode: 10, faultString: "BAD_NAME: nosuch" },
    { faultCode: 2, faultString: "INCORRECT_PARAMETERS" },
    { faultCode: 2, faultString: "INCORRECT_PARAMETERS: No methodName" },
    999,
  ]);
  assert.deepEqual(outcome(await w.rpc("system.multicall")), [2, "INCORRECT_PARAMETERS"]);
  assert.deepEqual(outcome(await w.rpc("system.multicall", "x")), [2, "INCORRECT_PARAMETERS"]);
});

Deno.test("/RPC2 reloadConfig wraps the diff as [[added, changed, removed]]; tail is [text, offset, overflow]", async () => {
  await using w = appWorld([manual("cat")]);
  w.nextConfig = buildConfig([
    manual("cat"),
    manual("new"),
  ], { supervisord: { childlogdir: "/logs" } });
  assert.deepEqual(outcome(await w.rpc("supervisor.reloadConfig")), [[["new"], [], []]]);
  await w.rpc("supervisor.startProcess", "cat", false);
  w.spawner.last("/bin/cat").write("hello\n");
  await settle();
  assert.deepEqual(outcome(await w.rpc("supervisor.tailProcessStdoutLog", "cat", 0, 3)), [
    "lo\n",
    6,
    true,
  ]);
  assert.equal(outcome(await w.rpc("supervisor.readProcessLog", "cat", 0, 0)), "hello\n");
});

Deno.test("/RPC2 getAllConfigInfo: 4.2.5 members, null values as 'none'", async () => {
  await using w = appWorld([manual("cat")]);
  const [info] = outcome(await w.rpc("supervisor.getAllConfigInfo")) as Record<string, unknown>[];
  assert.ok(info !== undefined);
  assert.equal(info["directory"], "none");
  assert.equal(info["uid"], "none");
  assert.equal(info["stopsignal"], 15);
  assert.equal(info["autostart"], false);
  assert.equal("autorestart" in info, false);
  assert.equal(Object.keys(info).length, 29);
});

Deno.test("/RPC2 HTTP errors: GET 400, bad XML 400, no methodName 400, body too large 413", async () => {
  await using w = appWorld([manual("cat")], { maxBodyBytes: 1000 });
  const post = (body: string) => w.app.request("/RPC2", { method: "POST", body });
  const get = await w.app.request("/RPC2");
  assert.equal(get.status, 400);
  assert.match(await get.text(), /<p>Error code 400\.\n<p>Message: Bad Request\./);
  const bad = await post("<methodCall><methodName>x");
  assert.equal(bad.status, 400);
  await bad.body?.cancel();
  const noName = await post("<?xml version='1.0'?><methodCall><params/></methodCall>");
  assert.equal(noName.status, 400);
  await noName.body?.cancel();
  const dtd = await post(
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><methodCall><methodName>&a;</methodName></methodCall>',
  );
  assert.equal(dtd.status, 400);
  await dtd.body?.cancel();
  const big = await post(`<methodCall>${" ".repeat(2000)}</methodCall>`);
  assert.equal(big.status, 413);
  await big.body?.cancel();
  const prefix = await w.app.request("/RPC2/anything", {
    method: "POST",
    body:
      "<?xml version='1.0'?><methodCall><methodName>supervisor.getPID</methodName></methodCall>",
  });
  assert.equal(prefix.status, 200);
  assert.match(await prefix.text(), /<int>999<\/int>/);
  assert.deepEqual(w.warnings, []);
});

Deno.test("/RPC2 an unexpected error is a 500, reported, and never escapes", async () => {
  const { createApp } = await import("../../src/api/create_app.ts");
  const warnings: string[] = [];
  const service = {
    getPID: () => Promise.reject(new TypeError("boom")),
  } as unknown as import("../../src/protocol/control_service.ts").ControlService;
  const app = createApp({ service, onWarning: (m) => warnings.push(m) });
  const r = await app.request("/RPC2", {
    method: "POST",
    body:
      "<?xml version='1.0'?><methodCall><methodName>supervisor.getPID</methodName></methodCall>",
  });
  assert.equal(r.status, 500);
  await r.body?.cancel();
  assert.deepEqual(warnings, ["/RPC2 supervisor.getPID: boom"]);
});
