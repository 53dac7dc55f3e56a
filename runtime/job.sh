#!/usr/bin/env bash
# Runs one job of a project locally on its sample data:  npm run job -- projects/<slug> <job> [--fresh]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
"$here/setup.sh" >&2
PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}" exec "$here/.venv/bin/python" -m glue_runtime.local "$@"
