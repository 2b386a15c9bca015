import assert from "node:assert/strict";
import { InterruptStack, manualInterrupts } from "../../src/ctl/interrupts.ts";

Deno.test("Ctrl-C aborts only the innermost scope", () => {
  const m = manualInterrupts();
  const stack = new InterruptStack(m.source);
  using outer = stack.open();
  {
    using inner = stack.open();
    m.fire();
    assert.ok(inner.signal.aborted);
    assert.ok(!outer.signal.aborted);
  }
  m.fire();
  assert.ok(outer.signal.aborted);
});

Deno.test("the source is subscribed only while a scope is open", () => {
  let subscribed = 0;
  const stack = new InterruptStack(() => {
    subscribed++;
    return () => subscribed--;
  });
  assert.equal(subscribed, 0);
  {
    using _a = stack.open();
    using _b = stack.open();
    assert.equal(subscribed, 1);
  }
  assert.equal(subscribed, 0);
});
