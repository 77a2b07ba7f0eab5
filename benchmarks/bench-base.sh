#!/usr/bin/env bash
# Shared by the image benchmarks: the offline base image, made from bash-static and busybox-static
# with `docker import` (nothing is pulled). Sourced, not run.

# ensure_bench_base IMAGE: imports IMAGE on the engine in DOCKER_HOST unless it is there.
ensure_bench_base() {
  local base="$1"
  docker image inspect "$base" >/dev/null 2>&1 && return 0
  local root; root=$(mktemp -d)
  mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/home"
  chmod 1777 "$root/tmp"
  cp /bin/bash-static "$root/bin/bash"
  cp /bin/busybox "$root/bin/busybox"
  for applet in sh ls cp mv ln chmod cat id mkdir rm stat readlink cmp date; do ln -s busybox "$root/bin/$applet"; done
  printf 'root:x:0:0:root:/root:/bin/sh\nclaude:x:1001:1001:claude:/home/claude:/bin/bash\n' >"$root/etc/passwd"
  printf 'root:x:0:\nclaude:x:1001:\n' >"$root/etc/group"
  tar -C "$root" -c . | docker import - "$base" >/dev/null
  rm -rf "$root"
}
