"""Signals of the articles app, for work that follows a story becoming public."""

from django.dispatch import Signal

# Sent with ``articles`` (a queryset) when scheduled stories' publication time has come;
# ``lost`` when they are a guess (the record of the last check was gone).
came_public = Signal()
