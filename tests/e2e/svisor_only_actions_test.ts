import assert from "node:assert/strict";
import { runScenario } from "../helpers/compat_runner.ts";
import { ctl } from "../helpers/compat_scenario.ts";
import { supervisorInstalled, svisorCtlSystem } from "../helpers/compat_systems.ts";

Deno.test({
  name: "svisor ctl against supervisord: why and update --dry-run say they need a svisor daemon",
  ignore: !supervisorInstalled(),
  fn: async () => {
    const { transcript } = await runScenario({
      name: "svisor_only_actions",
      config: "[program:a]\ncommand=/bin/sleep 1000\nstartsecs=0\n",
      steps: [ctl("why a"), ctl("update --dry-run")],
    }, svisorCtlSystem());
    assert.match(transcript, /why: why needs a svisor daemon \(supervisord cannot explain\)/);
    assert.match(transcript, /ERROR: update --dry-run needs a svisor daemon/);
    assert.equal(transcript.match(/exit 3/g)?.length, 2, transcript);
  },
});
