"""Pictures in a body: each shows its credit with its caption, and is dropped from caches when it changes.

``credited(html)`` is the sanitized body with a credit added to every picture
the editor uploaded (``newsroom.models.Picture``): in its figure's caption, or
in a caption made for it. A picture without a credit is staff work and is
credited to the publication, as a staff hero is.
"""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.html import escape
from django.utils.safestring import mark_safe
from lxml import etree
from lxml import html as lxml_html

from .dependencies import depends_on, invalidate, register_tag
from .models import Picture
from .publisher import identity


def picture_tag(pk):
    return f"picture-{pk}"


register_tag(Picture, picture_tag)


def _name(src):
    media = settings.MEDIA_URL
    return src[len(media) :] if src.startswith(media) else None


def credited(body):
    """``body`` (sanitized HTML) with each uploaded picture's credit in its caption; one query, if any."""
    if "<img" not in body:
        return mark_safe(body)  # sanitized on save: the only HTML marked safe
    container = lxml_html.fragment_fromstring(body, create_parent="div")
    images = [(image, _name(image.get("src", ""))) for image in container.iter("img")]
    names = {name for _, name in images if name}
    pictures = {picture.name: picture for picture in Picture.objects.filter(name__in=names)}
    if not pictures:
        return mark_safe(body)
    depends_on(*(picture_tag(picture.pk) for picture in pictures.values()))
    publication = identity()["name"]
    for image, name in images:
        picture = pictures.get(name)
        if picture is not None:
            _add_credit(image, picture.credit or publication)
    inner = (escape(container.text) if container.text else "") + "".join(
        etree.tostring(child, encoding="unicode", method="html") for child in container
    )
    return mark_safe(inner)  # built from the sanitized body and escaped credit text


def _add_credit(image, text):
    credit = etree.Element("span", {"class": "credit"})
    credit.text = text
    figure = image.getparent()
    if figure is None or figure.tag != "figure":  # a bare picture: the credit follows it
        credit.tail, image.tail = image.tail, " "
        image.addnext(credit)
        return
    caption = figure.find("figcaption")
    if caption is None:
        caption = etree.SubElement(figure, "figcaption")
    elif len(caption):
        caption[-1].tail = (caption[-1].tail or "") + " "
    elif (caption.text or "").strip():
        caption.text += " "
    caption.append(credit)


@receiver([post_save, post_delete], sender=Picture)
def _picture_changed(instance, **kwargs):
    invalidate({picture_tag(instance.pk)})
