"""Reading a WordPress export (WXR 1.0 to 1.2) as a stream, in bounded memory.

An export is RSS with WordPress's namespaces (``http://`` or ``https://``,
as WordPress.com writes them). ``read_site`` reads it once for what every post
refers to (the site, authors, categories, attachments) and checks it is an
export at all; ``posts`` reads it again and yields one ``Post`` at a time.
Elements are dropped as soon as they are read, so a multi-gigabyte export
costs no more memory than its largest post.
"""

import re
from dataclasses import dataclass, field

from lxml import etree

WP = re.compile(r"^https?://wordpress\.org/export/1\.[0-2]/$")
EXCERPT = re.compile(r"^https?://wordpress\.org/export/1\.[0-2]/excerpt/$")
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"


class NotAnExport(Exception):
    """The file is not a WordPress export; nothing was read into the site."""


@dataclass
class Author:
    login: str
    name: str


@dataclass
class Category:
    slug: str
    name: str
    parent: str  # the parent's slug, "" at the top


@dataclass
class Attachment:
    id: str
    url: str
    path: str  # under wp-content/uploads/, as "2024/05/photo.jpg"
    alt: str
    caption: str
    credit: str = ""  # from the picture's IPTC data, as WordPress keeps it
    copyright: str = ""


@dataclass
class Post:
    id: str
    type: str
    status: str
    title: str
    slug: str
    link: str
    guid: str
    creator: str
    content: str
    excerpt: str
    date_gmt: str
    categories: list = field(default_factory=list)  # [(slug, name)]
    tags: list = field(default_factory=list)  # [(slug, name)]
    coauthors: list = field(default_factory=list)  # [(slug, name)], Co-Authors Plus
    meta: dict = field(default_factory=dict)
    comments: int = 0


@dataclass
class Site:
    url: str
    version: str
    authors: dict  # login -> Author
    categories: dict  # slug -> Category
    attachments: dict  # id -> Attachment
    posts: int  # items that are not attachments


def _kind(element):
    """(namespace kind, local name): kinds are "wp", "excerpt", "content", "dc" or ""."""
    name = etree.QName(element)
    namespace = name.namespace or ""
    if WP.match(namespace):
        return "wp", name.localname
    if EXCERPT.match(namespace):
        return "excerpt", name.localname
    return {CONTENT: "content", DC: "dc"}.get(namespace, "" if not namespace else "other"), name.localname


def _text(element):
    return (element.text or "").strip() if element is not None else ""


def _fields(element):
    """The children of ``element`` by (kind, name): the first text of each, and the elements themselves."""
    found, children = {}, []
    for child in element:
        if not isinstance(child.tag, str):  # a comment or a processing instruction
            continue
        key = _kind(child)
        children.append((key, child))
        found.setdefault(key, child.text or "")
    return found, children


def _events(path):
    """(kind, name, element) for each element directly in the channel, dropped once read."""
    with open(path, "rb") as source:
        yield from _channel_elements(source)


def _channel_elements(source):
    parser = etree.iterparse(
        source, events=("start", "end"), huge_tree=True, resolve_entities=False, no_network=True,
        load_dtd=False, remove_comments=True,
    )  # fmt: skip
    depth = 0
    try:
        for event, element in parser:
            if event == "start":
                depth += 1
                if depth == 1 and etree.QName(element).localname != "rss":
                    raise NotAnExport("it is XML, but not RSS (a WordPress export is an RSS file)")
                continue
            depth -= 1
            if depth == 2:  # rss > channel > here
                yield (*_kind(element), element)
                element.clear()
                parent = element.getparent()
                while element.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as error:
        raise NotAnExport(f"the XML is broken ({error})") from None


