#!/usr/bin/env bash
# Fresh-machine proof: clone the committed main into a temporary folder, point npm at an empty cache, run the
# README's install command and `CI=true npm test`, then the suite again with turbo's cache off (TURBO_FORCE) while a
# busy loop occupies one core. Repeats RUNS times (default 5) and stops at the first failure.
#
#   scripts/stress-test.sh [RUNS]
# Needs what the README's Quickstart needs (Node.js, npm, Chromium); reaches only the npm registry and loopback.
set -euo pipefail
runs=${1:-5}
repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "stress-test: the browser test needs Chromium (apt-get install chromium, or set CHROMIUM_PATH)." >&2
  exit 2
fi

timed() { # label, command…: runs the command, appends "label: N s" to the summary
  local label=$1 start=$SECONDS
  shift
  if "$@" >"$log_dir/$label.log" 2>&1; then
    summary+=("run $run: $label: $((SECONDS - start)) s")
  else
    summary+=("run $run: $label: FAILED after $((SECONDS - start)) s (log: $log_dir/$label.log)")
    printf '%s\n' "${summary[@]}"
    tail -n 60 "$log_dir/$label.log" >&2
    exit 1
  fi
}

summary=()
busy=""
work=""
cleanup() {
  [ -n "$busy" ] && kill "$busy" 2>/dev/null || true
  if [ -n "$work" ]; then rm -rf "$work"; fi
}
trap cleanup EXIT

for run in $(seq 1 "$runs"); do
  work=$(mktemp -d "${TMPDIR:-/tmp}/livedesk-stress.XXXXXX")
  log_dir=$(mktemp -d "${TMPDIR:-/tmp}/livedesk-stress-logs.XXXXXX")
  git clone --quiet --branch main "$repo" "$work/repo"
  summary+=("run $run: commit $(git -C "$work/repo" rev-parse --short HEAD)")
  export npm_config_cache="$work/npm-cache"
  cd "$work/repo"
  timed "cold npm install" npm install --no-audit --no-fund
  timed "CI=true npm test" env CI=true npm test
  (while :; do :; done) &
  busy=$!
  timed "npm test, turbo cache off, one core busy" env CI=true TURBO_FORCE=true npm test
  kill "$busy"
  busy=""
  cd "$repo"
  rm -rf "$work" "$log_dir"
  work=""
done
printf '%s\n' "${summary[@]}"
echo "stress-test: $runs of $runs runs passed."
