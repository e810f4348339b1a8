#!/usr/bin/env bash
# CI: installs Debian's Virtuoso (virtuoso-t, isql-vt) for tests/store-push.test.ts, when missing.
# Nothing is started or configured here: the tests start their own instance on free loopback ports.
set -euo pipefail

if command -v virtuoso-t >/dev/null 2>&1 && command -v isql-vt >/dev/null 2>&1; then
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive

# The package asks for a dba password for its default database; an empty answer keeps the default
# (and leaves that database's daemon disabled), which is what we want: the tests never use it.
debconf-set-selections <<'EOF'
virtuoso-opensource-7 virtuoso-opensource-7/dba-password password
virtuoso-opensource-7 virtuoso-opensource-7/dba-password-again password
EOF

# The postinst starts the default daemon (ports 1111 and 8890) to set that password; a policy-rc.d
# that refuses service starts keeps the install from doing so. Docker images usually ship one already.
added_policy=
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  added_policy=1
fi
cleanup() { if [ -n "$added_policy" ]; then rm -f /usr/sbin/policy-rc.d; fi; }
trap cleanup EXIT

apt-get update -qq
apt-get install -y -qq virtuoso-opensource >/dev/null

command -v virtuoso-t >/dev/null && command -v isql-vt >/dev/null
echo "virtuoso-setup: installed $(dpkg-query -W -f '${Version}' virtuoso-opensource-7-bin)"
