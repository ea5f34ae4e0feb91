from .navigation import nav_sections


def navigation(request):
    # Callable: evaluated only by templates that show the navigation.
    return {"nav_sections": nav_sections}
