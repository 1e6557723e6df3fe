"""The HTTP API over published releases: FastAPI app, routers, caching headers.

:func:`api.app.create_app` builds the application; ``i18n serve`` runs it
under uvicorn. The API only reads releases (from the store or an edge
mirror) and moves the ``current`` pointer when an operator activates one.
"""
