"""The FAQPage node: the machine-readable twin of the visible FAQ section."""


def faq_page_node(entries, page_url):
    """One FAQPage for ``entries`` in their visible order; None when there are none."""
    entries = list(entries)
    if not entries:
        return None
    return {
        "@type": "FAQPage",
        "@id": f"{page_url}#faq",
        "url": page_url,
        "mainEntity": [
            {
                "@type": "Question",
                "@id": f"{page_url}#{entry.anchor}",
                "name": entry.question,
                "position": position,
                "acceptedAnswer": {"@type": "Answer", "text": entry.answer},
            }
            for position, entry in enumerate(entries, start=1)
        ],
    }
