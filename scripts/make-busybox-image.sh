#!/usr/bin/env bash
# Makes a minimal busybox image from the host's static busybox (Debian: busybox-static), with no
# registry and no berth build needed.
#
#   scripts/make-busybox-image.sh [OUTPUT.tar] [NAME:TAG]   image archive (default busybox.tar, busybox:latest)
#   scripts/make-busybox-image.sh --rootfs OUTPUT.tar        only the rootfs tar (for `berth image import`)
#
# How (the simplest honest way, only bash + coreutils + GNU tar): the rootfs is laid out in a temp dir
# and packed by GNU tar with fixed owners, mtimes and order, so the same busybox gives the same layer
# digest every run. The image archive is then assembled by hand as BOTH a `docker save` archive
# (manifest.json, repositories) and an OCI image layout (oci-layout, index.json, blobs/sha256/…), the
# way Docker 25+ writes `docker save`; `berth image load`, `docker load` and skopeo all read it.
#
# Rootfs: /bin/busybox plus a symlink to it for every applet at the path `busybox --list-full` gives
# (/bin/sh, /usr/bin/env, /sbin/ip, …); /etc/passwd and /etc/group with root (0), nobody (65534) and
# app (1000); /tmp (1777), /root (0700), /home/app (owned by 1000:1000); empty /dev /proc /sys /var.
# Config: Env PATH=…, Cmd ["sh"]. Set BUSYBOX=/path/to/busybox to use another static binary and
# SOURCE_DATE_EPOCH to change the creation time (default 0, for reproducible ids).
set -euo pipefail
umask 022

mode=image
if [ "${1:-}" = "--rootfs" ]; then
  mode=rootfs
  shift
fi
output="${1:-busybox.tar}"
name="${2:-busybox:latest}"
busybox="${BUSYBOX:-/bin/busybox}"
epoch="${SOURCE_DATE_EPOCH:-0}"

die() { echo "make-busybox-image: $*" >&2; exit 1; }
[ -x "$busybox" ] || die "$busybox not found (install busybox-static: scripts/install-host-deps.sh)"
if ldd "$busybox" >/dev/null 2>&1; then die "$busybox is dynamically linked; a static busybox is needed"; fi

work="$(mktemp -d "${TMPDIR:-/tmp}/berth-busybox-XXXXXX")"
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,dev,proc,sys,var,tmp,root,home/app}
chmod 1777 "$root/tmp"
chmod 0700 "$root/root"
cp "$busybox" "$root/bin/busybox"
chmod 0755 "$root/bin/busybox"
# Spawn-light (this runs in many tests): one `ln` per applet and nothing else per applet.
mapfile -t applets < <("$busybox" --list-full)
for applet in "${applets[@]}"; do
  [ -n "$applet" ] && [ "$applet" != "bin/busybox" ] || continue
  case "$applet" in */*) [ -d "$root/${applet%/*}" ] || mkdir -p "$root/${applet%/*}" ;; esac
  ln -s /bin/busybox "$root/$applet"
done
cat > "$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
app:x:1000:1000:app:/home/app:/bin/sh
PASSWD
cat > "$root/etc/group" <<'GROUP'
root:x:0:
nobody:x:65534:
app:x:1000:
GROUP
chmod 0644 "$root/etc/passwd" "$root/etc/group"

layer="$work/layer.tar"
pack() { tar --format=gnu --sort=name --mtime="@$epoch" --numeric-owner -C "$root" "$@"; }
top=()
while IFS= read -r entry; do top+=("$entry"); done < <(cd "$root" && ls -A | grep -vx home)
pack --owner=0 --group=0 -cf "$layer" "${top[@]}"
pack --owner=0 --group=0 --no-recursion -rf "$layer" home
pack --owner=1000 --group=1000 -rf "$layer" home/app

if [ "$mode" = rootfs ]; then
  mv "$layer" "$output"
  exit 0
fi

case "$(uname -m)" in
  x86_64) arch=amd64 ;;
  aarch64 | arm64) arch=arm64 ;;
  armv7l | armv6l) arch=arm ;;
  i?86) arch=386 ;;
  *) arch="$(uname -m)" ;;
esac
repo="$name" tag=latest
case "${name##*/}" in *:*) repo="${name%:*}" tag="${name##*:}" ;; esac
full="$repo"
case "$repo" in */*) ;; *) full="library/$repo" ;; esac
case "${full%%/*}" in *.* | *:* | localhost) ;; *) full="docker.io/$full" ;; esac

created="$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ)"
blobs="$work/out/blobs/sha256"
mkdir -p "$blobs"
sha() { sha256sum "$1" | cut -d' ' -f1; }
size() { stat -c %s "$1"; }

layer_hex="$(sha "$layer")"
layer_size="$(size "$layer")"
mv "$layer" "$blobs/$layer_hex"
printf '{"created":"%s","architecture":"%s","os":"linux","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["sh"]},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]},"history":[{"created":"%s","created_by":"scripts/make-busybox-image.sh"}]}' \
  "$created" "$arch" "$layer_hex" "$created" > "$work/config.json"
config_hex="$(sha "$work/config.json")"
config_size="$(size "$work/config.json")"
mv "$work/config.json" "$blobs/$config_hex"
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:%s","size":%s}]}' \
  "$config_hex" "$config_size" "$layer_hex" "$layer_size" > "$work/manifest"
manifest_hex="$(sha "$work/manifest")"
manifest_size="$(size "$work/manifest")"
mv "$work/manifest" "$blobs/$manifest_hex"

out="$work/out"
printf '{"imageLayoutVersion":"1.0.0"}\n' > "$out/oci-layout"
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"io.containerd.image.name":"%s:%s","org.opencontainers.image.ref.name":"%s"}}]}\n' \
  "$manifest_hex" "$manifest_size" "$full" "$tag" "$tag" > "$out/index.json"
printf '[{"Config":"blobs/sha256/%s","RepoTags":["%s:%s"],"Layers":["blobs/sha256/%s"]}]\n' \
  "$config_hex" "$repo" "$tag" "$layer_hex" > "$out/manifest.json"
printf '{"%s":{"%s":"%s"}}\n' "$repo" "$tag" "$layer_hex" > "$out/repositories"
tar --format=gnu --sort=name --mtime="@$epoch" --numeric-owner --owner=0 --group=0 -C "$out" \
  -cf "$output.tmp" blobs index.json manifest.json oci-layout repositories
mv "$output.tmp" "$output"
echo "make-busybox-image: wrote $output ($repo:$tag, id sha256:$config_hex)" >&2
