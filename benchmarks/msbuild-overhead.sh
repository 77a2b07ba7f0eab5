#!/usr/bin/env bash
# What Clawker.MSBuild costs a consumer, measured with real dotnet processes:
#   1. a no-op incremental `dotnet build` of a console app with the package vs the same app
#      without it (interleaved runs, medians); target: overhead <= 5% of the no-op build;
#   2. the pre-run hooks of `dotnet run` (ClawkerPrepare: bundle check, then one task for the
#      credential check, the login on clawker-globals and the volume ensure, on one engine
#      connection) in a fresh process each time: `dotnet run --no-build` with vs without
#      (target: at most +5% and at most +30 ms), wall and CPU time, side by side with the same
#      package with its native task host off (ClawkerNativeTaskHost=false: the tasks in MSBuild,
#      ReadyToRun), packed as plain IL (-p:ClawkerReadyToRun=false: what ReadyToRun saves) and, with
#      CLAWKER_BENCH_BASE=<git revision> (for example main), the package packed from that
#      revision (before/after in one run); and each variant's Clawker tasks inside MSBuild.
# Part 2 needs DOCKER_HOST (eval "$(build/services/dockerd.sh start)"); it is skipped without.
# Medians of interleaved runs; CPU time (user + sys of the process tree) is what a busy machine
# distorts least, so it is printed beside the wall time.
#
#   benchmarks/msbuild-overhead.sh [runs]      # default 20 runs of each
#   CLAWKER_BENCH_BASE=main benchmarks/msbuild-overhead.sh 20
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD
runs=${1:-20}

work=$(mktemp -d /tmp/clawker-msbuild-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
version="0.0.0-bench.$(date +%s).$$"
export NUGET_PACKAGES="$work/nuget-packages" DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

echo "packing Clawker.MSBuild $version (ReadyToRun) and $version-il (plain IL) ..."
dotnet pack "$repo/src/Clawker.MSBuild/Clawker.MSBuild.csproj" -c Release -o "$work/feed" \
  --artifacts-path "$work/artifacts" -p:Version="$version" -p:IncludeSymbols=false -nologo -v:q >/dev/null
# Plain IL and no native task host: the tasks run in MSBuild from their IL (what ReadyToRun saves there).
dotnet pack "$repo/src/Clawker.MSBuild/Clawker.MSBuild.csproj" -c Release -o "$work/feed" --no-build -p:ClawkerReadyToRun=false -p:ClawkerPackNativeTaskHost=false \
  --artifacts-path "$work/artifacts" -p:Version="$version" -p:PackageVersion="$version-il" -p:IncludeSymbols=false -nologo -v:q >/dev/null
apps="With WithInMSBuild WithIL"
if [ -n "${CLAWKER_BENCH_BASE:-}" ]; then
  echo "packing Clawker.MSBuild $version-base from $CLAWKER_BENCH_BASE (ReadyToRun) ..."
  mkdir -p "$work/base-src"
  git -C "$repo" archive "$CLAWKER_BENCH_BASE" | tar -x -C "$work/base-src"
  dotnet pack "$work/base-src/src/Clawker.MSBuild/Clawker.MSBuild.csproj" -c Release -o "$work/feed" \
    --artifacts-path "$work/base-artifacts" -p:Version="$version" -p:PackageVersion="$version-base" -p:IncludeSymbols=false -nologo -v:q >/dev/null
  apps="$apps WithBase"
fi
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

for app in $apps Without; do
  dotnet new console -o "$work/$app" -n "$app" --no-restore >/dev/null
done
[ -d "$work/WithBase" ] && sed -i "s#</Project>#  <ItemGroup><PackageReference Include=\"Clawker.MSBuild\" Version=\"$version-base\" PrivateAssets=\"all\" /></ItemGroup>\n</Project>#" "$work/WithBase/WithBase.csproj"
sed -i "s#</Project>#  <ItemGroup><PackageReference Include=\"Clawker.MSBuild\" Version=\"$version\" PrivateAssets=\"all\" /></ItemGroup>\n</Project>#" "$work/With/With.csproj"
sed -i "s#</Project>#  <ItemGroup><PackageReference Include=\"Clawker.MSBuild\" Version=\"$version-il\" PrivateAssets=\"all\" /></ItemGroup>\n</Project>#" "$work/WithIL/WithIL.csproj"
# The same package, its native task host off: the hook's tasks in MSBuild (ReadyToRun), as on platforms without a host.
sed -i "s#</Project>#  <PropertyGroup><ClawkerNativeTaskHost>false</ClawkerNativeTaskHost></PropertyGroup>\n  <ItemGroup><PackageReference Include=\"Clawker.MSBuild\" Version=\"$version\" PrivateAssets=\"all\" /></ItemGroup>\n</Project>#" "$work/WithInMSBuild/WithInMSBuild.csproj"

# A login for the credential check, in Claude Code's file (the keyring is not what is measured).
mkdir -p "$work/claude"
expires=$(( ($(date +%s) + 86400) * 1000 ))
printf '{"claudeAiOauth":{"accessToken":"sk-ant-oat01-bench","refreshToken":"sk-ant-ort01-bench","expiresAt":%s,"scopes":["user:inference"],"subscriptionType":"pro"}}' \
  "$expires" >"$work/claude/.credentials.json"
export CLAUDE_CONFIG_DIR="$work/claude" CLAWKER_KEYRING=none

# "wall_ms cpu_ms" of one run (bash's time: user + sys of the whole process tree).
wallcpu() { local t TIMEFORMAT='%R %U %S'; t=$( { time "$@" >/dev/null 2>&1; } 2>&1 ) || { echo "failed: $*" >&2; "$@" >&2; exit 1; }
  awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}' <<<"$t"; }
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; "$@" >&2; exit 1; }; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%+.1f%%", (a - b) * 100 / b}'; }

