"""Bringing stories in: WordPress exports (``wxr``, ``wordpress``) and documents (``documents``).

The management commands and the admin's import pages call the same functions.
"""
