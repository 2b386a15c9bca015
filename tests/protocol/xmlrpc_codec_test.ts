import assert from "node:assert/strict";
import {
  decodeMethodCall,
  decodeMethodResponse,
  encodeFault,
  encodeMethodCall,
  encodeMethodResponse,
  MAX_XML_DEPTH,
  XmlRpcDouble,
  XmlRpcParseError,
  type XmlRpcValue,
} from "../../src/protocol/xmlrpc_codec.ts";

Deno.test("a call round-trips every value type", () => {
  const params: XmlRpcValue[] = [
    "a <b> & c",
    42,
    -7,
    true,
    false,
    new XmlRpcDouble(1.5),
    ["x", 1, ["nested"]],
    { name: "web", pid: 12, inner: { ok: true } },
    new Uint8Array([0, 1, 254, 255]),
    new Date(Date.UTC(2026, 10, 24, 12, 30, 5)),
  ];
  const call = decodeMethodCall(encodeMethodCall("supervisor.startProcess", params));
  assert.equal(call.method, "supervisor.startProcess");
  assert.deepEqual(call.params, params);
});

Deno.test("Python's client layout is read: untyped values are strings, whitespace is kept", () => {
  const xml = `<?xml version='1.0'?>
<methodCall>
<methodName>supervisor.readProcessStdoutLog</methodName>
<params>
<param>
<value><string>  web  </string></value>
</param>
<param>
<value>untyped 12</value>
</param>
<param>
<value><i4>-1</i4></value>
</param>
<param>
<value><string>&lt;tag&gt; &amp;amp; &#65;&#x42;</string></value>
</param>
</params>
</methodCall>
`;
  assert.deepEqual(decodeMethodCall(xml), {
    method: "supervisor.readProcessStdoutLog",
    params: ["  web  ", "untyped 12", -1, "<tag> &amp; AB"],
  });
});

Deno.test("a call without params has none", () => {
  const xml =
    "<?xml version='1.0'?><methodCall><methodName>system.listMethods</methodName></methodCall>";
  assert.deepEqual(decodeMethodCall(xml), { method: "system.listMethods", params: [] });
});

Deno.test("responses and faults decode", () => {
  assert.deepEqual(decodeMethodResponse(encodeMethodResponse([{ name: "a", state: 20 }])), {
    ok: true,
    value: [{ name: "a", state: 20 }],
  });
  assert.deepEqual(decodeMethodResponse(encodeFault(10, "BAD_NAME: foo")), {
    ok: false,
    faultCode: 10,
    faultString: "BAD_NAME: foo",
  });
});

Deno.test("the fault is laid out as Python's xmlrpc server writes it", () => {
  assert.equal(
    encodeFault(1, "UNKNOWN_METHOD"),
    `<?xml version='1.0'?>
<methodResponse>
<fault>
<value><struct>
<member>
<name>faultCode</name>
<value><int>1</int></value>
</member>
<member>
<name>faultString</name>
<value><string>UNKNOWN_METHOD</string></value>
</member>
</struct></value>
</fault>
</methodResponse>
`,
  );
});

Deno.test("integers and doubles stay apart", () => {
  assert.match(encodeMethodResponse(3), /<int>3<\/int>/);
  assert.match(encodeMethodResponse(new XmlRpcDouble(3)), /<double>3\.0<\/double>/);
  assert.match(encodeMethodResponse(0.25), /<double>0\.25<\/double>/);
});

Deno.test("hostile or broken documents are refused with a reason", () => {
  const cases: Array<[string, RegExp]> = [
    [
      `<!DOCTYPE x [<!ENTITY e "boom">]><methodCall><methodName>&e;</methodName></methodCall>`,
      /DTD/,
    ],
    ["<methodCall><methodName>a.b</methodName>", /unclosed tag: methodCall/],
    ["<methodCall><methodName>a.b</methodName></methodcall>", /unexpected close tag/],
    ["<other/>", /not a methodCall/],
    [
      "<methodCall><methodName>a.b</methodName><params><param><value><int>x</int></value></param></params></methodCall>",
      /bad integer value "x"/,
    ],
    [
      "<methodCall><methodName>a.b</methodName><params><param><value><foo/></value></param></params></methodCall>",
      /unknown value type <foo>/,
    ],
    [
      "<methodCall><methodName>&bogus;</methodName></methodCall>",
      /undefined entity/,
    ],
    [
      "<?xml version='1.0?><methodCall><methodName>a.b</methodName></methodCall>",
      /XML declaration is incomplete/,
    ],
  ];
  for (const [xml, reason] of cases) {
    assert.throws(() => decodeMethodCall(xml), (e: unknown) => {
      assert.ok(e instanceof XmlRpcParseError, xml);
      assert.match(e.message, reason, xml);
      return true;
    });
  }
});

Deno.test("nesting deeper than the limit is refused while parsing", () => {
  const open = "<value><array><data>".repeat(MAX_XML_DEPTH);
  const close = "</data></array></value>".repeat(MAX_XML_DEPTH);
  const xml =
    `<methodCall><methodName>a.b</methodName><params><param>${open}${close}</param></params></methodCall>`;
  assert.throws(() => decodeMethodCall(xml), /nested deeper than 64/);
});

Deno.test("struct keys never reach the prototype", () => {
  const xml = `<methodResponse><params><param><value><struct>
<member><name>__proto__</name><value><string>x</string></value></member>
</struct></value></param></params></methodResponse>`;
  const r = decodeMethodResponse(xml);
  assert.ok(r.ok);
  const value = r.value as Record<string, XmlRpcValue>;
  assert.equal(Object.getPrototypeOf(value), Object.prototype);
  assert.equal(Object.hasOwn(value, "__proto__"), true);
});
