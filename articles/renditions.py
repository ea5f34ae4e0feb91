"""Image renditions: centred crops in fixed shapes and widths, WebP plus JPEG, made once with Pillow.

A hero image gets 16:9, 4:3 and 1:1 crops. Search engines ask for those three
shapes at least 1,200 px wide (the largest JPEG of each, ``record["name"]``);
pages pick a width from the smaller files through ``srcset``, WebP first and
JPEG for browsers without WebP. An author's photo gets small square crops.

Sources are never scaled up: a small source gives smaller renditions (and, for
a hero, a structured-data warning). The record is stored on the model, so
pages never open an image file:

    {"16x9": {"name": <largest JPEG>, "width": 1200, "height": 675,
              "sizes": [{"width": 400, "height": 225, "jpeg": ..., "webp": ...}, ...]}, ...}
"""

import functools
import io
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.signals import setting_changed
from django.dispatch import receiver
from PIL import Image, ImageOps

WIDTH = 1200
SHAPES = {"16x9": (16, 9), "4x3": (4, 3), "1x1": (1, 1)}
HERO_WIDTHS = (400, 800, WIDTH)
PORTRAIT_SHAPES = {"1x1": (1, 1)}
PORTRAIT_WIDTHS = (96, 192, 384)
JPEG_OPTIONS = {"quality": 80, "optimize": True, "progressive": True}
WEBP_OPTIONS = {"quality": 78, "method": 4}


def _crop(image, ratio_w, ratio_h):
    width, height = image.size
    if width * ratio_h > height * ratio_w:  # too wide: trim the sides
        new_width = height * ratio_w // ratio_h
        left = (width - new_width) // 2
        return image.crop((left, 0, left + new_width, height))
    new_height = width * ratio_h // ratio_w
    top = (height - new_height) // 2
    return image.crop((0, top, width, top + new_height))


def _save(image, name, kind, options):
    buffer = io.BytesIO()
    image.save(buffer, kind, **options)
    return default_storage.save(name, ContentFile(buffer.getvalue()))  # written over when made again


def _widths(available, wanted):
    """The wanted widths narrower than the source, then the largest it can give.

    A 900 px source gives 400, 800 and 900; a 1,800 px one 400, 800 and 1,200.
    """
    largest = min(available, max(wanted))
    return [width for width in wanted if width < largest] + [largest]


def make(image_field, shapes=None, widths=HERO_WIDTHS):
    """Write the renditions of ``image_field`` (a FieldFile) and return their record (see above)."""
    shapes = SHAPES if shapes is None else shapes
    stem = PurePosixPath(image_field.name).with_suffix("")
    image_field.open("rb")
    try:
        with Image.open(image_field) as source:
            source = ImageOps.exif_transpose(source).convert("RGB")
            made = {}
            for label, (ratio_w, ratio_h) in shapes.items():
                scaled = _crop(source, ratio_w, ratio_h)
                sizes = []
                # Largest first, each scaled from the one before: the same pictures for less work.
                for width in reversed(_widths(scaled.width, widths)):
                    if width != scaled.width:
                        scaled = scaled.resize((width, width * ratio_h // ratio_w), Image.Resampling.LANCZOS)
                    base = f"{stem}-{label}-{width}"
                    sizes.insert(
                        0,
                        {
                            "width": width,
                            "height": scaled.height,
                            "jpeg": _save(scaled, f"{base}.jpg", "JPEG", JPEG_OPTIONS),
                            "webp": _save(scaled, f"{base}.webp", "WEBP", WEBP_OPTIONS),
                        },
                    )
                largest = sizes[-1]
                made[label] = {
                    "name": largest["jpeg"],
                    "width": largest["width"],
                    "height": largest["height"],
                    "sizes": sizes,
                }
    finally:
        image_field.close()
    return made


def make_portrait(image_field):
    return make(image_field, PORTRAIT_SHAPES, PORTRAIT_WIDTHS)


@functools.lru_cache(maxsize=16384)
def stored_url(name):
    """The address of the stored file ``name``, remembered: a list page shows a hundred of them."""
    return default_storage.url(name)


@receiver(setting_changed)
def _forget_urls(setting, **kwargs):
    if setting in ("STORAGES", "MEDIA_URL"):
        stored_url.cache_clear()


def url(rendition):
    return stored_url(rendition["name"])


def srcset(rendition, kind):
    """``"a-400.webp 400w, a-800.webp 800w"`` for ``kind`` "webp" or "jpeg"; "" for an older record."""
    return ", ".join(f"{stored_url(size[kind])} {size['width']}w" for size in rendition.get("sizes", ()))


def fallback_url(rendition, display_width):
    """The JPEG a browser without ``srcset`` loads: the smallest at least ``display_width`` wide."""
    sizes = rendition.get("sizes")
    if not sizes:
        return url(rendition)
    chosen = next((size for size in sizes if size["width"] >= display_width), sizes[-1])
    return stored_url(chosen["jpeg"])


def pending_original(name, record, width, height):
    """(url, width, height) of the picture stored as ``name`` while its renditions (``record``) are
    being made, for pages to show meanwhile; None once they exist, or without a picture or its size."""
    if name and not record and width:
        return (stored_url(name), width, height)
    return None


def is_current(record):
    """False for no record, or one made before renditions came in several widths and formats."""
    return bool(record) and all("sizes" in rendition for rendition in record.values())
