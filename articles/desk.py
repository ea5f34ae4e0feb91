"""The desk: who may edit which story, review, restoring a revision, and writers' changes to public stories.

Writers edit the stories they created and those shared with them; editors edit
all. A writer submits a draft for review; an editor approves it (publishes now
or schedules) or sends it back with a note the writer sees. A writer's change
to a published or scheduled story waits as a ``PendingChange`` until an editor
applies or discards it; the live story stays as it was.

Restoring a revision and applying a proposed change both go through
``apply_state``: the story's content becomes the state's, its status and time
stay as they are (neither ever publishes by itself), and a public story must
still pass the publishing gate.
"""

from datetime import timedelta

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from . import audit, publishing, revisions
from .models import AlsoReadPin, Article, ArticleAuthor, Author, Correction, PendingChange, Section

# Restored with a revision: what readers read. Not the address (a story keeps its URL), nor
# its status and publication time (restoring never publishes or takes down by itself).
RESTORED_FIELDS = [
    "headline", "standfirst", "body", "hero_alt", "hero_caption", "hero_credit", "hero_copyright",
    "hero_license", "hero_license_page", "seo_title", "meta_description",
]  # fmt: skip


class Refused(Exception):
    """The publishing gate refused the state for a public story; ``reasons`` says why."""

    def __init__(self, reasons):
        super().__init__(" ".join(reasons))
        self.reasons = reasons


def is_editor(user):
    return user.has_perm("articles.publish_article")


def can_edit(user, article):
    """Editors edit every story; writers those they created or that are shared with them."""
    if is_editor(user):
        return True
    if not user.has_perm("articles.change_article"):
        return False
    return article.created_by_id == user.pk or article.shared_with.filter(pk=user.pk).exists()


def editable_by(user):
    """The stories ``user`` may edit, as a queryset."""
    stories = Article.objects.all()
    if is_editor(user):
        return stories
    return stories.filter(created_by=user) | stories.filter(shared_with=user)


def waits_for_an_editor(user, article):
    """A writer's save of a published or scheduled story becomes a proposed change."""
    return article.pk is not None and article.status == Article.Status.PUBLISHED and not is_editor(user)


def submit(user, article):
    """A writer hands the draft to the editors."""
    Article.objects.filter(pk=article.pk).update(status=Article.Status.REVIEW, review_note="")
    article.status, article.review_note = Article.Status.REVIEW, ""
    audit.record(user, article, audit.Action.SUBMITTED)


def send_back(user, article, note):
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT, review_note=note)
    article.status, article.review_note = Article.Status.DRAFT, note
    audit.record(user, article, audit.Action.SENT_BACK, note)


@transaction.atomic
def apply_state(article, state, user, *, comment, action, detail=""):
    """Give the story ``state``'s content; for a public story the gate may refuse, changing nothing."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    fields = state["fields"]
    for name in RESTORED_FIELDS:
        setattr(article, name, fields[name] or "")
    if Section.objects.filter(pk=fields["section"]).exists():
        article.section_id = fields["section"]
    hero = fields["hero_image"] or ""
    if not hero or default_storage.exists(hero):  # a picture deleted since is not brought back
        article.hero_image = hero
    article.save()
    _set_lists(article, state)
    if article.status == Article.Status.PUBLISHED:
        refused = publishing.refusals(article)
        if refused:
            raise Refused(refused)
    revisions.record(article, user, comment)
    audit.record(user, article, action, detail)
    return article


def _set_lists(article, state):
    """Bring the byline, tags, FAQ and pins to ``state``'s; a list that is already so is left alone."""
    now = revisions.lists_of(article)
    if [b["author"] for b in now["bylines"]] != [b["author"] for b in state["bylines"]]:
        wanted = [b["author"] for b in state["bylines"]]
        known = set(Author.objects.filter(pk__in=wanted).values_list("pk", flat=True))
        article.bylines.all().delete()
        for index, author in enumerate(author for author in wanted if author in known):
            ArticleAuthor.objects.create(article=article, author_id=author, position=index)
    if now["tags"] != state["tags"]:  # retagging reaches other stories' Also Read: only when it changed
        article.tags.set(state["tags"])
    if now["faq"] != state["faq"]:
        article.faq_entries.all().delete()
        for index, entry in enumerate(state["faq"]):
            article.faq_entries.create(question=entry["question"], answer=entry["answer"], position=index)
    if [p["article"] for p in now["pins"]] != [p["article"] for p in state["pins"]]:
        wanted = [p["article"] for p in state["pins"] if p["article"] != article.pk]
        known = set(Article.objects.filter(pk__in=wanted).values_list("pk", flat=True))
        article.pins.all().delete()
        for index, pinned in enumerate(pinned for pinned in wanted if pinned in known):
            AlsoReadPin.objects.create(article=article, pinned_id=pinned, position=index)


def restore(article, content, user):
    """Restore the revision ``content`` (a RevisionContent) as a new edit by ``user``."""
    when = timezone.localtime(content.revision.date_created)
    return apply_state(
        article,
        revisions.state_of_revision(content),
        user,
        comment=f"Restored the revision of {when:%Y-%m-%d %H:%M}",
        action=audit.Action.RESTORED,
        detail=f"the revision of {when:%Y-%m-%d %H:%M}",
    )


def propose(user, article, state):
    """Keep a writer's change to a public story for an editor (one per writer: a new one replaces it)."""
    PendingChange.objects.update_or_create(
        article=article, proposed_by=user, defaults={"state": state, "proposed_at": timezone.now()}
    )
    audit.record(user, article, audit.Action.SUBMITTED, "changes to the published story")


def apply_pending(pending, user):
    name = pending.proposer
    article = apply_state(
        pending.article,
        pending.state,
        user,
        comment=f"Applied the changes proposed by {name}",
        action=audit.Action.APPROVED,
        detail=f"changes proposed by {name}",
    )
    pending.delete()
    return article


def discard_pending(pending, user):
    name = pending.proposer
    audit.record(user, pending.article, audit.Action.SENT_BACK, f"discarded the changes proposed by {name}")
    pending.delete()


def dashboard(user, now=None):
    """What the admin's front page shows ``user``: the desk's queues, each a short list."""
    now = now or timezone.now()
    listed = Article.objects.select_related("section").order_by
    queues = {
        "my_drafts": listed("-updated_at").filter(
            created_by=user, status__in=[Article.Status.DRAFT, Article.Status.REVIEW]
        )[:10],
    }
    if is_editor(user):
        queues |= {
            "in_review": listed("updated_at").filter(status=Article.Status.REVIEW)[:20],
            "pending": PendingChange.objects.select_related("article", "proposed_by")[:20],
            "scheduled": listed("published_at").filter(
                status=Article.Status.PUBLISHED,
                published_at__gt=now,
                published_at__lte=now + timedelta(hours=24),
            )[:20],
            "published": Article.objects.published().select_related("section").order_by("-published_at")[:10],
            "corrections": Correction.objects.select_related("article").order_by("-published_at")[:10],
        }
    return queues
