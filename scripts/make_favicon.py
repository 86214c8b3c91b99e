"""Draw static/favicon.ico: the forum's green square, a white ring (people
meeting in a circle) and the red line of the site's header.

    .venv/bin/python scripts/make_favicon.py

Pure Python (no imaging library): each size is drawn with 4×4 supersampling,
stored as a PNG, and the PNGs are packed into one ICO (16, 32 and 48 px).
"""

import struct
import zlib
from pathlib import Path

GREEN = (0x14, 0x53, 0x2D)  # --isf-green in static/css/site.css
RED = (0x9F, 0x1D, 0x20)  # --isf-red
WHITE = (0xFF, 0xFF, 0xFF)
SIZES = [16, 32, 48]
SAMPLES = 4


def colour_at(x, y):
    """The colour at (x, y) in a unit square, or None outside the icon."""
    radius = 0.18
    cx, cy = min(max(x, radius), 1 - radius), min(max(y, radius), 1 - radius)
    if (x - cx) ** 2 + (y - cy) ** 2 > radius**2:
        return None  # outside the rounded corners
    if y > 0.8:
        return RED
    distance = ((x - 0.5) ** 2 + (y - 0.42) ** 2) ** 0.5
    if 0.17 <= distance <= 0.29:
        return WHITE
    return GREEN


def pixels(size):
    rows = []
    for row in range(size):
        line = bytearray([0])  # PNG filter type: none
        for column in range(size):
            found = [
                colour_at((column + (i + 0.5) / SAMPLES) / size, (row + (j + 0.5) / SAMPLES) / size)
                for i in range(SAMPLES)
                for j in range(SAMPLES)
            ]
            inside = [c for c in found if c is not None]
            if not inside:
                line += bytes(4)
                continue
            rgb = [round(sum(c[k] for c in inside) / len(inside)) for k in range(3)]
            line += bytes([*rgb, round(255 * len(inside) / len(found))])
        rows.append(bytes(line))
    return b"".join(rows)


def png(size):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(pixels(size), 9))
        + chunk(b"IEND", b"")
    )


def ico(sizes):
    images = [png(size) for size in sizes]
    offset = 6 + 16 * len(images)
    entries = b""
    for size, image in zip(sizes, images, strict=True):
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(image), offset)
        offset += len(image)
    return struct.pack("<HHH", 0, 1, len(images)) + entries + b"".join(images)


if __name__ == "__main__":
    target = Path(__file__).resolve().parent.parent / "static" / "favicon.ico"
    target.write_bytes(ico(SIZES))
    print(f"Wrote {target} ({target.stat().st_size} bytes)")
