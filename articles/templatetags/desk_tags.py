"""The admin front page's desk dashboard."""

from django import template

from articles import desk

register = template.Library()


@register.inclusion_tag("admin/articles/dashboard.html", takes_context=True)
def desk_dashboard(context):
    user = context["request"].user
    return {"queues": desk.dashboard(user), "is_editor": desk.is_editor(user)}
