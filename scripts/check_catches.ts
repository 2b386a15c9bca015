/**
 * Holds the house rule on ignored errors: in src/, a `catch {}` with an empty body or a
 * `.catch(() => {})` (or `=> null/undefined/""/false`) needs a comment on its line or the line
 * above saying why ignoring is right. Run by `deno task check`.
 */

import { sourceFiles } from "./source_files.ts";

/** Every ignored error without a reason under `root`/src, as `file:line: text`. */
export async function checkCatches(root: string): Promise<string[]> {
  const problems: string[] = [];
  for await (const file of sourceFiles(root, "src")) {
    const lines = (await Deno.readTextFile(`${root}/${file}`)).split("\n");
    lines.forEach((line, i) => {
      const ignoring = /\.catch\(\(\w*\) => (\{\s*\}|null|undefined|""|false)\)/.test(line) ||
        (/\bcatch (\(\w*\) )?\{\s*$/.test(line) && /^\s*\}/.test(lines[i + 1] ?? "")) ||
        /\bcatch (\(\w*\) )?\{\s*\}/.test(line);
      if (!ignoring) return;
      const said = /\/\/|\/\*/.test(line) || /^\s*(\/\/|\*|\/\*)/.test(lines[i - 1] ?? "") ||
        /^\s*\/\//.test(lines[i + 1] ?? "");
      if (!said) {
        problems.push(`${file}:${i + 1}: an error is ignored without a comment saying why`);
      }
    });
  }
  return problems;
}

if (import.meta.main) {
  const problems = await checkCatches(".");
  if (problems.length > 0) {
    console.error(problems.join("\n"));
    Deno.exitCode = 1;
  } else {
    console.log("catches: ok (every ignored error says why)");
  }
}
