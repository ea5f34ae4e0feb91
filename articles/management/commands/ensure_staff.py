"""Make sure a superuser exists for the quickstart, and say how to log in."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create the staff account given by NEWSROOM_ADMIN_USER (default 'admin') if it is missing. "
        "Its password is NEWSROOM_ADMIN_PASSWORD, or a random one that is printed once."
    )

    def handle(self, *args, **options):
        username = os.environ.get("NEWSROOM_ADMIN_USER", "admin")
        password = os.environ.get("NEWSROOM_ADMIN_PASSWORD", "")
        user_model = get_user_model()
        user = user_model.objects.filter(username=username).first()
        if user is None:
            password = password or secrets.token_urlsafe(12)
            user = user_model.objects.create_superuser(username=username, email="", password=password)
            said = f"password: {password}"
        elif password:
            user.set_password(password)
            user.save(update_fields=["password"])
            said = "password: the value of NEWSROOM_ADMIN_PASSWORD"
        else:
            said = (
                "password: the one printed when it was created "
                f"(forgot it? run: .venv/bin/python manage.py changepassword {username})"
            )
        self.stdout.write(self.style.SUCCESS(f"Staff login at /admin/ -- user: {username}  {said}"))
