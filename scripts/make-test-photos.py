#!/usr/bin/env python3
"""Writes the pictures the photo tests use into tests/fixtures/photos/.

The photograph is `astronaut` from the sample data bundled in the PyPI
package scikit-image (skimage.data.astronaut(): Eileen Collins, NASA, in the
public domain, as scikit-image's documentation says). No package ships
camera-sized photos, so it is scaled up to 3000x2000 here and given the EXIF
a phone writes: camera make and model, a serial number, an author and a GPS
position. The other pictures are drawn with Pillow where a property must be
controlled: the eight EXIF orientations, transparency, a PNG named .jpg, a
truncated and a corrupted JPEG, a decompression bomb, a HEIC.

    python3 -m venv bench/.venv
    bench/.venv/bin/pip install pillow piexif scikit-image
    bench/.venv/bin/python scripts/make-test-photos.py

The output is committed, so the Rust tests need no Python.
"""

import io
import os
import struct
import zlib

import piexif
from PIL import Image, ImageDraw
from skimage import data

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "photos")


def gps_exif(orientation=1):
    """EXIF as a phone writes it, GPS position included."""
    zeroth = {
        piexif.ImageIFD.Make: b"TestCam",
        piexif.ImageIFD.Model: b"TC-1",
        piexif.ImageIFD.Artist: b"Photographer Name",
        piexif.ImageIFD.Orientation: orientation,
    }
    exif = {piexif.ExifIFD.BodySerialNumber: b"SN123456789"}
    gps = {
        piexif.GPSIFD.GPSLatitudeRef: b"N",
        piexif.GPSIFD.GPSLatitude: ((31, 1), (34, 1), (1200, 100)),
        piexif.GPSIFD.GPSLongitudeRef: b"E",
        piexif.GPSIFD.GPSLongitude: ((120, 1), (18, 1), (3000, 100)),
    }
    return piexif.dump({"0th": zeroth, "Exif": exif, "GPS": gps})


def camera():
    """The astronaut at 3000x2000 (cropped to 3:2), with GPS."""
    img = Image.fromarray(data.astronaut())  # 512x512
    img = img.crop((0, 85, 512, 427)).resize((3000, 2000), Image.LANCZOS)
    img.save(os.path.join(OUT, "camera.jpg"), quality=85, exif=gps_exif())
    return img


def upright():
    """600x300: red top-left quarter, blue bottom-right quarter, grey else."""
    img = Image.new("RGB", (600, 300), (128, 128, 128))
    d = ImageDraw.Draw(img)
    d.rectangle((0, 0, 299, 149), fill=(255, 0, 0))
    d.rectangle((300, 150, 599, 299), fill=(0, 0, 255))
    return img


# What a camera does to the upright picture before writing it with the
# orientation tag N: the inverse of what a viewer applies for N.
STORED = {
    1: lambda i: i,
    2: lambda i: i.transpose(Image.FLIP_LEFT_RIGHT),
    3: lambda i: i.transpose(Image.ROTATE_180),
    4: lambda i: i.transpose(Image.FLIP_TOP_BOTTOM),
    5: lambda i: i.transpose(Image.TRANSPOSE),
    6: lambda i: i.transpose(Image.ROTATE_90),
    7: lambda i: i.transpose(Image.TRANSVERSE),
    8: lambda i: i.transpose(Image.ROTATE_270),
}


def orientations():
    for n, stored in STORED.items():
        stored(upright()).save(
            os.path.join(OUT, f"orientation-{n}.jpg"), quality=95, exif=gps_exif(n)
        )


def graphic():
    """A logo-like PNG with transparency."""
    img = Image.new("RGBA", (400, 200), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse((20, 20, 380, 180), fill=(200, 16, 46, 255))
    img.save(os.path.join(OUT, "graphic.png"))


def small():
    """A small photo-like JPEG (320x180) for tests that need any picture."""
    img = Image.fromarray(data.astronaut()).resize((320, 180), Image.LANCZOS)
    img.save(os.path.join(OUT, "small.jpg"), quality=80)
    img.save(os.path.join(OUT, "small.png"))


def broken(camera_img):
    buf = io.BytesIO()
    upright().save(buf, format="PNG")
    with open(os.path.join(OUT, "png-named.jpg"), "wb") as f:
        f.write(buf.getvalue())
    with open(os.path.join(OUT, "camera.jpg"), "rb") as f:
        whole = f.read()
    # Cut after the header and a little of the picture.
    with open(os.path.join(OUT, "truncated.jpg"), "wb") as f:
        f.write(whole[: len(whole) // 8])
    # The header kept, the compressed data overwritten with noise.
    small_buf = io.BytesIO()
    upright().save(small_buf, format="JPEG", quality=90)
    b = bytearray(small_buf.getvalue())
    sos = b.find(b"\xff\xda")
    for i in range(sos + 20, len(b) - 2):
        b[i] = (i * 7919) % 251
    # and the first Huffman table's code counts damaged (a decoder can fill
    # noise in with grey; it cannot read codes from a broken table).
    dht = b.find(b"\xff\xc4")
    for i in range(dht + 5, dht + 5 + 16):
        b[i] = 0xFF
    with open(os.path.join(OUT, "corrupted.jpg"), "wb") as f:
        f.write(bytes(b))


def bomb():
    """A PNG of a few hundred bytes declaring 100000x100000 pixels."""

    def chunk(kind, body):
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", 100000, 100000, 8, 0, 0, 0, 0)
    row = b"\x00" + b"\x00" * 100000
    idat = zlib.compress(row * 4, 9)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    with open(os.path.join(OUT, "bomb.png"), "wb") as f:
        f.write(png)


def heic():
    """The first box of an iPhone photo: enough to be recognised."""
    box = struct.pack(">I", 24) + b"ftypheic" + struct.pack(">I", 0) + b"mif1heic"
    with open(os.path.join(OUT, "iphone.heic"), "wb") as f:
        f.write(box + b"\x00" * 64)


def main():
    os.makedirs(OUT, exist_ok=True)
    img = camera()
    orientations()
    graphic()
    small()
    broken(img)
    bomb()
    heic()


if __name__ == "__main__":
    main()
