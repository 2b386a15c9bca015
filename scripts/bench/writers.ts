/** The child programs of the output workloads, written as small Python scripts (same child for every system). */

/** Bytes of one line written by SPEW_PY. */
export const SPEW_LINE_BYTES = 100;

/** Waits until the file argv[2] exists (the bench's go), then writes argv[1] numbered lines of 100
 * bytes as fast as it can, then sleeps (so nothing restarts it). */
export const SPEW_PY = `import os, sys, time
while not os.path.exists(sys.argv[2]):
    time.sleep(0.001)
lines = int(sys.argv[1])
out = sys.stdout.buffer
pad = b"x" * 89
n = 0
while n < lines:
    end = min(lines, n + 655)
    out.write(b"".join(b"%09d %s\\n" % (i, pad) for i in range(n, end)))
    n = end
out.flush()
time.sleep(100000)
`;

/** Writes about argv[1] lines a second, in ten bursts a second. */
export const CHATTY_PY = `import sys, time
rate = int(sys.argv[1])
out = sys.stdout.buffer
per_burst = max(1, rate // 10)
n = 0
next_at = time.monotonic()
while True:
    out.write(b"".join(b"%09d chatty line with some payload text\\n" % (n + i) for i in range(per_burst)))
    out.flush()
    n += per_burst
    next_at += 0.1
    delay = next_at - time.monotonic()
    if delay > 0:
        time.sleep(delay)
`;

/** Checks that files hold every numbered line once and in order; returns the count or an error. */
export function verifyNumberedLines(
  texts: readonly string[],
): { lines: number; error: string | null } {
  let expected = 0;
  for (const text of texts) {
    let start = 0;
    while (start < text.length) {
      const end = text.indexOf("\n", start);
      if (end < 0) return { lines: expected, error: `torn last line after line ${expected}` };
      const n = Number(text.slice(start, start + 9));
      if (n !== expected) {
        return {
          lines: expected,
          error: `line ${expected} expected, found ${text.slice(start, start + 9)}`,
        };
      }
      expected++;
      start = end + 1;
    }
  }
  return { lines: expected, error: null };
}
