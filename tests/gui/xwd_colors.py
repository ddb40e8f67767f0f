#!/usr/bin/env python3
"""Reads an `xwd -root` dump (ZPixmap, 24/32 bits per pixel) without image libraries.

  xwd_colors.py DUMP png OUT.png        convert to PNG (to look at)
  xwd_colors.py DUMP find RRGGBB        print "X Y COUNT": centre of the pixels of that colour (0 0 0 when none)
  xwd_colors.py DUMP distinct           print the number of distinct colours (a blank screen has 1-2)
"""
import struct
import sys
import zlib


def load(path):
    data = open(path, "rb").read()
    h = struct.unpack(">25I", data[:100])
    header_size, width, height, bits_per_pixel, bytes_per_line, ncolors = h[0], h[4], h[5], h[11], h[12], h[19]
    # Xvfb depth 24 dumps 3 bytes per pixel (B, G, R) even when bytes_per_line leaves room for 4.
    pixel_bytes = 3 if bits_per_pixel == 24 else 4
    offset = header_size + ncolors * 12
    rows = []
    for y in range(height):
        line = data[offset + y * bytes_per_line: offset + y * bytes_per_line + width * pixel_bytes]
        rgb = bytearray(width * 3)
        rgb[0::3], rgb[1::3], rgb[2::3] = line[2::pixel_bytes], line[1::pixel_bytes], line[0::pixel_bytes]
        rows.append(bytes(rgb))
    return width, height, rows


def main():
    width, height, rows = load(sys.argv[1])
    command = sys.argv[2]
    if command == "png":
        def chunk(kind, body):
            return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        raw = b"".join(b"\x00" + row for row in rows)
        png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) +
               chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))
        open(sys.argv[3], "wb").write(png)
    elif command == "find":
        wanted = bytes.fromhex(sys.argv[3])
        sx = sy = n = 0
        for y in range(0, height, 2):
            row = rows[y]
            for x in range(0, width, 2):
                if row[x * 3: x * 3 + 3] == wanted:
                    sx, sy, n = sx + x, sy + y, n + 1
        print(f"{sx // n} {sy // n} {n}" if n else "0 0 0")
    elif command == "distinct":
        colors = set()
        for y in range(0, height, 3):
            row = rows[y]
            for x in range(0, width, 3):
                colors.add(row[x * 3: x * 3 + 3])
        print(len(colors))
    else:
        sys.exit(f"unknown command {command}")


if __name__ == "__main__":
    main()
