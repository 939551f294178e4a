#!/usr/bin/env bash
# Installs what the editor tests need: a real VS Code (the one inside the npm package code-server, since these
# machines cannot download VS Code itself), Chromium to drive it, Neovim for the LSP-client test, and ripgrep.
# Idempotent: every step leaves a stamp in the cache folder, so a second run takes seconds.
#
#   KUBEWISE_CACHE   cache folder (default ~/.cache/kubewise); code-server lands in $KUBEWISE_CACHE/code-server-<v>
#   The tests find it through the same variable (test/support/vscode-env.ts).
set -euo pipefail
cd "$(dirname "$0")/.."

CODE_SERVER_VERSION=4.100.3
CACHE="${KUBEWISE_CACHE:-$HOME/.cache/kubewise}"
CS="$CACHE/code-server-$CODE_SERVER_VERSION"
mkdir -p "$CACHE"

log() { printf '[setup-vscode] %s\n' "$*"; }
stamp() { [ -f "$CS/.kubewise-$1" ]; }
mark() { touch "$CS/.kubewise-$1"; }

# 1. System packages. `command -v` first so that a machine that has them (or a second run) skips apt entirely.
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v nvim >/dev/null || need+=(neovim)
command -v rg >/dev/null || need+=(ripgrep)
command -v pkg-config >/dev/null || need+=(pkg-config)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
if [ ${#need[@]} -gt 0 ]; then
  log "apt-get install ${need[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" build-essential python3 >/dev/null
fi
command -v node-gyp >/dev/null || { log "npm install -g node-gyp"; npm install -g node-gyp --no-audit --no-fund >/dev/null; }

# 2. code-server (VS Code 1.100, the newest line that runs on Node 20) from the npm registry.
if ! stamp unpacked; then
  log "npm pack code-server@$CODE_SERVER_VERSION"
  rm -rf "$CS" "$CACHE/pack"
  mkdir -p "$CACHE/pack"
  (cd "$CACHE/pack" && npm pack "code-server@$CODE_SERVER_VERSION" --silent >/dev/null)
  mkdir -p "$CS"
  tar -xzf "$CACHE/pack/code-server-$CODE_SERVER_VERSION.tgz" -C "$CS" --strip-components=1
  rm -rf "$CACHE/pack"
  mark unpacked
fi

export npm_config_yes=true
install_deps() { # <dir> <stamp>
  if ! stamp "$2"; then
    log "npm install --omit=dev in ${1#"$CS"/}"
    (cd "$1" && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
    mark "$2"
  fi
}
install_deps "$CS" deps-root
install_deps "$CS/lib/vscode" deps-vscode
install_deps "$CS/lib/vscode/extensions" deps-extensions

# 3. Native parts: ripgrep from Debian (the npm one downloads a binary), then rebuild the native modules for Node 20.
RG="$CS/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
if [ ! -x "$RG" ]; then
  mkdir -p "$(dirname "$RG")"
  cp "$(command -v rg)" "$RG"
fi
if ! stamp rebuilt; then
  log "npm rebuild (native modules)"
  # Only argon2 at the root: a whole-package rebuild would run code-server's own postinstall, which re-installs
  # VS Code (and refuses to run as root without --unsafe-perm).
  (cd "$CS" && npm rebuild argon2 --loglevel=error >/dev/null)
  (cd "$CS/lib/vscode" && npm rebuild --loglevel=error >/dev/null)
  mark rebuilt
fi
[ -e "$CS/lib/vscode/node_modules.asar" ] || ln -s node_modules "$CS/lib/vscode/node_modules.asar"

log "ready: $CS (chromium: $(command -v chromium), nvim: $(command -v nvim))"
