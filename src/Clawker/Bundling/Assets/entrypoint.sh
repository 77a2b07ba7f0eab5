#!/bin/bash
# clawker agent entrypoint: prepares Claude Code's config folder, links the credentials to the
# shared clawker-globals volume without ever losing a login, marks the container ready, then
# runs the command (Claude Code by default). Every line it prints starts with "[clawker]"; all
# go to stderr except the ready line, which goes to stdout where clawker waits for it (the
# contract, and the clawker source it follows, are in docs/image-bundle.md).
#
# Paths are HOME-relative; three can be moved (all must be absolute):
#   CLAUDE_CONFIG_DIR    Claude Code's config folder (default $HOME/.claude), as Claude Code reads it
#   CLAWKER_GLOBALS_DIR  the globals volume          (default $HOME/.clawker-globals)
#   CLAWKER_READY_DIR    where the ready marker goes (default /var/run/clawker)
set -Eeuo pipefail

# One line each, whatever the paths hold: a newline (or CR) in HOME is shown escaped.
line_of() {
  local line="$*"
  line="${line//$'\n'/\\n}"
  printf '[clawker] %s\n' "${line//$'\r'/\\r}"
}
log() { line_of "$@" >&2; }
warn() { log "warning component=$1 msg=$2"; }
fatal() {
  log "error component=$1 msg=$2"
  exit 1
}
# Anything that fails unexpectedly still ends in exactly one error line.
trap 'fatal entrypoint "unexpected failure at line ${LINENO}: ${BASH_COMMAND}"' ERR

if [ -z "${HOME:-}" ] || [ "${HOME}" = "/" ]; then
  fatal entrypoint "HOME is not set to the agent's home directory"
fi
# A relative path would be resolved from wherever the entrypoint runs, but the link written into
# ~/.claude from ~/.claude (it would dangle); one starting with '-' is an option to every tool.
for var in HOME CLAUDE_CONFIG_DIR CLAWKER_GLOBALS_DIR CLAWKER_READY_DIR; do
  case "${!var:-/}" in
    /*) ;;
    *) fatal entrypoint "${var} (${!var}) is not an absolute path; set it to one" ;;
  esac
done

# Empty is unset, as for the other paths: Claude Code then uses ~/.claude too.
claude_dir="${CLAUDE_CONFIG_DIR:-${HOME}/.claude}"
init_dir="${HOME}/.claude-init"
globals_dir="${CLAWKER_GLOBALS_DIR:-${HOME}/.clawker-globals}"
local_cred="${claude_dir}/.credentials.json"
global_cred="${globals_dir}/.credentials.json"

# --- ready marker: a stale one from an earlier start must not signal readiness -------------
ready_dir="${CLAWKER_READY_DIR:-/var/run/clawker}"
if ! { mkdir -p "${ready_dir}" && rm -f "${ready_dir}/ready" && [ -w "${ready_dir}" ]; } 2>/dev/null; then
  ready_dir="${HOME}/.clawker"
  mkdir -p "${ready_dir}" 2>/dev/null || fatal ready "cannot create ${ready_dir}"
  rm -f "${ready_dir}/ready" 2>/dev/null || fatal ready "cannot remove a stale ${ready_dir}/ready"
fi

# --- 1. config defaults from the image ----------------------------------------------------
mkdir -p "${claude_dir}" 2>/dev/null || fatal config "cannot create ${claude_dir}"
# The config folder being the volume itself would turn the shared login into a link to itself.
if [ "${claude_dir}" -ef "${globals_dir}" ]; then
  fatal config "the Claude Code config folder ${claude_dir} is the globals volume ${globals_dir}; set CLAUDE_CONFIG_DIR to another folder (clawker uses ~/.claude)"
fi
settings_state="kept"

merge_settings() {
  local defaults="$1" user="$2" merged
  if [ -L "${user}" ]; then
    settings_state="kept (link)"
    return 0
  fi
  # A FIFO would block jq forever; a directory or device is not settings either.
  if [ ! -f "${user}" ]; then
    warn config "${user} is not a regular file; kept it unchanged"
    return 0
  fi
  if ! command -v jq >/dev/null 2>&1; then
    settings_state="kept (no jq)"
    return 0
  fi
  # Not $$: every agent is PID 1 in its container, and homes can be shared.
  if ! merged="$(mktemp "${user}.clawker-merge.XXXXXX" 2>/dev/null)"; then
    warn config "cannot create a temporary file beside ${user}; kept it unchanged"
    return 0
  fi
  # The user's mode onto the temporary file (mktemp makes it 0600); busybox has no chmod --reference.
  cp -p "${user}" "${merged}" 2>/dev/null || true
  # Image defaults first, the user's values win (objects merge deeply, arrays are replaced).
  if ! { jq -s '.[0] * .[1]' "${defaults}" "${user}" >"${merged}"; } 2>/dev/null; then
    rm -f "${merged}" 2>/dev/null || true
    warn config "could not merge ${user} with the image defaults (not valid JSON?); kept it unchanged"
    return 0
  fi
  # Only replace when something changed, so a restart rewrites nothing.
  if cmp -s "${merged}" "${user}" 2>/dev/null; then
    rm -f "${merged}" 2>/dev/null || true
  else
    if ! mv -f "${merged}" "${user}" 2>/dev/null; then
      rm -f "${merged}" 2>/dev/null || true
      fatal config "cannot replace ${user} with its merge with the image defaults"
    fi
    settings_state="merged"
  fi
}

if [ -d "${init_dir}" ]; then
  shopt -s nullglob dotglob
  for src in "${init_dir}"/*; do
    name="${src##*/}"
    dest="${claude_dir}/${name}"
    if [ ! -e "${dest}" ] && [ ! -L "${dest}" ]; then
      cp -R "${src}" "${dest}" 2>/dev/null || fatal config "cannot copy ${src} to ${dest}"
      [ "${name}" = "settings.json" ] && settings_state="default"
    elif [ "${name}" = "settings.json" ] && [ -f "${src}" ]; then
      merge_settings "${src}" "${dest}"
    fi
  done
  shopt -u nullglob dotglob
