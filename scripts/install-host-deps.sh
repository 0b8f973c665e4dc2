#!/usr/bin/env bash
# Installs the host packages berth needs, only those missing. Idempotent; run as root on Debian/Ubuntu.
#   runtime:  runc conmon catatonit iproute2 nftables busybox-static attr (setfattr for overlay whiteouts) tar
#   tests:    docker-registry skopeo mmdebstrap (registry tests and offline base images), a docker client
# Usage: scripts/install-host-deps.sh [--runtime-only]
set -euo pipefail

packages=(runc conmon catatonit iproute2 nftables busybox-static attr tar)
if [ "${1:-}" != "--runtime-only" ]; then
  packages+=(docker-registry skopeo mmdebstrap)
fi

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$pkg")
  fi
done

# The Docker-compatibility tests drive berth's API with a real `docker` client. Node machines ship one in
# /usr/local/bin; elsewhere Debian's docker.io provides it (its daemon is never started by berth).
if [ "${1:-}" != "--runtime-only" ] && ! command -v docker >/dev/null 2>&1; then
  missing+=(docker.io)
fi

if [ "${#missing[@]}" -eq 0 ]; then
  echo "host dependencies: all present (${packages[*]})"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "host dependencies missing: ${missing[*]} — run this script as root" >&2
  exit 1
fi

echo "host dependencies: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# docker-registry starts a system service on install; berth's tests run their own on loopback.
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
if systemctl is-active --quiet docker-registry 2>/dev/null; then
  systemctl stop docker-registry || true
fi
echo "host dependencies: done"
