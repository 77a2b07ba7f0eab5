#!/bin/bash
# clawker status line for Claude Code: reads the session JSON Claude Code writes to stdin
# and prints one line: agent container, model, current folder. Falls back to plain text
# when jq is missing, and never fails (a failing status line would only show an error).
set -euo pipefail

input="$(cat || true)"
agent="${CLAWKER_AGENT:-${HOSTNAME:-agent}}"
model="claude"
folder="${PWD##*/}"

if command -v jq >/dev/null 2>&1 && [ -n "${input}" ]; then
  model="$(printf '%s' "${input}" | jq -r '.model.display_name // "claude"' 2>/dev/null || printf 'claude')"
  dir="$(printf '%s' "${input}" | jq -r '.workspace.current_dir // empty' 2>/dev/null || true)"
  [ -n "${dir}" ] && folder="${dir##*/}"
fi

printf '[clawker %s] %s | %s\n' "${agent}" "${model}" "${folder:-/}"
