#!/usr/bin/env python3
"""Draws MicroSpa's site icons with the standard library only (no image tools needed).

The mark: the accent colour (#7b3f61, as in site.css) on a rounded square, with a white
pen-tip grid of dots, the needles of a microneedling cartridge. Run from the repository root:

    python3 scripts/make-icons.py

It writes src/MicroSpa.Web/wwwroot/favicon.ico (16, 32 and 48 px PNGs inside) and
wwwroot/icons/icon-{180,192,512}.png plus a maskable 512 px icon (the mark inside the safe zone).
The output is deterministic: running it again gives the same bytes.
"""
import os
import struct
import zlib

ACCENT = (0x7B, 0x3F, 0x61)
WHITE = (0xFF, 0xFF, 0xFF)
OUT = os.path.join("src", "MicroSpa.Web", "wwwroot")
SUPERSAMPLE = 4


def inside_rounded_square(x, y, size, radius):
    """Whether a point (in pixels) lies in a size x size square whose corners are rounded by radius."""
    cx = min(max(x, radius), size - radius)
    cy = min(max(y, radius), size - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2


def dots(size, scale):
    """Centres and radius of the needle dots: a 3 x 3 grid in a circle, scaled to the drawing area."""
    centre = size / 2
    step = size * 0.2 * scale
    radius = size * 0.07 * scale
    return [(centre + i * step, centre + j * step) for i in (-1, 0, 1) for j in (-1, 0, 1)], radius


def draw(size, full_bleed=False):
    """RGBA rows of the icon at size px, supersampled for smooth edges."""
    scale = 0.8 if full_bleed else 1.0
    corner = 0 if full_bleed else size * 0.22
    centres, dot_radius = dots(size, scale)
    rows = []
    n = SUPERSAMPLE
    for py in range(size):
        row = bytearray()
        for px in range(size):
            cover = 0
            white = 0
            for sy in range(n):
                for sx in range(n):
                    x = px + (sx + 0.5) / n
                    y = py + (sy + 0.5) / n
                    if full_bleed or inside_rounded_square(x, y, size, corner):
                        cover += 1
                        if any((x - cx) ** 2 + (y - cy) ** 2 <= dot_radius ** 2 for cx, cy in centres):
                            white += 1
            total = n * n
            if cover == 0:
                row += bytes((0, 0, 0, 0))
                continue
            w = white / cover
            colour = tuple(round(a * (1 - w) + b * w) for a, b in zip(ACCENT, WHITE))
            row += bytes(colour) + bytes((round(255 * cover / total),))
        rows.append(bytes(row))
    return rows


def png(size, rows):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + row for row in rows)
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def ico(images):
    """An .ico file holding PNG images (every current browser reads PNG inside ICO)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries = b""
    data = b""
    for size, blob in images:
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(blob), offset + len(data))
        data += blob
    return header + entries + data


def main():
    os.makedirs(os.path.join(OUT, "icons"), exist_ok=True)
    with open(os.path.join(OUT, "favicon.ico"), "wb") as f:
        f.write(ico([(s, png(s, draw(s))) for s in (16, 32, 48)]))
    for s in (180, 192, 512):
        with open(os.path.join(OUT, "icons", f"icon-{s}.png"), "wb") as f:
            f.write(png(s, draw(s)))
    with open(os.path.join(OUT, "icons", "icon-maskable-512.png"), "wb") as f:
        f.write(png(512, draw(512, full_bleed=True)))


if __name__ == "__main__":
    main()
