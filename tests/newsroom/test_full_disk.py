"""A full disk for pictures: the editor is told, and nothing is half-saved.

The media folder is a real small filesystem (a tmpfs mounted for the test),
filled until only the original upload fits: the hero's renditions then run out
of room part way, as they would on a production disk.
"""

import io
import os
import random
import subprocess
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Article
from newsroom.uploads import STORAGE_FULL
from tests.admin_forms import ADD_URL, article_data, change_data, errors_of
from tests.factories import make_article, make_author, make_section
from tests.servers import require

pytestmark = pytest.mark.django_db

DISK_BYTES = 32 * 1024 * 1024


def noisy_jpeg(name="storm.jpg", size=(1400, 900)):
    """A photograph-like JPEG: noise does not compress, so its renditions are large too."""
    rng = random.Random(7)
    image = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


class SmallDisk:
    def __init__(self, path):
        self.path = path

    def fill(self, leave):
        """Take all the room but ``leave`` bytes."""
        free = os.statvfs(self.path)
        room = free.f_bavail * free.f_frsize
        with open(self.path / ".filler", "wb") as filler:
            filler.write(b"\0" * max(room - leave, 0))

    def free(self):
        (self.path / ".filler").unlink()

    def files(self):
        return sorted(
            str(p.relative_to(self.path)) for p in self.path.rglob("*") if p.is_file() and p.name != ".filler"
        )


@pytest.fixture
def disk(settings, tmp_path):
    path = tmp_path / "small-disk"
    path.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={DISK_BYTES}", "tmpfs", str(path)], capture_output=True
    )
    require(mounted.returncode == 0, "mounting a small tmpfs needs root (mount -t tmpfs)")
    settings.MEDIA_ROOT = path
    try:
        yield SmallDisk(Path(path))
    finally:
        subprocess.run(["umount", str(path)], check=True)


def test_the_editors_image_upload_on_a_full_disk_is_a_clear_error_and_leaves_no_file(staff_client, disk):
    upload = noisy_jpeg()
    disk.fill(leave=len(upload.read()) // 2)
    upload.seek(0)
    response = staff_client.post(reverse("richtext_image_upload"), {"upload": upload})
    assert response.status_code == 507
    assert response.json()["error"]["message"] == STORAGE_FULL
    assert disk.files() == []


def test_a_new_story_whose_hero_fills_the_disk_is_not_saved_and_keeps_what_was_typed(staff_client, disk):
    section, author = make_section("Weather"), make_author("Ada Lane")
    upload = noisy_jpeg()
    disk.fill(leave=len(upload.read()) + 64 * 1024)  # the original fits, its renditions do not
    upload.seek(0)
    data = article_data(section, [author], headline="Storm closes the coast road", hero_image=upload)
    data["hero_alt"] = "Waves over the sea wall"
    response = staff_client.post(ADD_URL, data)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["hero_image"] == [STORAGE_FULL]
    assert form["headline"].value() == "Storm closes the coast road"
    assert form["hero_alt"].value() == "Waves over the sea wall"
    assert not Article.objects.exists()
    assert disk.files() == []


def test_a_new_hero_on_a_published_story_on_a_full_disk_leaves_the_story_as_it_was(
    staff_client, client, disk
):
    story = make_article("Harbour reopens", standfirst="Boats are back.")
    before = story.hero_image.name
    upload = noisy_jpeg()
    disk.fill(leave=len(upload.read()) + 64 * 1024)
    upload.seek(0)
    data = change_data(
        staff_client,
        story,
        headline="Harbour reopens after the storm",
        hero_image=upload,
        hero_alt="The harbour",
    )
    response = staff_client.post(reverse("admin:articles_article_change", args=[story.pk]), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["hero_image"] == [STORAGE_FULL]
    story.refresh_from_db()
    assert story.headline == "Harbour reopens"
    assert story.hero_image.name == before
    assert disk.files() == []
    page = client.get(story.get_absolute_url())
    assert page.status_code == 200
    assert "Harbour reopens after the storm" not in page.content.decode()


def test_once_there_is_room_again_the_same_post_saves_the_story_with_its_renditions(staff_client, disk):
    section, author = make_section("Weather"), make_author("Ada Lane")
    upload = noisy_jpeg()
    disk.fill(leave=len(upload.read()) + 64 * 1024)
    data = article_data(section, [author], hero_image=upload, hero_alt="Waves")
    upload.seek(0)
    assert staff_client.post(ADD_URL, data).status_code == 200
    disk.free()
    upload.seek(0)
    response = staff_client.post(ADD_URL, data)
    assert response.status_code == 302, errors_of(response)
    article = Article.objects.get()
    files = disk.files()
    assert article.hero_image.name in files
    assert {article.hero_renditions[shape]["name"] for shape in ("16x9", "4x3", "1x1")} <= set(files)
