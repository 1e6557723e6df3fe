"""The ``i18n`` command line: one module per command group, wired in ``main``."""
