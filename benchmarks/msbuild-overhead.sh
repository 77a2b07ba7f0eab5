#!/usr/bin/env bash
# What Clawker.MSBuild costs a consumer, measured with real dotnet processes:
#   1. a no-op incremental `dotnet build` of a console app with the package vs the same app
#      without it (interleaved runs, medians); target: overhead <= 5% of the no-op build;
#   2. the pre-run hooks of `dotnet run` (ClawkerPrepare: bundle check, credential check,
#      globals volume) in a fresh process each time: `dotnet run --no-build` with vs without.
# Part 2 needs DOCKER_HOST (eval "$(build/services/dockerd.sh start)"); it is skipped without.
#
#   benchmarks/msbuild-overhead.sh [runs]      # default 10 runs of each
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD
runs=${1:-10}

work=$(mktemp -d /tmp/clawker-msbuild-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
version="0.0.0-bench.$(date +%s).$$"
export NUGET_PACKAGES="$work/nuget-packages" DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

echo "packing Clawker.MSBuild $version ..."
dotnet pack "$repo/src/Clawker.MSBuild/Clawker.MSBuild.csproj" -c Release -o "$work/feed" \
  --artifacts-path "$work/artifacts" -p:Version="$version" -p:IncludeSymbols=false -nologo -v:q >/dev/null
cat >"$work/NuGet.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="bench" value="$work/feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML

for app in With Without; do
  dotnet new console -o "$work/$app" -n "$app" --no-restore >/dev/null
done
sed -i "s#</Project>#  <ItemGroup><PackageReference Include=\"Clawker.MSBuild\" Version=\"$version\" PrivateAssets=\"all\" /></ItemGroup>\n</Project>#" "$work/With/With.csproj"

# A login for the credential check, in Claude Code's file (the keyring is not what is measured).
mkdir -p "$work/claude"
expires=$(( ($(date +%s) + 86400) * 1000 ))
printf '{"claudeAiOauth":{"accessToken":"sk-ant-oat01-bench","refreshToken":"sk-ant-ort01-bench","expiresAt":%s,"scopes":["user:inference"],"subscriptionType":"pro"}}' \
  "$expires" >"$work/claude/.credentials.json"
export CLAUDE_CONFIG_DIR="$work/claude" CLAWKER_KEYRING=none

ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; "$@" >&2; exit 1; }; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%+.1f%%", (a - b) * 100 / b}'; }

# Warm up: first build (restore, compile, first bundle) of both, then one no-op each.
for app in With Without; do
  (cd "$work/$app" && dotnet build -nologo -v:q >/dev/null && dotnet build -nologo -v:q >/dev/null)
done

# $1: label; the rest: the dotnet build arguments.
compare_builds() {
  local label=$1; shift
  echo "no-op dotnet build $*, $runs interleaved runs each ..."
  : >"$work/with.txt"; : >"$work/without.txt"
  for _ in $(seq 1 "$runs"); do
    (cd "$work/With" && ms dotnet build "$@") >>"$work/with.txt"
    (cd "$work/Without" && ms dotnet build "$@") >>"$work/without.txt"
  done
  local with without
  with=$(median <"$work/with.txt"); without=$(median <"$work/without.txt")
  echo "  with Clawker.MSBuild:    median ${with} ms   (runs: $(paste -sd' ' "$work/with.txt"))"
  echo "  without:                 median ${without} ms   (runs: $(paste -sd' ' "$work/without.txt"))"
  echo "  $label overhead:    $(( with - without )) ms = $(ratio "$with" "$without") of the no-op build (target <= +5%)"
}
compare_builds "dotnet build" -nologo -v:q
compare_builds "--no-restore" -nologo -v:q --no-restore

# The same, inside MSBuild: time spent in Clawker's own targets during one no-op build.
(cd "$work/With" && dotnet build -nologo -clp:PerformanceSummary -tl:off >"$work/perf.txt" 2>&1)
targets=$(awk '/Target Performance Summary/ {on=1} on && /_?Clawker/ {sum += $1} END {printf "%d", sum}' "$work/perf.txt")
echo "  Clawker targets inside that build (PerformanceSummary): ${targets} ms"

if [ -z "${DOCKER_HOST:-}" ]; then
  echo "dotnet run pre-run hooks: skipped (DOCKER_HOST is not set; eval \"\$(build/services/dockerd.sh start)\")"
  exit 0
fi

echo "dotnet run --no-build (fresh process each: cold task load, credential check, volume ensure), $runs runs each ..."
: >"$work/run-with.txt"; : >"$work/run-without.txt"
for _ in $(seq 1 "$runs"); do
  (cd "$work/With" && ms dotnet run --no-build) >>"$work/run-with.txt"
  (cd "$work/Without" && ms dotnet run --no-build) >>"$work/run-without.txt"
done
rwith=$(median <"$work/run-with.txt"); rwithout=$(median <"$work/run-without.txt")
echo "  with Clawker.MSBuild:    median ${rwith} ms   (runs: $(paste -sd' ' "$work/run-with.txt"))"
echo "  without:                 median ${rwithout} ms   (runs: $(paste -sd' ' "$work/run-without.txt"))"
echo "  pre-run hooks cost:      $(( rwith - rwithout )) ms = $(ratio "$rwith" "$rwithout") of dotnet run --no-build"
