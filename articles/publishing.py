"""The one publishing gate: every path that makes a story public asks it first.

The paths: the article form (publish now, or schedule: the scheduled time then
makes the story public by itself, with what was checked when it was scheduled;
any later edit goes through the form again), the admin's bulk *Publish* action,
review approval (the form's *Approve and publish*), and ``articles.desk.apply_state``
for restoring a revision or applying a writer's change on a public story. A new
path (an import) calls ``refusals`` before it sets the status and refuses with
the same messages.
"""

from . import structured_data

NO_AUTHOR = "An article needs at least one author before it can be published."
NO_SECTION = "An article needs a section before it can be published."
STRUCTURED_DATA = "Not published: the structured data has errors."


def field_refusals(article):
    """What in ``article``'s own fields stops it going public (usable before it is saved)."""
    found = []
    if article.section_id is None:
        found.append(NO_SECTION)
    blocking = structured_data.errors(structured_data.fields_findings(article))
    if blocking:
        found += [STRUCTURED_DATA, *(finding.message for finding in blocking)]
    return found


def refusals(article):
    """Every reason the saved ``article`` may not be made public; [] when it may."""
    has_author = article.pk is not None and article.bylines.exists()
    return ([] if has_author else [NO_AUTHOR]) + field_refusals(article)
