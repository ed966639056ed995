#!/usr/bin/env bash
# The one command that prepares a fresh Debian machine for QueryEngine's tests and runs all of them.
# Sections: system packages, Node packages, .NET SDK, build, tests, summary. Ends with the plain line
# "N passed, N failed" and exits non-zero when anything failed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Completion mode rewrites .slt files; never in a test run.
unset SLT_COMPLETE

section() { printf '\n=== %s\n' "$*"; }

# --- System packages (Debian) -------------------------------------------------------------------
# Debian packages the tests need, installed only when missing (apt-get update runs once, first).
# postgresql: the metastore tests start a throw-away cluster with its initdb/pg_ctl.
# thrift-compiler + python3-thrift: the HMS interop test generates a Python client from tests/interop/hms.
# zstd + lz4: the reference codecs arrow-js uses in the IPC compression interop tests (tests/interop/ipc-codecs.mjs).
# tzdata: the IANA zone rules (/usr/share/zoneinfo) timestamp with time zone reads through TimeZoneInfo.
APT_PACKAGES=(postgresql thrift-compiler python3-thrift zstd lz4 bzip2 tzdata)

apt_updated=0
ensure_apt_packages() {
  local missing=() package
  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$package")
    fi
  done
  if ((${#missing[@]} == 0)); then
    echo "all present: $*"
    return 0
  fi
  local sudo=()
  if [[ "$(id -u)" -ne 0 ]]; then sudo=(sudo); fi
  if ((apt_updated == 0)); then
    "${sudo[@]}" apt-get update -qq
    apt_updated=1
  fi
  echo "installing: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

section "System packages"
if ((${#APT_PACKAGES[@]} > 0)); then
  ensure_apt_packages "${APT_PACKAGES[@]}"
else
  echo "none needed"
fi

# --- Node packages (interop tests) --------------------------------------------------------------
section "Node packages"
# tests/interop: the independent implementations the tests check us against; tpch/duckdb: DuckDB for the
# `qe tpch bench --vs duckdb` runner (its test runs it). Exact versions are pinned in each package-lock.json.
# `npm install` (not `npm ci`): npm 11 rejects these lock files as out of sync because the Flight SQL client lists
# other platforms' optional packages without versions; `npm install` installs the locked versions all the same.
if ! command -v npm >/dev/null 2>&1; then ensure_apt_packages nodejs npm; fi
for folder in tests/interop tpch/duckdb; do
  npm install --prefix "$folder" --no-audit --no-fund
done

# --- .NET SDK -----------------------------------------------------------------------------------
section ".NET SDK"
if ! command -v dotnet >/dev/null 2>&1; then
  echo "dotnet not found: install the .NET SDK $(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' global.json) (see README.md)" >&2
  exit 1
fi
echo "dotnet $(dotnet --version)"

# --- Build --------------------------------------------------------------------------------------
section "Build (Release)"
dotnet build QueryEngine.sln -c Release -nologo -v minimal

# --- Tests --------------------------------------------------------------------------------------
section "Tests"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
dotnet test QueryEngine.sln -c Release --no-build -nologo --logger "console;verbosity=minimal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# --- Summary ------------------------------------------------------------------------------------
# Sum the per-project lines "Passed!  - Failed: F, Passed: P, Skipped: S, Total: T, ...".
read -r passed failed projects < <(awk '
  /(Passed|Failed)! +- +Failed:/ {
    projects++
    for (i = 1; i <= NF; i++) {
      if ($i == "Passed:") passed += $(i + 1)
      if ($i == "Failed:") failed += $(i + 1)
    }
  }
  END { print passed + 0, failed + 0, projects + 0 }' "$log")

section "Summary"
if ((status != 0 && failed == 0)); then
  echo "dotnet test exited with status $status although $projects test project(s) reported no failed test" >&2
fi
echo "$passed passed, $failed failed"
if ((failed > 0 || status != 0)); then exit 1; fi
