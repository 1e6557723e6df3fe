"""Dagster front of the pipeline: every asset calls :mod:`i18n_pipeline`.

Load it with ``dagster dev -m dagster_project.definitions`` (``make ui``) or
run the release job in process with ``python -m scripts.run_main_job``.
"""
