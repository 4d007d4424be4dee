#!/usr/bin/env bash
# The Debian packages `npm test` and `npm start` need, checked before either runs (and so by `.ci/run`, which only
# runs `npm test`). As root, whatever is missing is installed; otherwise it stops at once with the one command to run.
#   chromium, firefox-esr     the browser tests and `npm start`
#   unzip, python3            independent ZIP readers
#   openssl                   the demo portal's certificate
#   xvfb-run (xvfb)           `npm start` on a machine without a display
#   soffice                   CSVs opened by a real spreadsheet program: LibreOffice's Calc without its GUI and
#                             without the recommended extras (Java, help, fonts), the smallest that converts to xlsx
set -euo pipefail

missing=()
lean=()
for pair in chromium:chromium firefox-esr:firefox-esr unzip:unzip openssl:openssl python3:python3 xvfb-run:xvfb; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
command -v soffice >/dev/null 2>&1 || lean+=(libreoffice-calc-nogui)

if ((${#missing[@]} + ${#lean[@]} == 0)); then exit 0; fi

wanted=("${missing[@]}" "${lean[@]}")
if [ "$(id -u)" -ne 0 ]; then
  echo "Reclaim's tests need Debian packages this machine lacks: ${wanted[*]}." >&2
  echo "Install them once (as root), then run the command again:" >&2
  echo "  sudo bash tests/system-packages.sh" >&2
  exit 1
fi

echo "Installing the Debian packages this machine lacks: ${wanted[*]} (apt-get, as root)…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
if ((${#missing[@]})); then apt-get install -y -qq "${missing[@]}" >/dev/null; fi
if ((${#lean[@]})); then apt-get install -y -qq --no-install-recommends "${lean[@]}" >/dev/null; fi
for program in chromium firefox-esr; do
  echo "  $("$program" --version 2>/dev/null | head -n 1)"
done
echo "Installed: ${wanted[*]}."
