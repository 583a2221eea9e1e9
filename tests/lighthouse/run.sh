#!/usr/bin/env bash
# Lighthouse 12, mobile preset, on the home page, an article and an indicator page of a built
# site, in Debian's Chromium (headless, fresh profile, no network services; nothing downloaded).
# Usage: tests/lighthouse/run.sh [SITE_DIR] [PATH...]   (default: target/demo-site and three pages)
# Prints the four scores per page and fails if any is under 95. Reports go to $OUT (default
# /tmp/lighthouse). Not part of CI (about 15 s a page).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
site="${1:-$here/../../target/demo-site}"
shift || true
pages=("$@")
if [ ${#pages[@]} -eq 0 ]; then
  pages=(/ /tin-tuc/phu-loc-ban-hanh-ke-hoach-giam-ngheo-ben-vung-giai-doan-2016-2020/ /chi-tieu/ty-le-ho-ngheo/)
fi
out="${OUT:-/tmp/lighthouse}"
mkdir -p "$out"
# --ignore-scripts: nothing may download a browser; Lighthouse drives Debian's Chromium.
[ -d "$here/node_modules/lighthouse" ] || npm ci --prefix "$here" --ignore-scripts --no-audit --no-fund --silent

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
node "$here/serve.mjs" "$site" "$port" &
server=$!
profile=$(mktemp -d)
trap 'kill $server; rm -rf "$profile"' EXIT
sleep 0.5

flags="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=$profile"
status=0
for page in "${pages[@]}"; do
  name=$(echo "$page" | tr '/' '_' | sed 's/^_*//; s/_*$//')
  CHROME_PATH=/usr/bin/chromium "$here/node_modules/.bin/lighthouse" "http://127.0.0.1:$port$page" \
    --quiet --chrome-flags="$flags" --only-categories=performance,accessibility,best-practices,seo \
    --output=json --output=html --output-path="$out/${name:-home}" >/dev/null
  node -e '
    const r = require(process.argv[1]);
    const s = Object.values(r.categories).map((c) => [c.title, Math.round(c.score * 100)]);
    console.log(process.argv[2] + ": " + s.map(([t, v]) => t + " " + v).join(", "));
    for (const [title, v] of s) if (v < 95) {
      console.log("  under 95: " + title);
      process.exitCode = 1;
    }
    for (const a of Object.values(r.audits)) if (a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "manual" && a.scoreDisplayMode !== "notApplicable")
      console.log("  " + a.id + " (" + Math.round(a.score * 100) + "): " + a.title + (a.displayValue ? " — " + a.displayValue : ""));
  ' "$out/${name:-home}.report.json" "$page" || status=1
done
exit $status
