from newsroom.site import SiteSitemap

from .models import FAQPage


class FAQPageSitemap(SiteSitemap):
    def items(self):
        return FAQPage.objects.published().order_by("slug")

    def lastmod(self, page):
        return page.updated_at
