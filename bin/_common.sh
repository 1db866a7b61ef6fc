# Shared by bin/up and bin/test: install what Zhili needs on a fresh Debian 12 machine.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PIP_DISABLE_PIP_VERSION_CHECK=1
VENV="$ROOT/.venv"
PY="$VENV/bin/python"

say() { printf '\033[1;34m[zhili]\033[0m %s\n' "$*"; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  if [ ${#missing[@]} -gt 0 ]; then
    say "apt: installing ${missing[*]}"
    as_root apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

install_python() {
  if [ ! -x "$PY" ]; then
    say "creating virtual environment .venv"
    python3 -m venv "$VENV" 2>/dev/null || { apt_install python3-venv; python3 -m venv "$VENV"; }
  fi
  "$PY" -m pip install -q --upgrade pip uv >/dev/null 2>&1
  say "installing Python dependencies from requirements.lock"
  "$VENV/bin/uv" pip install -q --python "$PY" -r requirements.lock "$@"
  "$VENV/bin/uv" pip install -q --python "$PY" --no-deps -e .
}

install_system() {
  # Pango for WeasyPrint, an embeddable CJK font (WenQuanYi Zen Hei, TrueType), poppler for pdfsig/pdftoppm,
  # OpenSSL for `openssl ts -verify`, Node.js/npm for the front-end assets.
  # postgresql-client-15: pg_dump/pg_restore of the same major version as the server, for manage.py backup/restore.
  # libgl1, libglib2.0-0: the libraries OpenCV's wheel links against (invoice OCR and QR codes, ADR 0019).
  apt_install fonts-wqy-zenhei libpango-1.0-0 libpangoft2-1.0-0 poppler-utils openssl postgresql-client-15 \
    libgl1 libglib2.0-0
  command -v npm >/dev/null 2>&1 || apt_install nodejs npm
}

install_assets() {
  # .installed holds the hash of package-lock.json it was made from: a checkout whose lock file changed (a new
  # library, a new version) copies the assets again, even when the files' dates say otherwise.
  local stamp
  stamp="$(sha256sum package-lock.json | cut -d' ' -f1)"
  if [ "$(cat zhili/static/vendor/.installed 2>/dev/null)" != "$stamp" ]; then
    say "installing front-end assets from npm (Tabler on Bootstrap 5, HTMX 2, Alpine, ECharts, Leaflet, axe-core)"
    npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1 || npm install --no-audit --no-fund --loglevel=error >/dev/null
    mkdir -p zhili/static/vendor/leaflet zhili/static/vendor/tabler
    cp node_modules/htmx.org/dist/htmx.min.js zhili/static/vendor/htmx.min.js
    cp node_modules/alpinejs/dist/cdn.min.js zhili/static/vendor/alpine.min.js
    cp node_modules/echarts/dist/echarts.min.js zhili/static/vendor/echarts.min.js
    # axe-core: the accessibility checker the browser tests run on the main pages (never loaded by a page itself).
    cp node_modules/axe-core/axe.min.js zhili/static/vendor/axe.min.js
    cp -r node_modules/leaflet/dist/. zhili/static/vendor/leaflet/
    # Tabler's CSS and its JS (which bundles Bootstrap 5's components), with their source maps; no web fonts.
    cp node_modules/@tabler/core/dist/css/tabler.min.css node_modules/@tabler/core/dist/css/tabler.min.css.map \
       node_modules/@tabler/core/dist/js/tabler.min.js node_modules/@tabler/core/dist/js/tabler.min.js.map zhili/static/vendor/tabler/
    printf '%s' "$stamp" > zhili/static/vendor/.installed
  fi
}
