/** The TypeScript files below a folder, for the check scripts: paths relative to the root, sorted. */

/** Yields `dir/...ts` paths under `root`, depth first, in name order. */
export async function* sourceFiles(root: string, dir: string): AsyncGenerator<string> {
  const entries = [];
  for await (const entry of Deno.readDir(`${root}/${dir}`)) entries.push(entry);
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) yield* sourceFiles(root, path);
    else if (entry.name.endsWith(".ts")) yield path;
  }
}
