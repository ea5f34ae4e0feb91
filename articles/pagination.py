"""Pages of a list without counting the whole list.

A news archive grows without end and readers page by "newer" and "older",
so a page fetches one row more than it shows to learn whether an older page
exists, and the site never runs COUNT(*) over the archive.
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


class UncountedPaginator:
    """Django's ``Paginator`` for lists that are never counted: ``page(n)`` is all it does."""

    def __init__(self, queryset, per_page):
        self.queryset = queryset
        self.per_page = per_page

    def page(self, number):
        """Page ``number`` (from 1); a 404 past the end, except for an empty first page."""
        offset = (number - 1) * self.per_page
        page = Page(list(self.queryset[offset : offset + self.per_page + 1]), number, self.per_page)
        if number > 1 and not page.object_list:
            raise Http404("No such page.")
        return page


def page_of(queryset, request):
    """The page of ``queryset`` that ``request`` asks for (``?page=``), ``NEWSROOM_PAGE_SIZE`` long."""
    return UncountedPaginator(queryset, settings.NEWSROOM_PAGE_SIZE).page(
        page_number(request.GET.get("page"))
    )
