"""Entry-point scripts run with ``python -m scripts.<name>``."""
