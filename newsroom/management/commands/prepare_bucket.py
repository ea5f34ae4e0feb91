"""Make the pictures' bucket ready: create it if it is missing, and let anyone read its pictures."""

import json

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError


def public_read(bucket):
    """A bucket policy under which anyone may read (GET) an object, and do nothing else."""
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "PicturesArePublic",
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": f"arn:aws:s3:::{bucket}/*",
                }
            ],
        }
    )


class Command(BaseCommand):
    help = (
        "With DJANGO_MEDIA_STORAGE=s3: create the pictures' bucket if it is missing and give it a "
        "policy under which anyone may read its pictures (readers' browsers load them from MEDIA_URL)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep-policy",
            action="store_true",
            help="Leave the bucket's policy alone (a CDN with its own access to the bucket serves it).",
        )

    def handle(self, *args, keep_policy=False, **options):
        if settings.MEDIA_STORAGE != "s3":
            raise CommandError("Pictures are on this server's disk (DJANGO_MEDIA_STORAGE is not s3).")
        bucket = default_storage.bucket_name
        client = default_storage.connection.meta.client
        try:
            if default_storage.ready():
                self.stdout.write(f"Bucket {bucket} is there.")
            else:
                options = {}
                region = client.meta.region_name
                if region and region != "us-east-1":
                    options["CreateBucketConfiguration"] = {"LocationConstraint": region}
                client.create_bucket(Bucket=bucket, **options)
                self.stdout.write(f"Created bucket {bucket}.")
            if not keep_policy:
                client.put_bucket_policy(Bucket=bucket, Policy=public_read(bucket))
                self.stdout.write("Anyone may now read (GET) its pictures, and nothing more.")
        except (BotoCoreError, ClientError) as error:
            raise CommandError(f"The bucket {bucket} could not be prepared: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Pictures go to {bucket}, at {settings.MEDIA_URL}"))
