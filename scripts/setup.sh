#!/usr/bin/env bash
# Installs what the tests need: npm packages (from the lock file). Other sections append their own steps here.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
bash scripts/setup-vscode.sh   # VS Code (code-server), Chromium and Neovim for the editor tests
