#!/bin/bash
# clawker agent entrypoint: prepares ~/.claude, links the credentials to the shared
# clawker-globals volume without ever losing a login, marks the container ready, then runs
# the command (Claude Code by default). Every line it prints starts with "[clawker]" and goes
# to stderr, so the command's own stdout stays clean.
#
# Paths are HOME-relative; two can be moved for tests and unusual images:
#   CLAWKER_GLOBALS_DIR  the globals volume       (default $HOME/.clawker-globals)
#   CLAWKER_READY_DIR    where the ready marker goes (default /var/run/clawker)
set -Eeuo pipefail

log() { printf '[clawker] %s\n' "$*" >&2; }
warn() { printf '[clawker] warning component=%s msg=%s\n' "$1" "$2" >&2; }
fatal() {
  printf '[clawker] error component=%s msg=%s\n' "$1" "$2" >&2
  exit 1
}
# Anything that fails unexpectedly still ends in exactly one error line.
trap 'fatal entrypoint "unexpected failure at line ${LINENO}: ${BASH_COMMAND}"' ERR

if [ -z "${HOME:-}" ] || [ "${HOME}" = "/" ]; then
  fatal entrypoint "HOME is not set to the agent's home directory"
fi

claude_dir="${HOME}/.claude"
init_dir="${HOME}/.claude-init"
globals_dir="${CLAWKER_GLOBALS_DIR:-${HOME}/.clawker-globals}"
local_cred="${claude_dir}/.credentials.json"
global_cred="${globals_dir}/.credentials.json"

# --- ready marker: a stale one from an earlier start must not signal readiness -------------
ready_dir="${CLAWKER_READY_DIR:-/var/run/clawker}"
if ! { mkdir -p "${ready_dir}" && rm -f "${ready_dir}/ready" && [ -w "${ready_dir}" ]; } 2>/dev/null; then
  ready_dir="${HOME}/.clawker"
  mkdir -p "${ready_dir}" 2>/dev/null || fatal ready "cannot create ${ready_dir}"
  rm -f "${ready_dir}/ready"
fi

# --- 1. config defaults from the image ----------------------------------------------------
mkdir -p "${claude_dir}" 2>/dev/null || fatal config "cannot create ${claude_dir}"
settings_state="kept"

merge_settings() {
  local defaults="$1" user="$2" merged
  if [ -L "${user}" ]; then
    settings_state="kept (link)"
    return 0
  fi
  if ! command -v jq >/dev/null 2>&1; then
    settings_state="kept (no jq)"
    return 0
  fi
  merged="${user}.clawker-merge.$$"
  # Image defaults first, the user's values win (objects merge deeply, arrays are replaced).
  if ! jq -s '.[0] * .[1]' "${defaults}" "${user}" >"${merged}" 2>/dev/null; then
    rm -f "${merged}"
    warn config "could not merge ${user} with the image defaults (not valid JSON?); kept it unchanged"
    return 0
  fi
  # Only replace when something changed, so a restart rewrites nothing.
  if cmp -s "${merged}" "${user}"; then
    rm -f "${merged}"
  else
    chmod --reference="${user}" "${merged}" 2>/dev/null || true
    mv -f "${merged}" "${user}"
    settings_state="merged"
  fi
}

if [ -d "${init_dir}" ]; then
  shopt -s nullglob dotglob
  for src in "${init_dir}"/*; do
    name="${src##*/}"
    dest="${claude_dir}/${name}"
    if [ ! -e "${dest}" ] && [ ! -L "${dest}" ]; then
      cp -R "${src}" "${dest}" || fatal config "cannot copy ${src} to ${dest}"
      [ "${name}" = "settings.json" ] && settings_state="default"
    elif [ "${name}" = "settings.json" ] && [ -f "${src}" ]; then
      merge_settings "${src}" "${dest}"
    fi
  done
  shopt -u nullglob dotglob
fi

# --- 2 and 3. credentials on the globals volume, never losing a login ---------------------

# Copies the local credentials to the volume under a temporary name, then publishes that
# complete file without clobbering: link(2) fails when the name exists, so of two agents
# racing on one volume exactly one publishes and the other sees a complete file.
# The temporary name comes from mktemp (created with O_EXCL): agents in separate containers
# are all PID 1, so a name made of $$ and $RANDOM could be shared, and a second cp into the
# already published inode would rewrite the global file under the first agent.
publish_global() {
  local tmp
  tmp="$(mktemp "${globals_dir}/.credentials.json.clawker-tmp.XXXXXXXXXX" 2>/dev/null)" || return 1
  if ! (umask 077 && cp "${local_cred}" "${tmp}") 2>/dev/null; then
    rm -f "${tmp}" 2>/dev/null || true
    return 1
  fi
  if ln "${tmp}" "${global_cred}" 2>/dev/null; then
    rm -f "${tmp}"
    return 0
  fi
  if [ ! -e "${global_cred}" ] && [ ! -L "${global_cred}" ]; then
    # No hard links on this file system: a no-clobber rename instead.
    mv -n "${tmp}" "${global_cred}" 2>/dev/null || true
  fi
  rm -f "${tmp}" 2>/dev/null || true
  # Published by us or by a concurrent agent: either way a complete file is there now.
  [ -f "${global_cred}" ]
}

