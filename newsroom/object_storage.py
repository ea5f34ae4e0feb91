"""Pictures in an S3-compatible bucket, shared by every app server (``DJANGO_MEDIA_STORAGE=s3``).

django-storages does the work; this class adds what the local disk's storage
does for the rest of the site: each write is remembered, so a save that fails
deletes the files it wrote (``newsroom.uploads.forgotten_on_failure``), and
``ready()`` answers the readiness probe. The settings that configure it are in
``newsroom/settings.py`` and the README.

Objects are public pictures, so their URLs need no signature: ``MEDIA_URL`` +
name, on the bucket's public address or the CDN in front of it. They carry the
same ``Cache-Control`` as pictures served from the disk (a day: uploads get new
random names, and a rendition made again keeps its name).
"""

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from storages.backends.s3 import S3Storage

from .uploads import remember_written


class ObjectStorage(S3Storage):
    def get_default_settings(self):
        # A bucket that does not answer is known within seconds (the readiness probe waits on it),
        # and a slow one gets a few tries before an upload fails.
        defaults = super().get_default_settings()
        defaults["client_config"] = Config(
            connect_timeout=3, read_timeout=30, retries={"mode": "standard", "max_attempts": 3}
        )
        return defaults

    def _save(self, name, content):
        name = super()._save(name, content)
        remember_written(name)
        return name

    def ready(self):
        """True when the bucket answers with these credentials."""
        try:
            self.connection.meta.client.head_bucket(Bucket=self.bucket_name)
        except (BotoCoreError, ClientError):
            return False
        return True
