#!/usr/bin/env bash
# Shared by docker-tls.sh and docker-ssh.sh: the first ensure of clawker-globals in a fresh
# process against `docker volume inspect clawker-globals` by the docker CLI, interleaved round by
# round against the engine the caller's DOCKER_* variables name. With CLAWKER_BENCH_BASELINE set
# to another build's Clawker.Benchmarks (for example main's), that build runs in every round too,
# so before and after are measured side by side on the same (possibly busy) machine.
# Wall and CPU (user + system, children included: the ssh client counts for both) per process.
# Sourced, not run.

# ms_since START_NS
ms_since() { awk -v a="$1" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1000000 }'; }

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# timed NAME CMD...: runs CMD (stdout kept in $timed_out), appends wall ms to NAME_wall and CPU ms to NAME_cpu.
timed() {
  local name="$1"; shift
  local start cpu_file; start=$(date +%s%N); cpu_file=$(mktemp)
  timed_out=$( { TIMEFORMAT='%U %S'; time "$@"; } 2>"$cpu_file" )
  local wall; wall=$(ms_since "$start")
  local cpu; cpu=$(tail -n 1 "$cpu_file" | awk '{ printf "%.0f", ($1 + $2) * 1000 }'); rm -f "$cpu_file"
  eval "${name}_wall+=(\"$wall\") ${name}_cpu+=(\"$cpu\")"
}

# publish_aot_app: with CLAWKER_BENCH_AOT=1, publishes benchmarks/Clawker.AotEnsure with Native AOT
# (a minute or two) and sets aot_app, so compare_first_ensure also times an app that calls the
# library with no JIT and no runtime start (first-ensure-aot.sh's app); otherwise does nothing.
publish_aot_app() {
  aot_app=""
  [ "${CLAWKER_BENCH_AOT:-0}" = 1 ] || return 0
  local dir=artifacts/bench-aot   # kept (git-ignored): a second run only relinks what changed
  dotnet publish benchmarks/Clawker.AotEnsure/Clawker.AotEnsure.csproj -c Release -r linux-x64 -p:PublishAot=true \
    --artifacts-path "$dir/build" -o "$dir/app" -nologo -v:q >/dev/null
  aot_app="$PWD/$dir/app/Clawker.AotEnsure"
}

# compare_first_ensure ROUNDS BENCH: prints medians of ROUNDS interleaved rounds; sets fe_inproc (this build's in-process median).
compare_first_ensure() {
  local rounds="$1" bench="$2" baseline="${CLAWKER_BENCH_BASELINE:-}"
  new_wall=() new_cpu=() base_wall=() base_cpu=() cli_wall=() cli_cpu=() aot_wall=() aot_cpu=()
  local new_in=() base_in=()
  "$bench" docker-timings first-ensure >/dev/null   # creates the volume: every timed round finds it
  for _ in $(seq 1 "$rounds"); do
    timed new "$bench" docker-timings first-ensure
    new_in+=("$(awk '{ print $2 }' <<<"$timed_out")")
    if [ -n "$baseline" ]; then
      timed base "$baseline" docker-timings first-ensure
      base_in+=("$(awk '{ print $2 }' <<<"$timed_out")")
    fi
    if [ -n "${aot_app:-}" ]; then
      timed aot "$aot_app"
      [ "$timed_out" = AlreadyExisted ] || { echo "the AOT app answered '$timed_out'" >&2; return 1; }
    fi
    timed cli docker volume inspect clawker-globals
  done
  fe_inproc=$(median "${new_in[@]}")
  echo "medians of $rounds interleaved rounds, each a fresh process (wall / CPU user+sys incl. children):"
  echo "  clawker first ensure:        $(median "${new_wall[@]}") ms wall, $(median "${new_cpu[@]}") ms CPU; in-process $fe_inproc ms"
  if [ -n "$baseline" ]; then
    echo "  baseline ($baseline): $(median "${base_wall[@]}") ms wall, $(median "${base_cpu[@]}") ms CPU; in-process $(median "${base_in[@]}") ms"
  fi
  echo "  docker volume inspect (CLI): $(median "${cli_wall[@]}") ms wall, $(median "${cli_cpu[@]}") ms CPU"
  if [ -n "${aot_app:-}" ]; then
    awk -v a="$(median "${aot_wall[@]}")" -v u="$(median "${aot_cpu[@]}")" -v c="$(median "${cli_wall[@]}")" \
      'BEGIN { printf "  Native AOT app, whole process: %.1f ms wall, %s ms CPU; ratio CLI / AOT app %.2f\n", a, u, c / a }'
  fi
  awk -v n="$(median "${new_wall[@]}")" -v i="$fe_inproc" -v c="$(median "${cli_wall[@]}")" \
    'BEGIN { printf "  ratio CLI / clawker: whole process %.2f, in-process %.2f (>= 1.00: clawker no slower)\n", c / n, c / i }'
}
