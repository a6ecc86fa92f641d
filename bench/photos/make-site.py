#!/usr/bin/env python3
"""A site of N articles, each with its own 24-megapixel camera photo
(6000x4000 JPEG, quality 90, with EXIF and GPS) as lead picture, for timing
the picture pipeline: bench/photos/run.sh.

The photo is scikit-image's `astronaut` sample (public domain, NASA) scaled
up, each copy shifted and numbered so that no two have the same bytes.

    bench/.venv/bin/python bench/photos/make-site.py --photos 200 --out bench/work/photos-site
"""

import argparse
import os

import piexif
from PIL import Image, ImageDraw
from skimage import data


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--photos", type=int, default=200)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    articles = os.path.join(args.out, "content", "articles")
    os.makedirs(articles, exist_ok=True)
    with open(os.path.join(args.out, "site.yaml"), "w") as f:
        f.write("title: 图片测试站\nbase_url: https://example.org\n")
    base = Image.fromarray(data.astronaut()).resize((6400, 6400), Image.BICUBIC)
    exif = piexif.dump({
        "0th": {piexif.ImageIFD.Make: b"TestCam", piexif.ImageIFD.Orientation: 1},
        "GPS": {piexif.GPSIFD.GPSLatitudeRef: b"N",
                piexif.GPSIFD.GPSLatitude: ((31, 1), (34, 1), (0, 1))},
    })
    for i in range(args.photos):
        dx, dy = (i * 37) % 400, (i * 53) % 2400
        img = base.crop((dx, dy, dx + 6000, dy + 4000))
        ImageDraw.Draw(img).rectangle((100, 100, 300 + i, 300), fill=(i % 256, 40, 90))
        name = f"photo-{i:03}.jpg"
        img.save(os.path.join(articles, name), quality=90, exif=exif)
        with open(os.path.join(articles, f"a{i:03}.md"), "w") as f:
            f.write(f"---\ntitle: 图片新闻{i}\ndate: 2024-12-01\n"
                    f"image: {{src: {name}, alt: 宇航员照片{i}}}\n---\n\n第{i}篇图片新闻的正文。\n")


if __name__ == "__main__":
    main()
