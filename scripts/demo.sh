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
  berth container rm -f demo-web >/dev/null 2>&1 || true
  berth engine stop >/dev/null 2>&1 || true
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
step engine status
echo; echo "demo done; cleaning up"
