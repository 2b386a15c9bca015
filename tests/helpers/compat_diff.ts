/** A readable line diff of two transcripts (longest common subsequence, with context). */

/** Returns "" when the texts are equal, else a diff: "-" expected only, "+" actual only. */
export function lineDiff(expected: string, actual: string, context = 3): string {
  if (expected === actual) return "";
  const a = expected.split("\n");
  const b = actual.split("\n");
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j]
        ? lcs[i + 1]![j + 1]! + 1
        : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const ops: { tag: " " | "-" | "+"; line: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ tag: " ", line: a[i]! });
      i++;
      j++;
    } else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      ops.push({ tag: "-", line: a[i]! });
      i++;
    } else {
      ops.push({ tag: "+", line: b[j]! });
      j++;
    }
  }
  const show = ops.map((op, k) =>
    op.tag !== " " ||
    ops.slice(Math.max(0, k - context), k + context + 1).some((o) => o.tag !== " ")
  );
  const out: string[] = [];
  let skipped = false;
  ops.forEach((op, k) => {
    if (show[k]) {
      if (skipped) out.push("  …");
      skipped = false;
      out.push(`${op.tag} ${op.line}`);
    } else {
      skipped = true;
    }
  });
  if (skipped) out.push("  …");
  return out.join("\n");
}
