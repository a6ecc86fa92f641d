#!/usr/bin/env bash
# The whole test suite: Rust unit and integration tests, then the search
# client's node tests and the browser tests, which use the built binary.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --quiet
cargo test --quiet 2>&1 | tail -n 40

export UNIONPRESS_BIN="$PWD/target/debug/unionpress"
for suite in tests/js tests/e2e; do
  if compgen -G "$suite/*.test.mjs" >/dev/null; then
    echo "== node --test $suite"
    node --test "$suite"/*.test.mjs
  fi
done
