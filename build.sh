#!/usr/bin/env bash
# Runs the repository's Cake build: ./build.sh [--target=Test] [other Cake arguments]
# ./build.sh --description lists the targets; any directory works (it runs from the repository root).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet tool restore >/dev/null
exec dotnet cake build/build.cake "$@"
