#!/usr/bin/env bash
# Creates packages/python/.venv once and keeps it in step with requirements-dev.txt
# (re-installs only when that file or pyproject.toml changed).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$here/.venv"
python="${PYTHON:-python3}"
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
stamp="$venv/.installed"
want="$(cat "$here/requirements-dev.txt" "$here/pyproject.toml" | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements-dev.txt"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e "$here"
  echo "$want" > "$stamp"
fi
