#!/usr/bin/env bash
# Makes sure the Debian packages a build needs at run time are on the machine, so that a fresh clone's
# `dotnet run` and `dotnet test` need no set-up of their own. Called by the builds of the projects that need them:
#
#   ensure-debian-packages.sh opencv     libgtk-3-0: OpenCV's official Linux runtime
#                                        (OpenCvSharp4.official.runtime.linux-x64) links libgtk-3.so.0 and libgdk-3.so.0
#   ensure-debian-packages.sh chromium   chromium and chromium-driver: the web app's browser test
#
# When something is missing it installs the packages with apt-get if it runs as root, and otherwise stops with the
# command to run. ZSN2N_SKIP_PACKAGE_CHECK=1 skips the check.
set -u
[ "${ZSN2N_SKIP_PACKAGE_CHECK:-0}" = 1 ] && exit 0

has_library() { /sbin/ldconfig -p 2>/dev/null | grep -q "$1"; }

case "${1:-}" in
    opencv)
        packages="libgtk-3-0"
        present() { has_library libgtk-3.so.0 && has_library libgdk-3.so.0; } ;;
    chromium)
        packages="chromium chromium-driver"
        present() { [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; } ;;
    *)
        echo "usage: ensure-debian-packages.sh opencv|chromium" >&2
        exit 2 ;;
esac

present && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "ZsN2N: installing $packages with apt-get (needed by $1)..."
    export DEBIAN_FRONTEND=noninteractive
    # Wait for another apt-get (a parallel build's) rather than fail on its lock; a fresh machine may have no package
    # lists yet: update once and retry.
    apt="apt-get -o DPkg::Lock::Timeout=600"
    { $apt install -y --no-install-recommends $packages >/dev/null 2>&1 ||
      { $apt update >/dev/null 2>&1 && $apt install -y --no-install-recommends $packages >/dev/null 2>&1; }; } &&
        present && { echo "ZsN2N: $packages installed."; exit 0; }
fi

echo "error ZSN2N001: $1 needs the Debian packages '$packages', which this machine lacks. Install them (sudo apt-get install $packages) and build again, or set ZSN2N_SKIP_PACKAGE_CHECK=1 to build anyway." >&2
exit 1
