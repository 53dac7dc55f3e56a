#!/usr/bin/env bash
# `npm run e2e`: builds the Pulumi CLI and Node language host if this machine has no cached build
# (e2e/engine/build.sh), builds the policy pack, prints the CLI version, then runs the e2e tests
# (e2e/tests/*.e2e.ts) through the real engine. Ends with the plain line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

if ! bin=$(bash e2e/engine/build.sh | tail -n 1) || [ ! -x "$bin/pulumi" ]; then
  echo "e2e: building the Pulumi engine failed (see above)"
  echo "0 passed, 1 failed"
  exit 1
fi
if ! npm run -s build:pack; then
  echo "e2e: the policy pack does not compile"
  echo "0 passed, 1 failed"
  exit 1
fi
export GLUE_E2E_ENGINE_BIN="$bin"
echo "== pulumi $("$bin/pulumi" version) (built from Go modules, $bin)"
exec npx mocha --config e2e/.mocharc.json --reporter ./tests/support/summaryReporter.js "$@"
