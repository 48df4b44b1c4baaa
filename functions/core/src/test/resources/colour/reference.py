"""Reference pixels for PhonesCorpusTest: Pillow decodes the photo, applies its EXIF orientation
(ImageOps.exif_transpose) and converts it to sRGB with LittleCMS (ImageCms, relative colorimetric intent)
from its embedded ICC profile or, when PROFILE is given, from the ICC profile in that file (a JPEG whose
embedded profile is taken, a raw .icc, or "none" to take the pixels as sRGB). Usage:
reference.py PHOTO OUT_RAW [PROFILE]
Prints "WIDTH HEIGHT" and writes the raw RGB bytes to OUT_RAW."""
import io
import sys

from PIL import Image, ImageCms, ImageOps

path, out = sys.argv[1], sys.argv[2]
im = Image.open(path)
icc = im.info.get("icc_profile")
if len(sys.argv) > 3:
    source = sys.argv[3]
    if source == "none":
        icc = None
    elif source.endswith(".icc"):
        icc = open(source, "rb").read()
    else:
        icc = Image.open(source).info.get("icc_profile")
im = ImageOps.exif_transpose(im).convert("RGB")
if icc:
    im = ImageCms.profileToProfile(im, ImageCms.ImageCmsProfile(io.BytesIO(icc)), ImageCms.createProfile("sRGB"),
                                   renderingIntent=1,  # relative colorimetric
                                   outputMode="RGB")
with open(out, "wb") as f:
    f.write(im.tobytes())
print(im.size[0], im.size[1])
