"""Signals of the articles app, for work that follows a story becoming public."""

from django.dispatch import Signal

# Sent with ``articles`` (a queryset) when scheduled stories' publication time has come.
came_public = Signal()
