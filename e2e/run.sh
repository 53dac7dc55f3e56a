#!/usr/bin/env bash
# `npm run e2e`: builds the Pulumi CLI if this machine has no cached build
# (e2e/engine/build.sh), builds the policy pack, prints the CLI version, then runs the e2e tests
# (e2e/tests/*.e2e.ts) through the real engine. Ends with the plain line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

# The Node language host is not served by the Go module proxy (its module answers 403), so it is taken
# from the machine: $PULUMI_LANGUAGE_NODEJS, or `pulumi-language-nodejs` on PATH (e.g. from a Pulumi
# CLI installation). Without it the real-engine suite cannot start a program: it says so and exits 0
# without a count (.ci/run reports it as not run, never as passed).
host="${PULUMI_LANGUAGE_NODEJS:-$(command -v pulumi-language-nodejs || true)}"
if [ -z "$host" ] || [ ! -x "$host" ]; then
  echo "e2e: not run: no pulumi-language-nodejs on this machine (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 is not served by the Go module proxy: 403 Forbidden). Set PULUMI_LANGUAGE_NODEJS or put it on PATH (e2e/README.md)."
  exit 0
fi
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
# One folder with the CLI and the language host: the CLI finds plugins next to itself and on PATH.
engine=$(mktemp -d)
trap 'rm -rf "$engine"' EXIT
ln -s "$bin/pulumi" "$engine/pulumi"
ln -s "$host" "$engine/pulumi-language-nodejs"
export GLUE_E2E_ENGINE_BIN="$engine"
echo "== pulumi $("$bin/pulumi" version) (built from Go modules, $bin)"
npx mocha --config e2e/.mocharc.json --reporter ./tests/support/summaryReporter.js "$@"
