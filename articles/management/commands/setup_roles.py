"""Create the two newsroom roles as groups with their permissions. Safe to run again."""

from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand

# Writers write: they create articles and edit them while they are drafts,
# with their bylines, FAQ entries and pins. They cannot publish or delete.
WRITER = [
    "articles.add_article", "articles.change_article", "articles.view_article",
    "articles.add_articleauthor", "articles.change_articleauthor", "articles.delete_articleauthor",
    "articles.view_articleauthor",
    "articles.add_alsoreadpin", "articles.change_alsoreadpin", "articles.delete_alsoreadpin",
    "articles.view_alsoreadpin",
    "articles.view_section", "articles.view_author", "articles.view_correction",
    "faq.add_faqentry", "faq.change_faqentry", "faq.delete_faqentry", "faq.view_faqentry",
    "newsroom.change_picture", "newsroom.view_picture",
]  # fmt: skip
# Editors also publish, unpublish and delete, and run sections, authors and FAQ pages.
EDITOR = [
    *WRITER,
    "articles.publish_article", "articles.delete_article",
    "articles.add_correction", "articles.change_correction", "articles.delete_correction",
    "articles.view_auditentry",
    "articles.add_section", "articles.change_section", "articles.delete_section",
    "articles.add_author", "articles.change_author", "articles.delete_author",
    "faq.add_faqpage", "faq.change_faqpage", "faq.delete_faqpage", "faq.view_faqpage",
    "taggit.add_tag", "taggit.change_tag", "taggit.delete_tag", "taggit.view_tag",
]  # fmt: skip
ROLES = {"Writers": WRITER, "Editors": EDITOR}


def permissions(names):
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


class Command(BaseCommand):
    help = "Create or update the Writers and Editors groups. Add staff users to one of them."

    def handle(self, *args, **options):
        for name, codenames in ROLES.items():
            group, _ = Group.objects.get_or_create(name=name)
            group.permissions.set(permissions(codenames))
            self.stdout.write(f"{name}: {len(codenames)} permissions")
