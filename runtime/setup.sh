#!/usr/bin/env bash
# Creates the job runtime's Python environment and fetches the jars local Spark needs. Idempotent:
# reruns finish in about a second when nothing changed.
#   runtime/.venv   virtualenv with runtime/requirements.txt installed with --require-hashes
#   runtime/.jars   jars listed in runtime/jars.lock, each verified against its SHA-256
# Environment: PYTHON (default python3.11, else python3; Glue 5.1 runs Python 3.11),
#              MAVEN_REPO (default https://repo1.maven.org/maven2).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv"
jars="$here/.jars"
repo="${MAVEN_REPO:-https://repo1.maven.org/maven2}"

python="${PYTHON:-}"
if [ -z "$python" ]; then
  if command -v python3.11 >/dev/null 2>&1; then python=python3.11; else python=python3; fi
fi
version="$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
if [ "$version" != "3.11" ]; then
  echo "runtime/setup.sh: warning: $python is Python $version; Glue 5.1 runs 3.11" >&2
fi
if ! command -v java >/dev/null 2>&1; then
  echo "runtime/setup.sh: java not found; local Spark needs Java 17 (Glue 5.1's JVM)" >&2
  exit 1
fi

# --- Python packages (hash-pinned) ---
stamp="$venv/.requirements.sha256"
want="$( (cat "$here/requirements.txt"; echo "$version") | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "runtime/setup.sh: creating $venv"
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes \
    --requirement "$here/requirements.txt"
  echo "$want" >"$stamp"
fi

# --- jars (checksum-verified) ---
mkdir -p "$jars"
grep -Ev '^\s*(#|$)' "$here/jars.lock" | while read -r coord sha; do
  IFS=: read -r group artifact ver <<<"$coord"
  file="$jars/$artifact-$ver.jar"
  if [ -f "$file" ] && echo "$sha  $file" | sha256sum --check --status; then continue; fi
  url="$repo/${group//.//}/$artifact/$ver/$artifact-$ver.jar"
  echo "runtime/setup.sh: fetching $coord"
  tmp="$(mktemp "$jars/.download.XXXXXX")"
  if ! curl --fail --silent --show-error --location --retry 3 --output "$tmp" "$url"; then
    rm -f "$tmp"
    echo "runtime/setup.sh: could not download $url" >&2
    exit 1
  fi
  if ! echo "$sha  $tmp" | sha256sum --check --status; then
    rm -f "$tmp"
    echo "runtime/setup.sh: checksum mismatch for $url (expected $sha, see runtime/jars.lock)" >&2
    exit 1
  fi
  mv "$tmp" "$file"
done
echo "runtime/setup.sh: ready ($venv, $jars)"
