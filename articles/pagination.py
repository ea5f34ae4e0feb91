"""Pages of a list without counting the whole list.

A news archive grows without end and readers page by "newer" and "older",
so a page fetches one row more than it shows to learn whether an older page
exists, and the site never runs COUNT(*) over the archive.

A deep page (past ``DEEP_PAGE``) first finds its rows' ids, which an index
alone can answer, and then loads only those rows: skipping thousands of
stories costs an index range, not thousands of rows read in full.
"""

from django.conf import settings
from django.http import Http404

from newsroom.site import page_number


class Page:
    def __init__(self, rows, number, size):
        self.object_list = rows[:size]
        self.number = number
        self._has_next = len(rows) > size

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_next(self):
        return self._has_next

    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self.has_next() or self.has_previous()

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1


DEEP_PAGE = 5


class UncountedPaginator:
    """Django's ``Paginator`` for lists that are never counted: ``page(n)`` is all it does.

    ``ids(offset, count)``, when given, names a deep page's rows from an index of
    the list's own (a tag's postings); otherwise they come from the queryset's ids.
    """

    def __init__(self, queryset, per_page, ids=None):
        self.queryset = queryset
        self.per_page = per_page
        self.ids = ids or (
            lambda offset, count: list(self.queryset.values_list("pk", flat=True)[offset : offset + count])
        )

    def page(self, number):
        """Page ``number`` (from 1); a 404 past the end, except for an empty first page."""
        offset, count = (number - 1) * self.per_page, self.per_page + 1
        if number > DEEP_PAGE:
            rows = list(self.queryset.filter(pk__in=self.ids(offset, count)))
        else:
            rows = list(self.queryset[offset : offset + count])
        page = Page(rows, number, self.per_page)
        if number > 1 and not page.object_list:
            raise Http404("No such page.")
        return page


def page_of(queryset, request, ids=None):
    """The page of ``queryset`` that ``request`` asks for (``?page=``), ``NEWSROOM_PAGE_SIZE`` long."""
    return UncountedPaginator(queryset, settings.NEWSROOM_PAGE_SIZE, ids).page(
        page_number(request.GET.get("page"))
    )
