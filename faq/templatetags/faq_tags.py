from django import template

register = template.Library()


@register.inclusion_tag("faq/includes/faq_section.html")
def faq_section(entries, heading="FAQs"):
    """The visible FAQ section; ``entries`` come prefetched from the view."""
    return {"entries": list(entries), "heading": heading}
