"""Property-based requests from the OpenAPI document against the live server: no 5xx."""

from __future__ import annotations

import time

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode

from tests.api.conftest import Live

EXAMPLES = 12  # per operation and mode: keeps the whole run well under a minute


@pytest.mark.slow
def test_no_operation_answers_with_a_server_error(live: Live) -> None:
    schema = schemathesis.openapi.from_url(f"{live.url}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    started = time.monotonic()
    checked: list[str] = []
    statuses: list[int] = []

    for operation in operations:
        strategy = st.one_of(
            operation.as_strategy(GenerationMode.POSITIVE),
            operation.as_strategy(GenerationMode.NEGATIVE),
        )

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=strategy)
        def exercise(case: schemathesis.Case) -> None:
            response = case.call(base_url=live.url, timeout=10)
            statuses.append(response.status_code)
            case.validate_response(response, checks=[not_a_server_error])

        exercise()
        checked.append(operation.label)

    assert len(checked) >= 13
    assert len(statuses) >= len(checked) * 2  # requests really went out
    assert {200, 404} <= set(statuses) and max(statuses) < 500
    assert time.monotonic() - started < 60
