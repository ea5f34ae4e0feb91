"""Hero image renditions: 16:9, 4:3 and 1:1 crops, made once with Pillow when the image changes.

Search engines ask for an article's image in these three shapes, at least
1,200 px wide; the page's ``srcset`` uses the same files. Each crop is taken
from the centre and scaled down to 1,200 px wide when the source is larger
(never up: a small source gives a smaller rendition and a structured-data
warning).
"""

import io
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

WIDTH = 1200
SHAPES = {"16x9": (16, 9), "4x3": (4, 3), "1x1": (1, 1)}


def _crop(image, ratio_w, ratio_h):
    width, height = image.size
    if width * ratio_h > height * ratio_w:  # too wide: trim the sides
        new_width = height * ratio_w // ratio_h
        left = (width - new_width) // 2
        return image.crop((left, 0, left + new_width, height))
    new_height = width * ratio_h // ratio_w
    top = (height - new_height) // 2
    return image.crop((0, top, width, top + new_height))


def make(hero):
    """Write the renditions of ``hero`` (a FieldFile) and describe them: {shape: {name, width, height}}."""
    stem = PurePosixPath(hero.name).with_suffix("")
    hero.open("rb")
    try:
        with Image.open(hero) as source:
            source = ImageOps.exif_transpose(source).convert("RGB")
            made = {}
            for label, (ratio_w, ratio_h) in SHAPES.items():
                crop = _crop(source, ratio_w, ratio_h)
                if crop.width > WIDTH:
                    crop = crop.resize((WIDTH, WIDTH * ratio_h // ratio_w), Image.Resampling.LANCZOS)
                buffer = io.BytesIO()
                crop.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
                name = f"{stem}-{label}.jpg"
                if default_storage.exists(name):
                    default_storage.delete(name)
                saved = default_storage.save(name, ContentFile(buffer.getvalue()))
                made[label] = {"name": saved, "width": crop.width, "height": crop.height}
    finally:
        hero.close()
    return made


def url(rendition):
    return default_storage.url(rendition["name"])