fi

# --- 2 and 3. credentials on the globals volume, never losing a login ---------------------

# What is at a path, found without opening anything but a regular file (a FIFO blocks a read,
# a device never ends): "none", "login" (a regular file with content, links followed),
# "blank" (a regular file that is empty or whitespace only: not a login, as CLAWKER1002 says),
# else a phrase naming the kind, for messages.
kind_of() {
  local path="$1" head=""
  if [ -f "${path}" ] && [ ! -r "${path}" ]; then printf 'a file this user cannot read'
  elif [ -f "${path}" ]; then
    IFS= read -r -d '' -n 65536 head 2>/dev/null <"${path}" || true
    if [[ "${head}" =~ [^[:space:]] ]]; then printf 'login'; else printf 'blank'; fi
  elif [ -d "${path}" ]; then printf 'a directory'
  elif [ -p "${path}" ]; then printf 'a FIFO'
  elif [ -S "${path}" ]; then printf 'a socket'
  elif [ -b "${path}" ] || [ -c "${path}" ]; then printf 'a device'
  elif [ -L "${path}" ]; then printf 'a dangling link or a link loop'
  elif [ -e "${path}" ]; then printf 'not a regular file'
  else printf 'none'
  fi
}

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
    rm -f "${tmp}" 2>/dev/null || true
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

