#!/usr/bin/env bash
# Installs what the tests need: npm packages (from the lock file), then everything else (scripts/setup-test-env.sh,
# which `npm test` also runs first). Add test prerequisites to setup-test-env.sh, so a fresh `npm test` has them too.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
bash scripts/setup-test-env.sh
