#!/usr/bin/env bash
# Runs the container image tar the way a container runtime would, without one, and checks that the
# gateway in it answers: SMTP greeting 220 and /actuator/health UP.
#   scripts/check-container-image.sh [app/target/poststelle-image.tar]
# Unpacks the layers into a root directory and starts the image's entrypoint, environment, working
# directory and user (from its config) with chroot in new mount and PID namespaces (unshare), on
# the host's network with free loopback ports. Needs root and jq.
set -euo pipefail
cd "$(dirname "$0")/.."
image=$(realpath "${1:-app/target/poststelle-image.tar}")
command -v jq >/dev/null || { echo "check-container-image: jq is missing (apt-get install jq)" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "check-container-image: needs root (chroot, unshare)" >&2; exit 1; }

work=$(mktemp -d)
runner=
# unshare blocks SIGTERM while it waits, so the gateway (its child) is stopped directly.
stop_gateway() {
  local child
  child=$(cat "/proc/$runner/task/$runner/children" 2>/dev/null || true)
  [ -n "$child" ] && kill -TERM $child
  wait "$runner"
}
cleanup() {
  if [ -n "$runner" ] && kill -0 "$runner" 2>/dev/null; then
    stop_gateway || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

tar -C "$work" -xf "$image"
root=$work/rootfs
mkdir "$root"
config=$work/$(jq -r '.[0].Config' "$work/manifest.json")
for layer in $(jq -r '.[0].Layers[]' "$work/manifest.json"); do
  tar -C "$root" --warning=no-unknown-keyword -xf "$work/$layer"   # our layers delete nothing, so no whiteout files to apply
done

mapfile -t entrypoint < <(jq -r '.config.Entrypoint[]' "$config")
mapfile -t environment < <(jq -r '.config.Env[]' "$config")
workdir=$(jq -r '.config.WorkingDir // "/"' "$config")
user=$(jq -r '.config.User // "0:0"' "$config")
echo "check-container-image: entrypoint ${entrypoint[*]}, user $user, working directory $workdir" >&2

free_port() { # a random port on which nothing answers on loopback
  local port
  while :; do
    port=$(shuf -i 20000-60999 -n 1)
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
smtp_port=$(free_port)
http_port=$(free_port)

# --kill-child: stopping unshare sends SIGTERM to the gateway, which then shuts down gracefully.
# The root directory is made a mount point, as a container runtime does: the JVM looks up the
# file system of a path in /proc/self/mounts, which lists only mounts inside the chroot.
unshare --mount --pid --fork --kill-child=SIGTERM --mount-proc="$root/proc" \
  sh -c 'mount --rbind "$1" "$1" && mount --rbind /dev "$1/dev" && shift && exec "$@"' sh "$root" \
  chroot --userspec="$user" "$root" /usr/bin/env -i "${environment[@]}" \
  sh -c 'cd "$0" && exec "$@"' "$workdir" "${entrypoint[@]}" \
  --server.port="$http_port" --poststelle.smtp.port="$smtp_port" >"$work/gateway.log" 2>&1 &
runner=$!

health=
for _ in $(seq 1 180); do
  health=$(curl -fsS "http://127.0.0.1:$http_port/actuator/health" 2>/dev/null || true)
  [ -n "$health" ] && break
  kill -0 "$runner" 2>/dev/null || break
  sleep 1
done
if ! grep -q '"status":"UP"' <<<"$health"; then
  echo "check-container-image: FAILED, no healthy gateway (health: ${health:-none}). Its output:" >&2
  tail -n 40 "$work/gateway.log" >&2
  exit 1
fi
exec 3<>"/dev/tcp/127.0.0.1/$smtp_port"
read -r -t 30 greeting <&3
printf 'QUIT\r\n' >&3
exec 3<&-
if [[ "$greeting" != 220* ]]; then
  echo "check-container-image: FAILED, SMTP greeting was: $greeting" >&2
  exit 1
fi
echo "check-container-image: health $health; SMTP: ${greeting%$'\r'}" >&2
status=0
stop_gateway || status=$?
runner=
# 143: the JVM's status after SIGTERM, once its graceful shutdown is done.
if [ "$status" != 0 ] && [ "$status" != 143 ]; then
  echo "check-container-image: FAILED, the gateway ended with status $status on SIGTERM" >&2
  tail -n 40 "$work/gateway.log" >&2
  exit 1
fi
echo "check-container-image: OK (stopped with status $status)" >&2
