"""What the article admin's form posts, and the errors it shows back."""

from django.urls import reverse
from lxml import html as lxml_html

ADD_URL = reverse("admin:articles_article_add")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


FAQ_PREFIX = "faq-faqentry-content_type-object_id"


def formset(prefix, rows, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{field}": value for field, value in row.items()})
    return data


def article_data(section, authors=(), faqs=(), **overrides):
    data = {
        "headline": "Ferry timetable changes",
        "slug": "ferry-timetable-changes",
        "standfirst": "Fewer sailings on Sundays from May.",
        "body": "<h2>What changes</h2><p>The <strong>Sunday</strong> service drops to four sailings.</p>",
        "section": section.pk,
        "tags": "Ferries, Transport",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "hero_alt": "",
        "hero_caption": "",
        "hero_credit": "",
        "seo_title": "",
        "meta_description": "",
        "loaded_version": "",
        **formset("bylines", [{"author": a.pk, "position": i} for i, a in enumerate(authors)]),
        **formset(FAQ_PREFIX, [{"question": q, "answer": a, "position": i} for i, (q, a) in enumerate(faqs)]),
        **formset("pins", []),
        **formset("corrections", []),
    }
    data.update(overrides)
    return data


def errors_of(response):
    """Every error message on a re-rendered admin form, as one string."""
    context = response.context
    messages = [str(e) for e in context["adminform"].form.errors.values()]
    for inline in context["inline_admin_formsets"]:
        messages += [str(e) for e in inline.formset.non_form_errors()]
        messages += [str(e) for form_errors in inline.formset.errors for e in form_errors.values()]
    return " ".join(messages)


def change_data(staff_client, article, **overrides):
    """What a browser posts from ``article``'s change page when nothing is touched, with ``overrides``."""
    page = staff_client.get(change_url(article))
    (form,) = [f for f in lxml_html.document_fromstring(page.content).forms if f.get("id") == "article_form"]
    data = {}
    for name, value in form.form_values():
        data.setdefault(name, value)
    data.update(overrides)
    return data
