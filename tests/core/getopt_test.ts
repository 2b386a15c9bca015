import assert from "node:assert/strict";
import { getopt } from "../../src/core/getopt.ts";

Deno.test("parsing stops at the first word that is not an option, and after --", () => {
  assert.deepEqual(getopt(["-n", "status", "-c", "x"], "c:n", []), {
    ok: true,
    options: [{ name: "-n", value: "" }],
    rest: ["status", "-c", "x"],
  });
  assert.deepEqual(getopt(["--", "-n"], "c:n", []), { ok: true, options: [], rest: ["-n"] });
  assert.deepEqual(getopt(["-"], "c:n", []), { ok: true, options: [], rest: ["-"] });
});

Deno.test("long options: exact names win over prefixes; ambiguity and stray values are errors", () => {
  const long = ["log=", "logfile=", "loglevel=", "nodaemon"];
  assert.deepEqual(getopt(["--log", "a"], "", long), {
    ok: true,
    options: [{ name: "--log", value: "a" }],
    rest: [],
  });
  assert.deepEqual(getopt(["--logf=b"], "", long), {
    ok: true,
    options: [{ name: "--logfile", value: "b" }],
    rest: [],
  });
  assert.deepEqual(getopt(["--logx"], "", long), {
    ok: false,
    message: "option --logx not recognized",
  });
  assert.deepEqual(getopt(["--nod=1"], "", long), {
    ok: false,
    message: "option --nodaemon must not have an argument",
  });
  assert.deepEqual(getopt(["--logfile"], "", long), {
    ok: false,
    message: "option --logfile requires argument",
  });
  assert.deepEqual(getopt(["--lo"], "", ["logfile=", "loglevel="]), {
    ok: false,
    message: "option --lo not a unique prefix",
  });
});
