#!/usr/bin/env bash
# The one command that runs the tool: makes .venv if needed, installs the project (with
# its serve extra, and the test tools, so one .venv serves both scripts), then runs `pathways` with any arguments given (none: the terminal app).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -x "$root/.venv/bin/pathways" ]; then
  python3 -m venv "$root/.venv"
  "$root/.venv/bin/python" -m pip install -q --disable-pip-version-check -e "$root[test,serve]"
fi
exec "$root/.venv/bin/pathways" "$@"
