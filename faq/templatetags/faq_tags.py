from django import template

from faq.jsonld import faq_page_graph
from newsroom.jsonld import script

register = template.Library()


@register.inclusion_tag("faq/includes/faq_section.html")
def faq_section(entries, heading="FAQs"):
    """The visible FAQ section; ``entries`` come prefetched from the view."""
    return {"entries": list(entries), "heading": heading}


@register.simple_tag
def faq_page_jsonld(page, breadcrumbs):
    return script(faq_page_graph(page, breadcrumbs))
