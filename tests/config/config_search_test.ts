/** Tests of the default config search: supervisor's six places, svisor.conf first at each. */

import assert from "node:assert/strict";
import {
  configSearchPaths,
  findConfigFile,
  noConfigFileMessage,
} from "../../src/config/config_search.ts";

Deno.test("the search order puts svisor.conf before supervisord.conf at each location", () => {
  assert.deepEqual(configSearchPaths("/opt/svisor/bin/svisor"), [
    "/opt/svisor/etc/svisor.conf",
    "/opt/svisor/etc/supervisord.conf",
    "/opt/svisor/svisor.conf",
    "/opt/svisor/supervisord.conf",
    "svisor.conf",
    "supervisord.conf",
    "etc/svisor.conf",
    "etc/supervisord.conf",
    "/etc/svisor.conf",
    "/etc/supervisord.conf",
    "/etc/supervisor/svisor.conf",
    "/etc/supervisor/supervisord.conf",
  ]);
});

Deno.test("findConfigFile returns the first existing candidate, resolved against the cwd", () => {
  const existing = new Set(["/home/me/etc/supervisord.conf", "/etc/supervisor/supervisord.conf"]);
  const exists = (p: string) => existing.has(p);
  assert.equal(
    findConfigFile({ cwd: "/home/me", execPath: "/usr/bin/svisor", exists }),
    "/home/me/etc/supervisord.conf",
  );
  assert.equal(
    findConfigFile({ cwd: "/", execPath: "/usr/bin/svisor", exists: () => false }),
    null,
  );
});

Deno.test("the no-file message lists the paths and points at -c", () => {
  assert.match(
    noConfigFileMessage("/usr/bin/svisor"),
    /^No config file found at default paths \(\/usr\/etc\/svisor\.conf, .*\/etc\/supervisor\/supervisord\.conf\); use the -c option to specify a config file at a different path$/,
  );
});
