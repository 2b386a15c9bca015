/** Builds the single binary dist/svisor with `deno compile`; honours DENORT_BIN. */

const out = "dist/svisor";
const denort = Deno.env.get("DENORT_BIN");
if (denort !== undefined && !(await exists(denort))) {
  console.error(`build: DENORT_BIN points to "${denort}", which does not exist`);
  Deno.exit(1);
}
const cmd = new Deno.Command(Deno.execPath(), {
  args: ["compile", "-A", "--no-check", "--output", out, "main.ts"],
  stdout: "inherit",
  stderr: "piped",
});
const result = await cmd.output();
const stderr = new TextDecoder().decode(result.stderr);
if (!result.success) {
  if (
    denort === undefined &&
    /denort|download|dl\.deno\.land|Failed to fetch|error sending request/i.test(stderr)
  ) {
    console.error(
      "build: deno compile needs its runtime base (denort), which cannot be downloaded here; set DENORT_BIN to a denort binary of the same Deno version",
    );
  } else {
    console.error(stderr.trimEnd());
  }
  Deno.exit(1);
}
console.log(`build: wrote ${out}`);

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}
