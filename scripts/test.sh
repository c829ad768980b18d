#!/usr/bin/env bash
# One command on a fresh machine: set everything up and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test --display  # --display: tests/ui/test_real_window.py starts the app under Xvfb
export QT_QPA_PLATFORM=offscreen
# Everything the tests use is installed above: a skipped test fails here (tests/conftest.py).
export INVENTRA_STRICT_TESTS=1
# Tests never touch the real keyring (QT-NOTES.md): the test fixtures install an in-memory one.
export PYTHON_KEYRING_BACKEND=keyring.backends.null.Keyring
echo "== layer contracts (import-linter)"
.venv/bin/lint-imports --no-cache
echo "== tests"
# The last guard against a hang: the whole suite must finish well inside CI's budget.
# Two workers, each taking whole files (a module's shared shop or layout walks start once).
timeout --kill-after=30 1200 .venv/bin/python -m pytest -n "${INVENTRA_TEST_WORKERS:-2}" --dist loadfile "$@"
