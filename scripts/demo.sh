#!/usr/bin/env bash
# The demo (run as root on Debian 12): installs what is missing, builds berth, prints a compose project's
# normalised model, then runs real containers on berth's own engine. It uses an engine instance of its
# own (root /var/lib/berth-demo, socket /run/berth-demo/berth.sock) and removes everything it made.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-host-deps.sh --runtime-only
[ -d node_modules ] || npm install --no-audit --no-fund
npm run --silent build

export BERTH_ENGINE_ROOT=/var/lib/berth-demo BERTH_ENGINE_RUN_DIR=/run/berth-demo
export BERTH_HOST=unix:///run/berth-demo/berth.sock BERTH_ENGINE_INSTANCE=demo
berth() { bin/berth "$@"; }
step() { printf '\n\033[1m$ berth %s\033[0m\n' "$*"; berth "$@"; }
work=$(mktemp -d)
cleanup() {
  berth container rm -f demo-web demo-site >/dev/null 2>&1 || true
  berth network rm demo-net >/dev/null 2>&1 || true
  berth volume rm demo-data >/dev/null 2>&1 || true
  berth engine stop >/dev/null 2>&1 || true
  # the default bridge (kept like docker0), the nft table and anything a crash left
  berth engine reset >/dev/null 2>&1 || true
  rm -rf "$work" /var/lib/berth-demo /run/berth-demo
}
trap cleanup EXIT

echo "== the compose loader"
step --project-directory examples/web-api-db config --services
step --project-directory examples/web-api-db config --format json --hash '*'

echo; echo "== the engine (started on demand), with a busybox image made from the host's busybox-static"
bash scripts/make-busybox-image.sh "$work/busybox.tar" busybox:latest >/dev/null
step image load -i "$work/busybox.tar"
step image ls
step container run --rm busybox echo "hello from a runc container"
step container run -d --name demo-web --health-cmd 'test -e /tmp/ready' --health-interval 1s \
  busybox sh -c 'touch /tmp/ready; i=0; while true; do i=$((i+1)); echo "tick $i"; sleep 1; done'
sleep 3
step container ps
step container logs --tail 2 demo-web
step container exec demo-web sh -c 'echo "in $(hostname) as $(id -un)"'
step container inspect -f '{{.State.Status}} {{.State.Health.Status}}' demo-web
step container stop -t 1 demo-web
step container ps -a --format '{{.Names}}: {{.Status}}'

echo; echo "== networks: a bridge with DNS by name, a published port (nftables DNAT), a named volume"
step network create demo-net
step volume create demo-data
step container run -d --name demo-site --network demo-net --network-alias site -p 127.0.0.1::8080 \
  -v demo-data:/www busybox sh -c 'echo "hello over the bridge" > /www/index.html; exec httpd -f -p 8080 -h /www'
step container run --rm --network demo-net busybox wget -qO- http://site:8080/
step container port demo-site 8080
address=$(berth container port demo-site 8080 | head -n1)
printf '\n\033[1m$ wget -qO- http://%s/   (from the host)\033[0m\n' "$address"
busybox wget -qO- "http://$address/"
step network ls
step volume ls
step container rm -f demo-site
step network rm demo-net
step volume rm demo-data
step engine status
echo; echo "demo done; cleaning up"
