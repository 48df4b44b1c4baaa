"""Reference pixels for LegacyFormatsCorpusTest: Pillow's decode of a PSD, ICO/CUR (its largest image),
Netpbm or TGA file at full size. Usage: reference.py FILE MODE OUT_RAW, MODE being RGB or RGBA; 16-bit
grey is scaled to 8 bits. Prints "WIDTH HEIGHT" and writes the raw bytes to OUT_RAW."""
import sys

from PIL import Image

path, mode, out = sys.argv[1], sys.argv[2], sys.argv[3]
im = Image.open(path)
if im.format in ("ICO", "CUR"):
    im.size = max(im.ico.sizes(), key=lambda s: s[0] * s[1])
im.load()
if im.mode in ("I;16", "I;16B", "I"):
    im = im.point(lambda v: v / 257).convert("L")
im = im.convert(mode)
with open(out, "wb") as f:
    f.write(im.tobytes())
print(im.size[0], im.size[1])
