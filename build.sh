#!/usr/bin/env bash
# Runs the repository's Cake build: ./build.sh [--target=Test] [other Cake arguments]
# ./build.sh --description lists the targets; any directory works (it runs from the repository root).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Colour only on a terminal: Cake goes by TERM and colours a redirected stdout too, so a log
# (./build.sh --target=Test > log) would hold escape codes. NO_COLOR (no-color.org) turns it off
# in both Cake processes (build/agent.cake starts a second one) and in dotnet test (--no-ansi,
# build/test.cake). A NO_COLOR the user set is kept.
if [ ! -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
  export NO_COLOR=1
fi
dotnet tool restore >/dev/null
exec dotnet cake build/build.cake "$@"
