"""Image uploads: real images of a bounded size, stored under random names of their own format.

The same checks serve every upload path: the editor's image upload here, and
the image fields of models (hero pictures, author photos, the publisher's logo)
through ``validate_image`` and ``stored_name``.

A full disk is an editor's error, not a crash: ``MediaStorage`` removes what
it could not finish writing and raises ``StorageFull``; ``StorageFullAdmin``
forgets every file its save wrote (the database has rolled back) and shows
the form again with the message.
"""

import contextlib
import errno
import os
import threading
import uuid
import warnings
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_POST
from PIL import Image, UnidentifiedImageError

# Pillow format name -> file extension. SVG is not an image Pillow decodes,
# so it is refused along with everything else that is not listed.
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
NOT_AN_IMAGE = "That file is not a JPEG, PNG, GIF or WebP image."


def _error(message, status=400):
    return JsonResponse({"error": {"message": message}}, status=status)


def image_problem(upload):
    """What is wrong with ``upload`` as an image, or None. Reads the header before decoding anything."""
    limit = settings.NEWSROOM_UPLOAD_MAX_PIXELS
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            # The limit is checked right below, lower than Pillow's own warning.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(upload)
        with image:
            width, height = image.size
            if width * height > limit:
                return (
                    f"The picture is {width:,} x {height:,} pixels; pictures may have at most "
                    f"{limit:,} pixels ({limit // 1_000_000} megapixels). Resize it and upload it again."
                )
            if image.format not in ALLOWED_FORMATS:
                return NOT_AN_IMAGE
            image.verify()
    except Image.DecompressionBombError:
        return f"The picture has more than {limit:,} pixels. Resize it and upload it again."
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return NOT_AN_IMAGE
    finally:
        upload.seek(0)
    return None


def detect_image_format(upload):
    """The decoded format of ``upload``, or None when it is not an image we take."""
    if image_problem(upload):
        return None
    try:
        with Image.open(upload) as image:
            return image.format
    finally:
        upload.seek(0)


def validate_image(file):
    """Model field validator: a real image, under the pixel limit."""
    problem = image_problem(file)
    if problem:
        raise ValidationError(problem)


def stored_name(folder, file, filename=""):
    """A random name in ``folder`` with the extension of the image's decoded format.

    Nothing of the uploader's file name reaches a URL, and a PNG called
    ``x.pdf`` is stored and served as a PNG. Code that saves content it made
    itself (``field.save(name, content)``) has no upload to read yet: then the
    given ``filename``'s extension is kept.
    """
    try:
        image_format = detect_image_format(file)
    except ValueError:  # a model field with no file attached yet
        image_format = None
    extension = ALLOWED_FORMATS.get(image_format) or PurePath(filename).suffix[1:6].lower() or "bin"
    return f"{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


# A full disk ------------------------------------------------------------------

STORAGE_FULL = (
    "The picture could not be stored: the server's disk for pictures is full. Nothing was saved; "
    "try again later, and tell the site's administrators if it happens again."
)
_NO_ROOM = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


class StorageFull(Exception):
    def __init__(self, message=STORAGE_FULL):
        super().__init__(message)
        self.message = message


_written = threading.local()


@contextlib.contextmanager
def forgotten_on_failure():
    """Delete every media file written inside the block if the block raises."""
    outer = getattr(_written, "names", None)
    _written.names = names = []
    try:
        yield
    except BaseException:
        for name in names:
            with contextlib.suppress(OSError):
                default_storage.delete(name)
        raise
    finally:
        _written.names = outer
        if outer is not None:
            outer.extend(names)


def remember_written(name):
    """Note ``name`` as written, for ``forgotten_on_failure`` (every media storage calls this)."""
    names = getattr(_written, "names", None)
    if names is not None:
        names.append(name)


class MediaStorage(FileSystemStorage):
    """The local disk, which removes a file it could not finish and says so when the disk is full.

    A name given twice is written over: renditions keep their names when they are made again,
    and uploads get random names.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_overwrite", True)
        super().__init__(**kwargs)

    def _save(self, name, content):
        existed = self.exists(name)
        try:
            name = super()._save(name, content)
        except OSError as error:
            if not existed:
                with contextlib.suppress(OSError):
                    os.remove(self.path(name))
            if error.errno in _NO_ROOM:
                raise StorageFull() from error
            raise
        remember_written(name)
        return name


class StorageFullAdmin:
    """Admin mixin: a save that ran out of disk shows the form again, with the editor's input and the reason.

    The admin saves inside one transaction, so the database is as it was; the
    files the save wrote are deleted. The form is then validated once more
    with the reason as an error on the picture fields, so nothing is lost.
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        try:
            with forgotten_on_failure():
                return super().changeform_view(request, object_id, form_url, extra_context)
        except StorageFull as error:
            request.newsroom_storage_full = error.message
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        message = getattr(request, "newsroom_storage_full", None)
        return _refusing(form, message) if message else form


def _refusing(form_class, message):
    class RefusedForLackOfRoom(form_class):
        def clean(self):
            cleaned = super().clean()
            fields = [name for name in self.files if name in self.fields] or [None]
            for name in fields:
                self.add_error(name, message)
            return cleaned

    return RefusedForLackOfRoom


# The editor's image upload ------------------------------------------------------


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
    problem = image_problem(upload)
    if problem:
        return _error(problem)
    try:
        saved = default_storage.save(stored_name("uploads", upload), upload)
    except StorageFull as error:
        return _error(error.message, status=507)
    from .models import Picture  # newsroom.models imports this module: imported here, not at the top

    Picture.objects.create(name=saved)  # its credit and rights are edited under Pictures
    return JsonResponse({"url": default_storage.url(saved)})
