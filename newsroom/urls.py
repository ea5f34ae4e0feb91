from django.conf import settings
from django.contrib import admin
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.decorators.http import require_safe
from django.views.static import serve

from articles import sitemaps as article_sitemaps

from . import sitemaps, uploads

handler404 = "articles.views.page_not_found"
handler500 = "newsroom.security.server_error"

admin.site.site_header = f"{settings.SITE_NAME}: newsroom"
admin.site.site_title = "Newsroom admin"
admin.site.index_title = "Write, schedule and publish"


@require_safe
def favicon(request):
    return redirect(static("img/favicon.png"), permanent=True)


@require_safe
def media(request, path):
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    # Uploads and renditions get new random names when they change; a day keeps a rewrite visible.
    response["Cache-Control"] = "public, max-age=86400"
    return response


urlpatterns = [
    path("favicon.ico", favicon),
    path("robots.txt", sitemaps.robots, name="robots"),
    path("sitemap.xml", sitemaps.index, name="sitemap-index"),
    path("sitemap-news.xml", article_sitemaps.news, name="sitemap-news"),
    path("sitemap-<slug:section>.xml", sitemaps.section, name="sitemap-section"),
    path("admin/", admin.site.urls),
    path("richtext/image-upload/", uploads.image_upload, name="richtext_image_upload"),
    path("faq/", include("faq.urls")),
]

if settings.SERVE_MEDIA:
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns.append(re_path(rf"^{media_prefix}(?P<path>.*)$", media))

# Last: sections live at /<slug>/, so every fixed prefix must match first.
urlpatterns.append(path("", include("articles.urls")))
