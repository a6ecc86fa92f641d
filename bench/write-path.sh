#!/usr/bin/env bash
# The write path, A/B: for each binary in turn, ROUNDS times, a cold build
# into an empty output, then two rebuilds, each after one article's body
# changed (the second is where a kept spare site is patched). Prints wall,
# user and sys seconds and peak memory, and for each rebuild how many files
# of the output are new inodes (written) and how many are the previous
# build's (reused). Earlier outputs are moved aside, not deleted, while
# timing, and deleted at the end.
#
#   bench/write-path.sh SITE ROUNDS BIN...
#   e.g. cargo build --release -p unionpress -p gen-corpus
#        target/release/gen-corpus --articles 10000 --seed 1 --out /tmp/c10k
#        bench/write-path.sh /tmp/c10k 2 /tmp/unionpress-main target/release/unionpress
set -euo pipefail
site=$(cd "$1" && pwd) rounds=$2
shift 2
tmp=$(mktemp -d)
trash=$(mktemp -d -p "$(dirname "$site")")
article=$(find "$site/content/articles" -name '*.md' | sort | awk 'NR == 1')
cp "$article" "$tmp/article"
trap 'cp "$tmp/article" "$article"; rm -rf "$tmp" "$trash"' EXIT
inodes() { find "$site/public/" -type f -printf '%i %P\n' | sort -k2 >"$1"; }
n=0
for round in $(seq "$rounds"); do
  for bin in "$@"; do
    name=$(basename "$(dirname "$bin")")/$(basename "$bin")
    cp "$tmp/article" "$article"
    for old in public .public.unionpress-spare; do
      if [ -e "$site/$old" ]; then n=$((n + 1)); mv "$site/$old" "$trash/$n"; fi
    done
    sync
    /usr/bin/time -f "$name cold      %e wall %U user %S sys %M KB" "$bin" build --quiet --root "$site"
    for rebuild in 1 2; do
      inodes "$tmp/before"
      printf '\n工会新闻又有新进展（第%s轮第%s次）。\n' "$round" "$rebuild" >>"$article"
      sync
      /usr/bin/time -f "$name rebuild$rebuild  %e wall %U user %S sys %M KB" "$bin" build --quiet --root "$site"
      inodes "$tmp/after"
      join -1 2 -2 2 "$tmp/before" "$tmp/after" |
        awk -v n="$name" '$2 != $3 {w++} $2 == $3 {r++} END {printf "%s   wrote %d files, reused %d\n", n, w, r}'
    done
  done
done
