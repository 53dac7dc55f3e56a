#!/usr/bin/env bash
# The Python suite: setup (hash-pinned venv + checksummed jars), ruff (lint + format), mypy --strict,
# pytest on local Spark. Writes reports/python-summary.json ({"suite","passed","failed"}), which the
# mocha reporter adds to the final "N passed, N failed" line; ruff and mypy count as one check each.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
summary="${PYTHON_SUMMARY:-$repo/reports/python-summary.json}"
mkdir -p "$(dirname "$summary")"
junit="$(mktemp --suffix=.xml)"
trap 'rm -f "$junit"' EXIT
failed_checks=0
passed_checks=0

write_summary() { # passed failed
  printf '{"suite":"python","passed":%d,"failed":%d}\n' "$1" "$2" >"$summary"
}
write_summary 0 1 # until proven otherwise

if ! "$here/setup.sh"; then
  echo "python: runtime/setup.sh failed"
  exit 1
fi
py="$here/.venv/bin/python"
cd "$here"

check() { # name command...
  local name="$1"
  shift
  if "$@"; then
    passed_checks=$((passed_checks + 1))
  else
    echo "python: $name failed"
    failed_checks=$((failed_checks + 1))
  fi
}
check "ruff check" "$py" -m ruff check --config pyproject.toml . ../projects
check "ruff format" "$py" -m ruff format --check --config pyproject.toml . ../projects
check "mypy (runtime)" "$py" -m mypy glue_runtime glue_runtime_pytest.py bench.py tests
for project in ../projects/*/; do
  [ -d "$project/scripts" ] || continue
  libs="$(find "$project/scripts" -mindepth 1 -type d -not -name __pycache__ | tr '\n' ':')"
  files=$(find "$project/scripts" "$project/tests" -name '*.py' 2>/dev/null)
  [ -n "$files" ] || continue
  # shellcheck disable=SC2086
  check "mypy ($project)" env MYPYPATH="$here:$project/scripts:$libs" "$py" -m mypy --explicit-package-bases \
    --cache-dir "$here/.mypy_cache/$(basename "$project")" $files
done

"$py" -m pytest -q --junitxml="$junit" "$@"
pytest_status=$?
read -r passed failed < <("$py" - "$junit" <<'PY'
import sys
import xml.etree.ElementTree as ET
try:
    root = ET.parse(sys.argv[1]).getroot()
except (OSError, ET.ParseError):
    print(0, 1)
    raise SystemExit
suites = [root] if root.tag == "testsuite" else list(root)
tests = sum(int(s.get("tests", 0)) for s in suites)
bad = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
skipped = sum(int(s.get("skipped", 0)) for s in suites)
print(tests - bad - skipped, bad + skipped)
PY
)
if [ "$pytest_status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi # e.g. no tests collected
write_summary $((passed + passed_checks)) $((failed + failed_checks))
echo "python: $((passed + passed_checks)) passed, $((failed + failed_checks)) failed (pytest $passed/$((passed + failed)), ruff+mypy $passed_checks/$((passed_checks + failed_checks)))"
[ "$pytest_status" -eq 0 ] && [ "$failed_checks" -eq 0 ]