# Keeps the local file beside it, before the link replaces it, under a name no other start
# can take: a timestamp is not unique (restarts within one second, every agent PID 1), so a
# hard link tries the stamp, then -1, -2, ... (link(2) never replaces a name), and a copy
# goes to a name mktemp creates exclusively. An existing backup is never overwritten.
backup_local() {
  local base backup="" n=0
  base="${local_cred}.backup-$(date -u +%Y%m%dT%H%M%SZ 2>/dev/null || true)"
  # A symlink is copied, so the backup holds the login itself, not another pointer.
  if [ ! -L "${local_cred}" ]; then
    backup="${base}"
    until ln "${local_cred}" "${backup}" 2>/dev/null; do
      if { [ ! -e "${backup}" ] && [ ! -L "${backup}" ]; } || [ "${n}" -ge 1000 ]; then
        backup="" # not a name clash (no hard links here?): copy instead
        break
      fi
      n=$((n + 1))
      backup="${base}-${n}"
    done
  fi
  if [ -z "${backup}" ]; then
    backup="$(umask 077 && mktemp "${base}.XXXXXXXXXX" 2>/dev/null)" \
      || fatal credentials "cannot create a backup of ${local_cred} in ${claude_dir}; left it in place"
    if ! cp "${local_cred}" "${backup}" 2>/dev/null; then
      rm -f "${backup}" 2>/dev/null || true
      fatal credentials "cannot back up ${local_cred} to ${backup}; left it in place"
    fi
  fi
  chmod 0600 "${backup}" 2>/dev/null || true
  warn credentials "${local_cred} differed from ${global_cred}; kept it as ${backup}"
}

# Replaces the local path with a symlink to the global file in one rename.
link_local() {
  if [ -L "${local_cred}" ] && [ "$(readlink "${local_cred}" 2>/dev/null || true)" = "${global_cred}" ]; then
    return 0
  fi
  if [ -d "${local_cred}" ] && [ ! -L "${local_cred}" ]; then
    fatal credentials "${local_cred} is a directory; remove it so it can link to ${global_cred}"
  fi
  local tmp_link
  tmp_link="$(mktemp -u "${local_cred}.clawker-link.XXXXXX" 2>/dev/null)" \
    || fatal credentials "cannot choose a temporary name in ${claude_dir}"
  ln -s "${global_cred}" "${tmp_link}" 2>/dev/null \
    || fatal credentials "cannot create a link in ${claude_dir}"
  # busybox mv -T still refuses a destination that is a link to a folder: remove that link
  # first (only the link; its target is untouched, and it holds no login).
  if [ -L "${local_cred}" ] && [ -d "${local_cred}" ]; then
    rm -f "${local_cred}" 2>/dev/null || true
  fi
  if ! mv -f -T "${tmp_link}" "${local_cred}" 2>/dev/null; then
    rm -f "${tmp_link}" 2>/dev/null || true
    fatal credentials "cannot replace ${local_cred} with a link to ${global_cred}"
  fi
}

