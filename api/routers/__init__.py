"""One router per HTTP concept; :func:`api.app.create_app` includes them all."""
