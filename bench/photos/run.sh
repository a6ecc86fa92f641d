#!/usr/bin/env bash
# Time and peak memory of building a site of N camera photos (24 MP JPEGs,
# one lead picture per article): the first build, with an empty picture
# cache, then a rebuild with nothing changed.
#
#   bench/photos/run.sh            # 200 photos
#   PHOTOS=50 bench/photos/run.sh
#
# Makes the photos with Pillow and scikit-image in bench/.venv on first use.
set -euo pipefail
cd "$(dirname "$0")/../.."
PHOTOS=${PHOTOS:-200}
SITE=bench/work/photos-site-$PHOTOS
if [ ! -x bench/.venv/bin/python ]; then
  python3 -m venv bench/.venv
fi
bench/.venv/bin/python -c 'import PIL, piexif, skimage' 2>/dev/null \
  || bench/.venv/bin/pip install --quiet pillow piexif scikit-image
[ -d "$SITE" ] || bench/.venv/bin/python bench/photos/make-site.py --photos "$PHOTOS" --out "$SITE"
cargo build --release --quiet
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), $(nproc) cores; $(uptime | sed 's/.*load/load/')"
echo "corpus: $PHOTOS articles, each with its own 6000x4000 JPEG ($(du -sh "$SITE/content" | cut -f1) of content)"
rm -rf "$SITE/.unionpress-cache" "$SITE/public"
for run in "first build (empty cache)" "rebuild (nothing changed)"; do
  /usr/bin/time -v target/release/unionpress build --root "$SITE" --quiet 2> bench/work/photos-time.txt
  wall=$(grep 'Elapsed (wall clock)' bench/work/photos-time.txt | awk '{print $NF}')
  rss=$(grep 'Maximum resident' bench/work/photos-time.txt | awk '{print $NF}')
  user=$(grep 'User time' bench/work/photos-time.txt | awk '{print $NF}')
  echo "$run: wall $wall, user ${user}s, peak RSS $((rss / 1024)) MiB"
done
echo "output: $(du -sh "$SITE/public" | cut -f1); cache: $(du -sh "$SITE/.unionpress-cache" | cut -f1)"
echo "load after: $(uptime | sed 's/.*load/load/')"
