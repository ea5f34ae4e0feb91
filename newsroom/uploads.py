"""Image uploads from the rich-text editor: staff only, real images only."""

import uuid

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_POST
from PIL import Image, UnidentifiedImageError

# Pillow format name -> file extension. SVG is not an image Pillow decodes,
# so it is refused along with everything else that is not listed.
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}


def _error(message, status=400):
    return JsonResponse({"error": {"message": message}}, status=status)


def detect_image_format(upload):
    """The decoded format of ``upload``, or None when it is not a whole image."""
    try:
        with Image.open(upload) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    finally:
        upload.seek(0)
    return image_format if image_format in ALLOWED_FORMATS else None


@require_POST
def image_upload(request):
    if not (request.user.is_active and request.user.is_staff):
        return _error("Only signed-in staff can upload images.", status=403)
    upload = request.FILES.get("upload")
    if upload is None:
        return _error("No file was sent.")
    if upload.size > settings.NEWSROOM_UPLOAD_MAX_BYTES:
        limit = settings.NEWSROOM_UPLOAD_MAX_BYTES // (1024 * 1024)
        return _error(f"The image is larger than {limit} MB.")
    image_format = detect_image_format(upload)
    if image_format is None:
        return _error("That file is not a JPEG, PNG, GIF or WebP image.")
    # Random names: nothing about the uploader's file name reaches the URL.
    name = f"uploads/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{ALLOWED_FORMATS[image_format]}"
    saved = default_storage.save(name, upload)
    return JsonResponse({"url": default_storage.url(saved)})