credentials_state="no globals volume"
if [ -e "${globals_dir}" ] || [ -L "${globals_dir}" ]; then
  # Something other than a folder where the volume belongs: a mount gone wrong, not "no volume".
  if [ ! -d "${globals_dir}" ]; then
    globals_kind="$(kind_of "${globals_dir}")"
    case "${globals_kind}" in login | blank) globals_kind="a regular file" ;; esac
    fatal credentials "${globals_dir} is ${globals_kind}, not a folder; mount the clawker-globals volume there (or set CLAWKER_GLOBALS_DIR to where it is mounted)"
  fi
  chmod 0700 "${globals_dir}" 2>/dev/null \
    || warn credentials "cannot restrict ${globals_dir} to 0700; check its owner"

  local_kind="$(kind_of "${local_cred}")"
  local_target=""
  if [ -L "${local_cred}" ]; then
    local_target="$(readlink "${local_cred}" 2>/dev/null || true)"
    # Already a link to the global path (by any path): ours, whatever is there now.
    if [ "${local_target}" = "${global_cred}" ] || [ "${local_cred}" -ef "${global_cred}" ]; then
      local_kind="linked"
    fi
  fi
  case "${local_kind}" in
    none | login | blank | linked) ;;
    *)
      # Not Clawker's and not a login: never replaced. A link is (its target is untouched).
      [ -L "${local_cred}" ] \
        || fatal credentials "${local_cred} is ${local_kind}, not a login file; move it away so it can link to ${global_cred}"
      ;;
  esac

  if [ "${local_kind}" = login ] && [ "$(kind_of "${global_cred}")" = none ]; then
    if publish_global; then
      credentials_state="migrated"
    else
      credentials_state="local (volume not writable)"
      warn credentials "cannot copy ${local_cred} to ${globals_dir} (read-only or full?); kept the local file"
    fi
  fi

  # Looked at again after a migration: a concurrent agent may have published first.
  global_kind="$(kind_of "${global_cred}")"
  # A link on the volume to a file elsewhere: linking to it, and the chmod below, would reach
  # outside the volume. The shared login is a plain file on the volume or nothing.
  if [ -L "${global_cred}" ]; then
    case "${global_kind}" in login | blank) global_kind="a link to a file elsewhere" ;; esac
  fi
  link=true
  case "${global_kind}" in
    none | login | blank) ;;
    *)
      link=false
      credentials_state="local (global credentials path is not a file)"
      warn credentials "${global_cred} is ${global_kind}, not a login file; left ${local_cred} as it was, not linked; remove it from the volume so agents can share a login"
      ;;
  esac
  if ${link} && [ "${credentials_state}" = "local (volume not writable)" ]; then
    link=false
  elif ${link} && [ "${local_kind}" = login ] && [ "${global_kind}" != login ]; then
    # An empty global file (left by an older entrypoint, say) must not log this agent out.
    link=false
    credentials_state="local (global file is blank)"
    warn credentials "${global_cred} is empty or blank (not a login); kept ${local_cred}, not linked; delete the blank file so this login is shared"
  fi

  if ${link}; then
    if [ -f "${local_cred}" ] && [ "${local_kind}" != linked ] && [ -s "${local_cred}" ] \
      && ! { [ -f "${global_cred}" ] && cmp -s "${local_cred}" "${global_cred}" 2>/dev/null; }; then
      backup_local
      credentials_state="linked (local login kept as backup)"
    elif [ "${local_kind}" = blank ] && [ ! -L "${local_cred}" ]; then
      credentials_state="linked (empty local file replaced)"
    elif [ "${local_kind}" != linked ] && [ -L "${local_cred}" ] && [ ! -f "${local_cred}" ]; then
      [ -e "${local_cred}" ] || local_kind="missing (or a link loop)"
      warn credentials "${local_cred} was a link to ${local_target}, which is ${local_kind}, not a login; replaced it with a link to ${global_cred}"
    fi
    link_local
    [ "${credentials_state}" != "no globals volume" ] || credentials_state="linked"
    if [ -f "${global_cred}" ]; then
      chmod 0600 "${global_cred}" 2>/dev/null \
        || warn credentials "cannot restrict ${global_cred} to 0600"
    fi
    [ "${global_kind}" = login ] || [ "${credentials_state}" = migrated ] || credentials_state="linked (no login yet)"
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

# --- 5. ready: clawker's contract (docs/image-bundle.md) ----------------------------------
# The marker holds "ts=<unix seconds> pid=<pid>": $$ is this shell, which exec turns into the
# command. Written whole under a temporary name, then renamed: a probe never reads it half done.
# bash's own clock (printf %(...)T), so no date tool is needed.
printf -v ready_ts '%(%s)T' -1
write_marker() {
  local tmp
  tmp="$(mktemp "${ready_dir}/.ready.XXXXXX" 2>/dev/null)" || return 1
  # 0644 as clawker's own marker (mktemp makes 0600): probes may run as another user.
  if printf 'ts=%s pid=%s\n' "${ready_ts}" "$$" >"${tmp}" 2>/dev/null && chmod 0644 "${tmp}" 2>/dev/null && mv -f "${tmp}" "${ready_dir}/ready" 2>/dev/null; then
    return 0
  fi
  rm -f "${tmp}" 2>/dev/null || true
  return 1
}
write_marker || warn ready "cannot write ${ready_dir}/ready"

# On stdout, the stream clawker's loop reads (ParseStream waits for this prefix there); a
# closed stdout must not stop the agent.
line_of "ready credentials=\"${credentials_state}\" settings=\"${settings_state}\" marker=${ready_dir}/ready command=${1} ts=${ready_ts} agent=${CLAWKER_AGENT:-default}" 2>/dev/null || true
trap - ERR
exec "$@"
