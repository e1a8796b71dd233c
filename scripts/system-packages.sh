#!/usr/bin/env bash
# Install the Debian packages the project needs, if they are missing:
# chromium (browser tests), gettext (compiling translations) and the DejaVu fonts the PDF
# progress report is typeset with (Typst reads only these: settings.REPORT_FONT_DIRS).
set -euo pipefail
needed=()
command -v chromium >/dev/null 2>&1 || needed+=(chromium)
command -v msgfmt >/dev/null 2>&1 || needed+=(gettext)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || needed+=(fonts-dejavu-core)
[ ${#needed[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Please install these Debian packages (as root): ${needed[*]}" >&2
  exit 1
fi
echo "Installing ${needed[*]} with apt-get"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
