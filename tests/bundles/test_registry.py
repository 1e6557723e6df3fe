"""The format registry and the release artifacts of one catalog."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from babel.messages.catalog import Catalog

from i18n_pipeline.artifacts import sha256_hex
from i18n_pipeline.bundles import (
    FORMATS,
    bundle_artifacts,
    gettext_json,
    i18next,
    mo,
    render_bundle,
)
from i18n_pipeline.errors import BundleError, LocaleError


def test_registry_lists_the_three_formats_with_their_renderers() -> None:
    assert {name: spec.render for name, spec in FORMATS.items()} == {
        "i18next": i18next.render,
        "gettext": gettext_json.render,
        "mo": mo.render,
    }


def test_render_bundle_dispatches_by_format_name(load_catalog: Callable[[str], Catalog]) -> None:
    catalog = load_catalog("fr")

    assert render_bundle(catalog, "fr", "gettext") == gettext_json.render(catalog, "fr")
    assert render_bundle(catalog, "fr", "mo") == mo.render(catalog, "fr")


def test_unknown_format_names_the_known_ones(load_catalog: Callable[[str], Catalog]) -> None:
    with pytest.raises(BundleError, match="unknown bundle format 'xliff'; known formats: i18next"):
        render_bundle(load_catalog("fr"), "fr", "xliff")


def test_malformed_locale_tag_is_refused(load_catalog: Callable[[str], Catalog]) -> None:
    with pytest.raises(LocaleError, match="malformed locale tag 'fr--'"):
        render_bundle(load_catalog("fr"), "fr--", "i18next")


def test_artifacts_are_named_by_region_tag_and_domain(
    load_catalog: Callable[[str], Catalog],
) -> None:
    artifacts = bundle_artifacts(load_catalog("ja"), "apac", "ja", "messages")

    assert [(a.name, a.format, a.kind, a.domain) for a in artifacts] == [
        ("apac/ja/messages.i18next.json", "i18next", "bundle", "messages"),
        ("apac/ja/messages.gettext.json", "gettext", "bundle", "messages"),
        ("apac/ja/messages.mo", "mo", "bundle", "messages"),
    ]
    for artifact in artifacts:
        assert artifact.data == render_bundle(load_catalog("ja"), "ja", artifact.format)
        assert re.fullmatch(
            r"apac/ja/messages\.(i18next|gettext)?\.?[0-9a-f]{12}\.(json|mo)", artifact.path
        )
        assert artifact.path.count(sha256_hex(artifact.data)[:12]) == 1


def test_artifact_names_use_the_canonical_bcp47_tag(
    load_catalog: Callable[[str], Catalog],
) -> None:
    artifacts = bundle_artifacts(load_catalog("ja"), "apac", "ja_JP", "notices")

    assert {a.name.split("/")[1] for a in artifacts} == {"ja-JP"}


def test_same_catalog_gives_the_same_file_names(load_catalog: Callable[[str], Catalog]) -> None:
    first = [a.path for a in bundle_artifacts(load_catalog("ar"), "emea", "ar", "messages")]
    second = [a.path for a in bundle_artifacts(load_catalog("ar"), "emea", "ar", "messages")]

    assert first == second
    assert len(set(first)) == 3


def test_artifacts_can_be_limited_to_some_formats(load_catalog: Callable[[str], Catalog]) -> None:
    artifacts = bundle_artifacts(load_catalog("fr"), "emea", "fr", "notices", ["mo", "i18next"])

    assert [a.name for a in artifacts] == ["emea/fr/notices.mo", "emea/fr/notices.i18next.json"]
    with pytest.raises(BundleError, match="unknown bundle format 'po'"):
        bundle_artifacts(load_catalog("fr"), "emea", "fr", "notices", ["po"])
