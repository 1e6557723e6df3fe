"""Localization and compliance content pipeline.

The library does the work as functions over files and data; the ``i18n``
command line, the Dagster project and the HTTP API are thin fronts on it.
"""

__version__ = "0.1.0"
