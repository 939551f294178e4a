#!/usr/bin/env bash
# Debian's real Prometheus (2.42, bookworm) for the Cluster Metrics history tests: the tests start it themselves on a
# loopback port with a generated config, so the packaged service is neither needed nor started here.
# Idempotent: seconds when it is already installed.
set -euo pipefail
if command -v prometheus >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
export DEBIAN_FRONTEND=noninteractive
# policy-rc.d 101: the package's maintainer scripts must not start the system service (no init here, and the tests
# run their own instance).
POLICY=/usr/sbin/policy-rc.d
CREATED=
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null
  $SUDO chmod +x "$POLICY"
  CREATED=1
fi
trap '[ -n "$CREATED" ] && $SUDO rm -f "$POLICY"' EXIT
$SUDO apt-get install -y --no-install-recommends prometheus >/dev/null || {
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y --no-install-recommends prometheus >/dev/null
}
prometheus --version | head -1
