"""The executor of the code location: multiprocess locally, a pod per step on Kubernetes."""

from __future__ import annotations

from pathlib import Path

import yaml
from dagster import ExecutorDefinition, in_process_executor, multiprocess_executor

from dagster_project.settings import OrchestrationSettings
from i18n_pipeline.errors import ConfigError


def executor_for(config: OrchestrationSettings, root: Path) -> ExecutorDefinition:
    """The executor ``config.executor`` names; k8s reads its YAML config under ``root``."""
    if config.executor == "in_process":
        return in_process_executor
    if config.executor == "multiprocess":
        return multiprocess_executor
    from dagster_k8s import k8s_job_executor

    path = config.k8s_executor_config
    path = path if path.is_absolute() else root / path
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(path, f"cannot read the k8s executor config: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(path, "the k8s executor config must be a mapping of executor fields")
    return k8s_job_executor.configured(data, name="k8s")
