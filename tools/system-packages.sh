#!/bin/sh
# Install the Debian packages that provide what is missing, when apt works.
#   tools/system-packages.sh command chromium:chromium msgfmt:gettext ...
#   tools/system-packages.sh library libpango-1.0.so.0:libpango-1.0-0 ...
# Each argument is what:package. A command is looked up on PATH, a library with ldconfig. If a
# package cannot be installed, this says so and succeeds: whatever needs it then fails naming
# the package (tests never skip).
kind=$1; shift
missing=""
for pair in "$@"; do
  what=${pair%%:*}; package=${pair#*:}
  if [ "$kind" = library ]; then
    /sbin/ldconfig -p 2>/dev/null | grep -q "$what" || missing="$missing $package"
  else
    command -v "$what" >/dev/null 2>&1 || missing="$missing $package"
  fi
done
missing=$(printf '%s\n' $missing | sort -u | tr '\n' ' ' | sed 's/ *$//')
[ -z "$missing" ] && exit 0
echo "Installing Debian packages: $missing"
if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
if ! ($SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null); then
  echo "WARNING: could not install $missing (apt-get install $missing); what needs them will fail."
fi
exit 0