def read_site(path):
    """The first pass: the site, its authors, categories and attachments; refuses what is not an export."""
    url = version = ""
    authors, categories, attachments = {}, {}, {}
    posts = 0
    for kind, name, element in _events(path):
        if kind == "wp" and name == "wxr_version":
            version = _text(element)
        elif (kind == "wp" and name == "base_site_url") or (kind == "" and name == "link" and not url):
            url = _text(element)
        elif kind == "wp" and name == "author":
            values, _ = _fields(element)
            login = values.get(("wp", "author_login"), "").strip()
            if login:
                display = values.get(("wp", "author_display_name"), "").strip()
                authors[login] = Author(login=login, name=display or login)
        elif kind == "wp" and name == "category":
            values, _ = _fields(element)
            slug = values.get(("wp", "category_nicename"), "").strip()
            if slug:
                categories[slug] = Category(
                    slug=slug,
                    name=values.get(("wp", "cat_name"), "").strip() or slug,
                    parent=values.get(("wp", "category_parent"), "").strip(),
                )
        elif kind == "" and name == "item":
            post = _post(element)
            if post.type == "attachment":
                metadata = post.meta.get("_wp_attachment_metadata", "")
                attachments[post.id] = Attachment(
                    id=post.id,
                    url=post.meta.get("_attachment_url", ""),
                    path=post.meta.get("_wp_attached_file", ""),
                    alt=post.meta.get("_wp_attachment_image_alt", ""),
                    caption=post.excerpt,
                    credit=_php_string(metadata, "credit"),
                    copyright=_php_string(metadata, "copyright"),
                )
            else:
                posts += 1
    if not version:
        raise NotAnExport("it has no <wp:wxr_version>: WordPress writes one in every export")
    if not re.fullmatch(r"1\.[0-2]", version):
        raise NotAnExport(f"it says WXR version {version}; this import reads versions 1.0 to 1.2")
    return Site(url=url.rstrip("/"), version=version, authors=authors, categories=categories,
                attachments=attachments, posts=posts)  # fmt: skip


def _php_string(serialized, key):
    """The string ``key`` holds in a PHP-serialized array (WordPress's ``image_meta``), or ""."""
    found = re.search(r's:\d+:"' + re.escape(key) + r'";s:(\d+):"', serialized)
    if not found:
        return ""
    start = found.end()
    raw = serialized.encode("utf-8")[len(serialized[:start].encode("utf-8")) :][: int(found[1])]
    return raw.decode("utf-8", "replace").strip()


def posts(path):
    """The second pass: every item that is not an attachment, in the export's order."""
    for kind, name, element in _events(path):
        if kind == "" and name == "item":
            post = _post(element)
            if post.type != "attachment":
                yield post


def _post(item):
    values, children = _fields(item)
    post = Post(
        id=values.get(("wp", "post_id"), "").strip(),
        type=values.get(("wp", "post_type"), "post").strip() or "post",
        status=values.get(("wp", "status"), "").strip(),
        title=values.get(("", "title"), "").strip(),
        slug=values.get(("wp", "post_name"), "").strip(),
        link=values.get(("", "link"), "").strip(),
        guid=values.get(("", "guid"), "").strip(),
        creator=values.get(("dc", "creator"), "").strip(),
        content=values.get(("content", "encoded"), ""),
        excerpt=values.get(("excerpt", "encoded"), "").strip(),
        date_gmt=values.get(("wp", "post_date_gmt"), "").strip(),
    )
    for (kind, name), child in children:
        if kind == "" and name == "category":
            pair = (child.get("nicename", "").strip(), _text(child))
            domain = child.get("domain", "")
            if domain == "category":
                post.categories.append(pair)
            elif domain == "post_tag":
                post.tags.append(pair)
            elif domain == "author":
                post.coauthors.append(pair)
        elif kind == "wp" and name == "postmeta":
            meta, _ = _fields(child)
            key = meta.get(("wp", "meta_key"), "").strip()
            if key:
                post.meta[key] = meta.get(("wp", "meta_value"), "")
        elif kind == "wp" and name == "comment":
            post.comments += 1
        elif kind == "wp" and name == "attachment_url":
            post.meta["_attachment_url"] = _text(child)
    return post
