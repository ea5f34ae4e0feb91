"""A draft story from a document: .docx, Markdown, HTML or plain text."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from articles.imports import documents, stories
from articles.models import Author, Section


class Command(BaseCommand):
    help = (
        "Make a draft from a document (.docx, .md, .html or .txt): its title, body, FAQ section as FAQ "
        "entries, and a trailing “Also Read:” list as pins where it names published stories."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--section", required=True, help="The section's slug.")
        parser.add_argument(
            "--author", action="append", default=[], help="An author's slug (repeat for more)."
        )

    def handle(self, *args, file, section, author, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file. Nothing was imported.")
        found_section = Section.objects.filter(slug=section).first()
        if found_section is None:
            raise CommandError(f"No section has the slug “{section}”. Nothing was imported.")
        authors = list(Author.objects.filter(slug__in=author))
        missing = sorted(set(author) - {a.slug for a in authors})
        if missing:
            raise CommandError(f"No author has the slug {', '.join(missing)}. Nothing was imported.")
        try:
            story = documents.read(path.name, path.read_bytes())
        except documents.UnreadableDocument as error:
            raise CommandError(f"{file}: {error} Nothing was imported.") from None
        authors.sort(key=lambda a: author.index(a.slug))
        article, unmatched = stories.create_draft(
            story, section=found_section, authors=authors, source=path.name
        )
        self.stdout.write(story.summary())
        for text in unmatched:
            self.stdout.write(f"Also Read names no published story: {text}")
        self.stdout.write(f"Draft saved: {reverse('admin:articles_article_change', args=[article.pk])}")
