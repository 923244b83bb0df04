#!/usr/bin/env bash
# Install chronicle with its test tools into .venv-test and run every check:
# ruff, ruff format, mypy, and the whole pytest suite (browser tests included).
# Works on a fresh Debian machine: installs Chromium with apt when run as root.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${CHRONICLE_TEST_VENV:-.venv-test}
PY=${PYTHON:-python3}

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "== installing Debian chromium for the browser tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "== /usr/bin/chromium missing and not root: browser tests will be skipped"
  fi
fi

echo "== installing chronicle and its test tools into $VENV"
"$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
# A plain (non-editable) install: the tests then prove the wheel carries templates and data.
"$VENV/bin/python" -m pip install -q ".[test,review,archive]"

if command -v npm >/dev/null 2>&1; then
  if [ ! -f tests/browser/node_vendor/node_modules/@knight-lab/timelinejs/package.json ]; then
    echo "== installing TimelineJS (npm) for the TimelineJS browser test"
    npm install --silent --no-audit --no-fund --prefix tests/browser/node_vendor \
      @knight-lab/timelinejs@3.9.11 >/dev/null
  fi
fi

echo "== ruff"
"$VENV/bin/ruff" check src tests benchmarks
"$VENV/bin/ruff" format --check src tests benchmarks
echo "== mypy"
"$VENV/bin/mypy" src
echo "== pytest"
# src/ layout: `import chronicle` finds the installed wheel, not the source tree.
"$VENV/bin/python" -m pytest -q -p no:cacheprovider "$@"
