#!/usr/bin/env bash
# One command on a fresh machine: set everything up and start the app on the embedded demo store.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --display
exec .venv/bin/inventra-desktop --demo "$@"
