#!/usr/bin/env bash
# Installs the system tools the pipeline and its tests use, only when missing:
# GNU gettext (msgfmt --check, msgmerge for benchmarks), PostgreSQL (server for
# the Postgres tests) and Node.js with npm (the i18next client tests).
set -euo pipefail

missing=()
command -v msgfmt >/dev/null || missing+=(gettext)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if ! command -v initdb >/dev/null && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  missing+=(postgresql)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "error: missing system packages: ${missing[*]}; install them with" >&2
  echo "  sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "installing system packages: ${missing[*]}"
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
