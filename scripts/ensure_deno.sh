# Sourced by the set-up scripts: puts Deno 2 on PATH, from the npm registry when it is missing.
DENO_VERSION=2.9.6
if ! command -v deno >/dev/null 2>&1; then
  echo "setup: Deno is missing; installing deno@$DENO_VERSION from the npm registry" >&2
  npm install -g --silent "deno@$DENO_VERSION" >&2 || { echo "setup: npm install -g deno@$DENO_VERSION failed" >&2; exit 1; }
  hash -r
  if ! command -v deno >/dev/null 2>&1; then
    PATH="$(npm prefix -g)/bin:$PATH"
    export PATH
  fi
fi
case "$(deno --version 2>/dev/null | head -n 1)" in
  "deno 2."*) ;;
  *) echo "setup: svisor needs Deno 2; found: $(deno --version 2>&1 | head -n 1)" >&2; exit 1 ;;
esac
