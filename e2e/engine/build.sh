#!/usr/bin/env bash
# Builds the Pulumi CLI from the Go module proxy, once per pinned version: `pulumi` from
# github.com/pulumi/pulumi/pkg/v3 (go.mod here pins it, go.sum locks every module). The Node language
# host's module (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3) is not served by the
# module proxy (403), so it is not built here: e2e/run.sh looks for it (e2e/README.md). The binary is
# cached under $GLUE_ENGINE_CACHE (default ~/.cache/glue-platform/engine) in a folder keyed by the
# version and a hash of go.mod and go.sum, so a machine builds once. Prints that folder as its last line.
# Cost of a cold build on 2 cores: see e2e/README.md. GOFLAGS defaults to -p=2 (the machine's cores).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

version=$(awk '$1 == "github.com/pulumi/pulumi/pkg/v3" { print $2 }' go.mod)
[ -n "$version" ] || { echo "build.sh: go.mod does not require github.com/pulumi/pulumi/pkg/v3" >&2; exit 1; }
key=$(cat go.mod go.sum | sha256sum | cut -c1-12)
cache="${GLUE_ENGINE_CACHE:-${XDG_CACHE_HOME:-${HOME:-$(cd ~ && pwd)}/.cache}/glue-platform/engine}"
out="$cache/$version-$key"

if [ -x "$out/pulumi" ]; then
  echo "$out"
  exit 0
fi

command -v go >/dev/null || { echo "build.sh: the Go toolchain (go >= $(awk '$1 == "go" { print $2 }' go.mod)) is needed" >&2; exit 1; }
echo "build.sh: building pulumi $version into $out (cold: several minutes)" >&2
tmp=$(mktemp -d "$cache.tmp.XXXXXX" 2>/dev/null || { mkdir -p "$cache" && mktemp -d "$cache.tmp.XXXXXX"; })
trap 'rm -rf "$tmp"' EXIT
start=$(date +%s)
ldflags="-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version"
export GOFLAGS="${GOFLAGS:--p=2} -mod=readonly -trimpath"
go build -ldflags "$ldflags" -o "$tmp/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2
chmod 755 "$tmp"
mkdir -p "$(dirname "$out")"
rm -rf "$out"
mv "$tmp" "$out"
trap - EXIT
echo "build.sh: built in $(($(date +%s) - start)) s" >&2
echo "$out"
