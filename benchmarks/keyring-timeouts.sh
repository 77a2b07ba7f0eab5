#!/usr/bin/env bash
# The keyring's tight time figures, which the tests bound only generously (seconds of slack, so
# they pass on a loaded machine), each in a fresh process, no Secret Service needed:
#   - a backend stuck in native code: how far past a 300 ms timeout the call ends (target < 100 ms),
#   - a D-Bus socket that accepts and never answers: the same overshoot (target < 100 ms),
#   - no session bus: time to Unavailable (target < 50 ms).
#
#   benchmarks/keyring-timeouts.sh [runs]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

dotnet build benchmarks/Clawker.Benchmarks -c Release -v q -nologo >/dev/null
bench=benchmarks/Clawker.Benchmarks/bin/Release/net10.0/Clawker.Benchmarks
for mode in stuck silent-bus no-bus; do
  "$bench" keyring-timings "$mode" "${1:-10}"
done
