from django import forms
from django.conf import settings


class SearchForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=settings.NEWSROOM_SEARCH_MAX_LENGTH,
        error_messages={"max_length": "Search for at most %(limit_value)d characters."},
    )

    def clean_q(self):
        # Control characters (NUL among them) mean nothing in a search and
        # some databases refuse them outright.
        text = "".join(ch if ch.isprintable() else " " for ch in self.cleaned_data["q"])
        return " ".join(text.split())
