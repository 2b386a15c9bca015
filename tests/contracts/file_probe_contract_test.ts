/** One FileProbe contract, run against the FakeProbe tests use and the Deno probe the daemon uses. */

import assert from "node:assert/strict";
import type { FileProbe } from "../../src/core/ports.ts";
import { denoFileProbe } from "../../src/sys/file_probe.ts";
import { FakeProbe } from "../helpers/fake_spawner.ts";

/** A probe and the paths the contract looks at, made real or fake. */
interface ProbeWorld extends AsyncDisposable {
  probe: FileProbe;
  executable: string;
  plain: string;
  directory: string;
  missing: string;
}

function probeContract(label: string, make: () => Promise<ProbeWorld>): void {
  Deno.test(`${label}: files, executables, directories and missing paths`, async () => {
    await using w = await make();
    assert.deepEqual(w.probe.probe(w.executable), {
      isFile: true,
      isDirectory: false,
      executable: true,
    });
    assert.deepEqual(w.probe.probe(w.plain), {
      isFile: true,
      isDirectory: false,
      executable: false,
    });
    assert.deepEqual(w.probe.probe(w.directory), {
      isFile: false,
      isDirectory: true,
      executable: false,
    });
    assert.equal(w.probe.probe(w.missing), null);
  });
}

probeContract("FakeProbe", () => {
  const probe = new FakeProbe(["/bin/x"]).addFile("/etc/x.conf").addDirectory("/srv");
  return Promise.resolve({
    probe,
    executable: "/bin/x",
    plain: "/etc/x.conf",
    directory: "/srv",
    missing: "/nope",
    [Symbol.asyncDispose]: () => Promise.resolve(),
  });
});

probeContract("denoFileProbe", async () => {
  const dir = await Deno.makeTempDir({ prefix: "svisor_probe_" });
  await Deno.writeTextFile(`${dir}/x`, "#!/bin/sh\n", { mode: 0o755 });
  await Deno.chmod(`${dir}/x`, 0o755);
  await Deno.writeTextFile(`${dir}/x.conf`, "", { mode: 0o644 });
  await Deno.chmod(`${dir}/x.conf`, 0o644);
  await Deno.mkdir(`${dir}/srv`);
  return {
    probe: denoFileProbe(),
    executable: `${dir}/x`,
    plain: `${dir}/x.conf`,
    directory: `${dir}/srv`,
    missing: `${dir}/nope`,
    [Symbol.asyncDispose]: () => Deno.remove(dir, { recursive: true }),
  };
});
