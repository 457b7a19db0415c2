#!/usr/bin/env bash
# The accessibility tests inject axe-core (Deque's WCAG rules) into the real pages. Pinned; installed
# from npm into .cache/node once.
set -euo pipefail
AXE_VERSION=4.14.1
DIR="$(dirname "$0")/../.cache/node"
if [ -f "$DIR/node_modules/axe-core/axe.min.js" ] && grep -q "\"version\": \"$AXE_VERSION\"" "$DIR/node_modules/axe-core/package.json"; then
  exit 0
fi
mkdir -p "$DIR"
npm install --prefix "$DIR" --no-save --no-audit --no-fund --silent "axe-core@$AXE_VERSION" >&2