# Keeps a local login that differs from the global one, beside it, before the link replaces it.
backup_local() {
  local backup
  backup="${local_cred}.backup-$(date -u +%Y%m%dT%H%M%SZ)"
  [ -e "${backup}" ] && backup="${backup}-$$"
  # A hard link keeps a regular file's bytes without copying; a symlink is copied instead, so
  # the backup holds the login itself, not another pointer.
  if { [ -L "${local_cred}" ] || ! ln "${local_cred}" "${backup}" 2>/dev/null; } \
    && ! cp -p "${local_cred}" "${backup}"; then
    fatal credentials "cannot back up ${local_cred} to ${backup}; left it in place"
  fi
  chmod 0600 "${backup}" 2>/dev/null || true
  warn credentials "${local_cred} differed from ${global_cred}; kept it as ${backup}"
}

# Replaces the local path with a symlink to the global file in one rename.
link_local() {
  if [ -L "${local_cred}" ] && [ "$(readlink "${local_cred}")" = "${global_cred}" ]; then
    return 0
  fi
  if [ -d "${local_cred}" ] && [ ! -L "${local_cred}" ]; then
    fatal credentials "${local_cred} is a directory; remove it so it can link to ${global_cred}"
  fi
  local tmp_link="${local_cred}.clawker-link.$$"
  rm -f "${tmp_link}"
  ln -s "${global_cred}" "${tmp_link}" 2>/dev/null \
    || fatal credentials "cannot create a link in ${claude_dir}"
  if ! mv -f -T "${tmp_link}" "${local_cred}" 2>/dev/null; then
    rm -f "${tmp_link}" 2>/dev/null || true
    fatal credentials "cannot replace ${local_cred} with a link to ${global_cred}"
  fi
}

credentials_state="no globals volume"
if [ -d "${globals_dir}" ]; then
  chmod 0700 "${globals_dir}" 2>/dev/null \
    || warn credentials "cannot restrict ${globals_dir} to 0700; check its owner"

  # A login kept in ~/.claude: a regular file, or a link to one somewhere other than the
  # volume (a link that already reaches the global file, by any path, is not).
  local_is_file=false
  if [ -f "${local_cred}" ] && ! [ "${local_cred}" -ef "${global_cred}" ]; then
    local_is_file=true
  fi

  link=true
  if ${local_is_file} && [ ! -e "${global_cred}" ]; then
    if publish_global; then
      credentials_state="migrated"
    else
      link=false
      credentials_state="local (volume not writable)"
      warn credentials "cannot copy ${local_cred} to ${globals_dir} (read-only or full?); kept the local file"
    fi
  fi

  if ${link}; then
    if ${local_is_file} && ! cmp -s "${local_cred}" "${global_cred}"; then
      backup_local
      credentials_state="linked (local login kept as backup)"
    fi
    link_local
    [ "${credentials_state}" != "no globals volume" ] || credentials_state="linked"
    if [ -f "${global_cred}" ]; then
      chmod 0600 "${global_cred}" 2>/dev/null \
        || warn credentials "cannot restrict ${global_cred} to 0600"
    else
      credentials_state="linked (no login yet)"
    fi
  fi
fi

# --- 4. the command: Claude Code unless the arguments name another command -----------------
if [ "$#" -eq 0 ]; then
  set -- claude
elif [ "${1#-}" != "$1" ] || ! command -v -- "$1" >/dev/null 2>&1; then
  set -- claude "$@"
fi
# Checked before the ready marker: an agent whose command cannot start is not ready.
command -v -- "$1" >/dev/null 2>&1 \
  || fatal command "${1} is not on PATH (${PATH}); install Claude Code in the image or pass the command to run"

# --- 5. ready ------------------------------------------------------------------------------
: >"${ready_dir}/ready" 2>/dev/null || warn ready "cannot write ${ready_dir}/ready"

log "ready credentials=\"${credentials_state}\" settings=\"${settings_state}\" marker=${ready_dir}/ready command=${1}"
trap - ERR
exec "$@"
