#!/usr/bin/env bash
# The one command that runs the tests: makes .venv if needed, installs the project
# with its test and serve extras, then runs pytest (two workers: see pyproject.toml). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test,serve]'
exec .venv/bin/python -m pytest -q "$@"
