#!/usr/bin/env bash
# Two unionpress binaries on one site, interleaved A B A B, so that a busy
# machine slows both alike: prints each run and the medians (with min–max)
# of wall, user, sys and peak RSS.
#
#   bench/ab.sh A_BINARY B_BINARY SITE [ROUNDS] [COMMAND]
#
# COMMAND is `check` (the default: renders everything, writes nothing) or
# `build` (into a folder emptied before each run).
set -euo pipefail
a=$1 b=$2 site=$3 rounds=${4:-5} cmd=${5:-check}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for r in $(seq "$rounds"); do
  for who in A B; do
    bin=$a; [ "$who" = B ] && bin=$b
    args=(check --quiet --root "$site")
    if [ "$cmd" = build ]; then
      rm -rf "$out/public"
      args=(build --quiet --root "$site" --output "$out/public")
    fi
    sync
    /usr/bin/time -f '%e %U %S %M' -o "$out/t" "$bin" "${args[@]}" >/dev/null
    read -r wall user sys rss <"$out/t"
    echo "$who $wall $user $sys $rss" | tee -a "$out/runs"
  done
done
python3 - "$out/runs" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    who, *v = line.split()
    runs.setdefault(who, []).append([float(x) for x in v])
for who, rs in sorted(runs.items()):
    cols = []
    for i, name in enumerate(["wall", "user", "sys"]):
        vs = [r[i] for r in rs]
        cols.append(f"{name} {statistics.median(vs):.2f} s ({min(vs):.2f}–{max(vs):.2f})")
    rss = statistics.median(r[3] for r in rs) / 1024
    print(f"{who}: " + ", ".join(cols) + f", peak RSS {rss:.0f} MB, {len(rs)} runs")
PY
