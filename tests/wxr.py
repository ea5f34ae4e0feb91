"""WordPress exports written for the tests: ``export(posts, ...)`` gives the XML of a WXR file."""

import json
from xml.sax.saxutils import escape

AUTHORS = [
    ("jdoe", "Jane Doe", "jane@old.example.com"),
    ("msmith", "Mark Smith", "mark@old.example.com"),
]
CATEGORIES = [  # (slug, name, parent)
    ("news", "News", ""), ("local", "Local", "news"), ("sport", "Sport", ""),
    ("football", "Football", "sport"), ("premier-league", "Premier League", "football"),
    ("uncategorized", "Uncategorized", ""),
]  # fmt: skip


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def item(
    post_id, title, *, status="publish", post_type="post", slug=None, creator="jdoe", content="<p>Text.</p>",
    excerpt="", date_gmt="2024-05-03 10:00:00", categories=(), tags=(), coauthors=(), meta=None, comments=0,
    link=None, guid=None,
):  # fmt: skip
    slug = slug if slug is not None else title.lower().replace(" ", "-")
    link = link if link is not None else f"https://old.example.com/2024/05/03/{slug}/"
    guid = guid if guid is not None else f"https://old.example.com/?p={post_id}"
    parts = [
        f"<title>{escape(title)}</title>",
        f"<link>{escape(link)}</link>",
        f'<guid isPermaLink="false">{escape(guid)}</guid>',
        f"<dc:creator>{cdata(creator)}</dc:creator>",
        f"<content:encoded>{cdata(content)}</content:encoded>",
        f"<excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>",
        f"<wp:post_id>{post_id}</wp:post_id>",
        f"<wp:post_date_gmt>{cdata(date_gmt)}</wp:post_date_gmt>",
        f"<wp:post_name>{cdata(slug)}</wp:post_name>",
        f"<wp:status>{cdata(status)}</wp:status>",
        f"<wp:post_type>{cdata(post_type)}</wp:post_type>",
    ]
    parts += [f'<category domain="category" nicename="{s}">{cdata(n)}</category>' for s, n in categories]
    parts += [f'<category domain="post_tag" nicename="{s}">{cdata(n)}</category>' for s, n in tags]
    parts += [f'<category domain="author" nicename="{s}">{cdata(n)}</category>' for s, n in coauthors]
    for key, value in (meta or {}).items():
        parts.append(
            f"<wp:postmeta><wp:meta_key>{cdata(key)}</wp:meta_key><wp:meta_value>{cdata(value)}</wp:meta_value>"
            "</wp:postmeta>"
        )
    for n in range(comments):
        parts.append(
            f"<wp:comment><wp:comment_id>{n + 1}</wp:comment_id><wp:comment_author>{cdata('Reader')}"
            f"</wp:comment_author><wp:comment_content>{cdata('Nice.')}</wp:comment_content></wp:comment>"
        )
    return "<item>" + "".join(parts) + "</item>"


def attachment(post_id, path, *, alt="", caption="", credit="", copyright_notice=""):
    meta = {"_wp_attached_file": path, "_wp_attachment_image_alt": alt}
    if credit or copyright_notice:  # as WordPress keeps a picture's IPTC data, PHP-serialized
        fields = {"credit": credit, "copyright": copyright_notice, "caption": ""}
        inner = "".join(f's:{len(k)}:"{k}";s:{len(v.encode())}:"{v}";' for k, v in fields.items())
        meta["_wp_attachment_metadata"] = (
            f'a:2:{{s:5:"width";i:1600;s:10:"image_meta";a:{len(fields)}:{{{inner}}}}}'
        )
    body = item(
        post_id, path.rsplit("/", 1)[-1], post_type="attachment", status="inherit", excerpt=caption, meta=meta
    )
    url = f"https://old.example.com/wp-content/uploads/{path}"
    return body.replace("</item>", f"<wp:attachment_url>{url}</wp:attachment_url></item>")


def export(items, *, version="1.2", scheme="http", site="https://old.example.com"):
    wp = f"{scheme}://wordpress.org/export/{version}/"
    authors = "".join(
        f"<wp:author><wp:author_id>{n}</wp:author_id><wp:author_login>{cdata(login)}</wp:author_login>"
        f"<wp:author_email>{cdata(email)}</wp:author_email><wp:author_display_name>{cdata(name)}"
        "</wp:author_display_name></wp:author>"
        for n, (login, name, email) in enumerate(AUTHORS, 1)
    )
    categories = "".join(
        f"<wp:category><wp:term_id>{n}</wp:term_id><wp:category_nicename>{cdata(slug)}</wp:category_nicename>"
        f"<wp:category_parent>{cdata(parent)}</wp:category_parent><wp:cat_name>{cdata(name)}</wp:cat_name>"
        "</wp:category>"
        for n, (slug, name, parent) in enumerate(CATEGORIES, 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" ?>\n'
        '<rss version="2.0" xmlns:excerpt="'
        + wp
        + 'excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        f'xmlns:wp="{wp}">\n<channel><title>The Old Gazette</title><link>{site}</link>'
        f"<wp:wxr_version>{version}</wp:wxr_version><wp:base_site_url>{site}</wp:base_site_url>"
        f"<wp:base_blog_url>{site}</wp:base_blog_url>{authors}{categories}"
        + "".join(items)
        + "</channel></rss>\n"
    )


def yoast_faq_new(entries):
    """Yoast's FAQ block as it writes it today: question and answer as HTML strings."""
    questions = [
        {"id": f"faq-question-{n}", "question": q, "answer": a, "jsonQuestion": q, "jsonAnswer": a}
        for n, (q, a) in enumerate(entries)
    ]
    saved = "".join(
        f"<div class='schema-faq-section'><strong>{q}</strong><p>{a}</p></div>" for q, a in entries
    )
    attrs = json.dumps({"questions": questions}).replace("--", "\\u002d\\u002d")
    saved = f'<div class="schema-faq wp-block-yoast-faq-block">{saved}</div>'
    return f"<!-- wp:yoast/faq-block {attrs} -->\n{saved}\n<!-- /wp:yoast/faq-block -->"


def yoast_faq_old(entries):
    """Yoast's older FAQ block: question and answer as arrays of text nodes (strings and elements)."""
    questions = [{"id": f"faq-question-{n}", "question": q, "answer": a} for n, (q, a) in enumerate(entries)]
    attrs = json.dumps({"questions": questions})
    stale = '<div class="schema-faq">A question the block no longer has?</div>'
    return f"<!-- wp:yoast/faq-block {attrs} -->\n{stale}\n<!-- /wp:yoast/faq-block -->"


def rank_math_faq(entries, stale_html="<div>An old question?</div>"):
    """Rank Math's FAQ block: title, content and ``visible`` per question; its saved HTML may be stale."""
    questions = [
        {"id": f"rm-faq-{n}", "title": q, "content": a, "visible": visible}
        for n, (q, a, visible) in enumerate(entries)
    ]
    attrs = json.dumps({"titleWrapper": "h3", "questions": questions})
    return f"<!-- wp:rank-math/faq-block {attrs} -->\n{stale_html}\n<!-- /wp:rank-math/faq-block -->"