# Warm up: first build (restore, compile, first bundle) of each, then one no-op each.
for app in $apps Without; do
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

echo "dotnet run --no-build (fresh process each: task load, credential check, volume login check, volume ensure), $runs interleaved runs each ..."
for app in $apps Without; do
  (cd "$work/$app" && dotnet run --no-build >/dev/null 2>&1) # the volume exists from here on: every run checks the login on it
  : >"$work/run-$app.txt"
done
for _ in $(seq 1 "$runs"); do
  for app in $apps Without; do
    (cd "$work/$app" && wallcpu dotnet run --no-build) >>"$work/run-$app.txt"
  done
done
col() { cut -d' ' -f"$2" "$work/run-$1.txt" | median; }
wo_wall=$(col Without 1); wo_cpu=$(col Without 2)
for app in $apps; do
  wall=$(col "$app" 1); cpu=$(col "$app" 2)
  case $app in
    With) label="with Clawker.MSBuild (native host) " ;;
    WithInMSBuild) label="with Clawker.MSBuild (in MSBuild, R2R)" ;;
    WithIL) label="with Clawker.MSBuild (in MSBuild, IL)" ;;
    *) label="with $CLAWKER_BENCH_BASE's Clawker.MSBuild (R2R)" ;;
  esac
  echo "  $label: wall ${wall} ms, cpu ${cpu} ms; hooks cost $(( wall - wo_wall )) ms = $(ratio "$wall" "$wo_wall") wall, $(( cpu - wo_cpu )) ms = $(ratio "$cpu" "$wo_cpu") cpu"
done
echo "  without:                            wall ${wo_wall} ms, cpu ${wo_cpu} ms"
echo "  (target for the package as shipped: at most +5% and at most +30 ms; load average now: $(cut -d' ' -f1-3 /proc/loadavg))"

# Where the hooks' time goes inside MSBuild: each Clawker task of ComputeRunArguments, medians of 5 per variant.
echo "Clawker tasks inside the dotnet run step (PerformanceSummary, medians of 5):"
for app in $apps; do
  : >"$work/tasks-$app.txt"
  for _ in 1 2 3 4 5; do
    (cd "$work/$app" && dotnet msbuild -t:ComputeRunArguments -nologo -clp:PerformanceSummary -tl:off 2>&1) |
      awk '/Task Performance Summary/ {on=1} on && / (ValidateClawkerCredentials|EnsureClawkerGlobalsVolume|BundleClawkerImage) / {print $3, $1}' >>"$work/tasks-$app.txt"
  done
  line=$(cut -d' ' -f1 "$work/tasks-$app.txt" | sort -u | while read -r t; do printf '%s %s ms; ' "$t" "$(awk -v t="$t" '$1 == t {print $2}' "$work/tasks-$app.txt" | median)"; done)
  echo "  $app: ${line:-no Clawker task ran}"
done
