"""Reference pixels for HeifCorpusTest: heif-convert's PNG (libheif applies irot/imir/clap), converted
from its embedded ICC profile to sRGB with LittleCMS (Pillow ImageCms), then reduced with Pillow's
Image.reduce by the factors thumbflow used. Usage: reference.py PNG FACTOR_X FACTOR_Y OUT_RAW
Prints "WIDTH HEIGHT MODE" and writes the raw RGB/RGBA bytes to OUT_RAW."""
import io
import sys

from PIL import Image, ImageCms

png, fx, fy, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
im = Image.open(png)
im.load()
mode = "RGBA" if im.mode in ("RGBA", "LA") else "RGB"
icc = im.info.get("icc_profile")
im = im.convert(mode)
if icc:
    src = ImageCms.ImageCmsProfile(io.BytesIO(icc))
    im = ImageCms.profileToProfile(im, src, ImageCms.createProfile("sRGB"), outputMode=mode)
im = im.reduce((fx, fy))
with open(out, "wb") as f:
    f.write(im.tobytes())
print(im.size[0], im.size[1], mode)
