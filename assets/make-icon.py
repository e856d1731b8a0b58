#!/usr/bin/env python3
"""Draws the package icon (assets/icon.png): a branch diagram, a trunk with one branch forking off it.

Our own drawing, made with the standard library only (no imaging package): each pixel is the average of
4x4 samples, so the edges are smooth. Run it again after changing a colour or a shape:
    python3 assets/make-icon.py
"""
import math
import os
import struct
import zlib

SIZE = 128
SAMPLES = 4
BACKGROUND = (12, 34, 46)      # dark blue-green
FOREGROUND = (52, 214, 156)    # green
ACCENT = (236, 250, 244)       # almost white
RADIUS = 26                    # corner radius of the tile


def inside_tile(x, y):
    """The rounded square that fills the icon."""
    cx = min(max(x, RADIUS), SIZE - RADIUS)
    cy = min(max(y, RADIUS), SIZE - RADIUS)
    return (x - cx) ** 2 + (y - cy) ** 2 <= RADIUS ** 2


def distance_to_segment(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


# The trunk runs top to bottom on the left; the branch leaves it and bends up to the right.
TRUNK = (44, 26, 44, 102)
BRANCH = [(44, 84), (52, 70), (66, 60), (84, 54)]
NODES = [(44, 30, 9), (44, 98, 9), (84, 54, 11)]
STROKE = 6.5


def colour_at(x, y):
    if not inside_tile(x, y):
        return None
    for nx, ny, r in NODES:
        d = math.hypot(x - nx, y - ny)
        if d <= r - 3.5:
            return ACCENT
        if d <= r:
            return FOREGROUND
    if distance_to_segment(x, y, *TRUNK) <= STROKE:
        return FOREGROUND
    for (ax, ay), (bx, by) in zip(BRANCH, BRANCH[1:]):
        if distance_to_segment(x, y, ax, ay, bx, by) <= STROKE:
            return FOREGROUND
    return BACKGROUND


def pixel(x, y):
    r = g = b = a = 0
    for i in range(SAMPLES):
        for j in range(SAMPLES):
            c = colour_at(x + (i + 0.5) / SAMPLES, y + (j + 0.5) / SAMPLES)
            if c is not None:
                r, g, b, a = r + c[0], g + c[1], b + c[2], a + 1
    if a == 0:
        return (0, 0, 0, 0)
    return (r // a, g // a, b // a, 255 * a // (SAMPLES * SAMPLES))


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def main():
    rows = b"".join(b"\x00" + bytes(v for x in range(SIZE) for v in pixel(x, y)) for y in range(SIZE))
    png = b"\x89PNG\r\n\x1a\n"
    png += chunk(b"IHDR", struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0))  # 8-bit RGBA
    png += chunk(b"IDAT", zlib.compress(rows, 9))
    png += chunk(b"IEND", b"")
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "icon.png")
    with open(path, "wb") as f:
        f.write(png)
    print(f"wrote {path} ({len(png)} bytes)")


if __name__ == "__main__":
    main()
