#!/usr/bin/env python3
"""Builds data/clipart/: a small two-class folder of real 64x64 colour images, a stand-in for Keras's
cats vs dogs, from the Open Clip Art Library drawings that Debian's openclipart-png package ships
(/usr/share/openclipart/png/<category>/**.png; every drawing dedicated to the public domain).

Class "animals" samples the drawings under animals/, class "food" those under food/. Each drawing
is laid on white (its transparency removed), cropped to the box of its non-white pixels, padded
with white to a square, resized to 64x64 (Lanczos) and written as an 8-bit RGB PNG,
data/clipart/<class>/<nnn>.png. Drawings whose 64x64 pixels are identical to an earlier one's
(the same drawing filed twice) are kept once. data/clipart/SOURCES.tsv lists each file's original;
data/clipart/LICENSE, written by hand, is left as it is.
Run: /usr/bin/python3 scripts/make_clipart.py (with openclipart-png and python3-pil installed).
"""
import glob
import hashlib
import os
import random
import shutil

from PIL import Image, ImageChops

SOURCE = "/usr/share/openclipart/png"
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "clipart")
CLASSES = {"animals": "animals", "food": "food"}
PER_CLASS = 200
SIZE = 64
SEED = 17

Image.MAX_IMAGE_PIXELS = 400_000_000  # some page-sized drawings are large; they are local, trusted files


def square_thumbnail(path):
    with Image.open(path) as image:
        rgba = image.convert("RGBA")
    page = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    page.alpha_composite(rgba)
    rgb = page.convert("RGB")
    box = ImageChops.difference(rgb, Image.new("RGB", rgb.size, (255, 255, 255))).getbbox()
    if box is None:
        return None  # a blank page
    drawing = rgb.crop(box)
    side = max(drawing.size)
    square = Image.new("RGB", (side, side), (255, 255, 255))
    square.paste(drawing, ((side - drawing.width) // 2, (side - drawing.height) // 2))
    return square.resize((SIZE, SIZE), Image.LANCZOS)


def main():
    sources = []
    for name, category in CLASSES.items():
        files = sorted(glob.glob(os.path.join(SOURCE, category, "**", "*.png"), recursive=True))
        random.Random(SEED).shuffle(files)
        shutil.rmtree(os.path.join(ROOT, name), ignore_errors=True)
        os.makedirs(os.path.join(ROOT, name))
        seen = set()
        kept = 0
        for path in files:
            if kept == PER_CLASS:
                break
            thumbnail = square_thumbnail(path)
            if thumbnail is None:
                continue
            digest = hashlib.sha256(thumbnail.tobytes()).hexdigest()
            if digest in seen:
                continue
            seen.add(digest)
            out = f"{name}/{kept:03d}.png"
            thumbnail.save(os.path.join(ROOT, out), optimize=True)
            sources.append((out, os.path.relpath(path, SOURCE)))
            kept += 1
        if kept < PER_CLASS:
            raise SystemExit(f"only {kept} distinct drawings in {category}, {PER_CLASS} wanted")
    with open(os.path.join(ROOT, "SOURCES.tsv"), "w") as f:
        f.write("file\topenclipart-png file (under /usr/share/openclipart/png)\n")
        for out, original in sources:
            f.write(f"{out}\t{original}\n")


if __name__ == "__main__":
    main()
