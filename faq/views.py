from django.urls import reverse
from django.views.generic import DetailView, ListView

from newsroom.dependencies import depends_on
from newsroom.site import ReaderView

from .caching import page_tag, shows_pages
from .models import FAQPage


class FAQPageListView(ReaderView, ListView):
    queryset = FAQPage.objects.published()
    template_name = "faq/faqpage_list.html"
    context_object_name = "pages"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shows_pages(context["pages"])
        return context


class FAQPageDetailView(ReaderView, DetailView):
    queryset = FAQPage.objects.published().prefetch_related("faq_entries")
    template_name = "faq/faqpage_detail.html"
    context_object_name = "page"

    def get_context_data(self, **kwargs):
        page = self.object
        depends_on(page_tag(page.pk))
        breadcrumbs = [
            ("Home", "/"),
            ("FAQs", reverse("faq:list")),
            (page.title, page.get_absolute_url()),
        ]
        return super().get_context_data(breadcrumbs=breadcrumbs, **kwargs)
