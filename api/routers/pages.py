"""``GET /``: a page for people with completion per language and region."""

from __future__ import annotations

from html import escape
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from starlette.responses import Response

from api.caching import Content, Resource, make_resource
from api.deps import respond, snapshot
from api.release_cache import ReleaseSnapshot, content_tag
from i18n_pipeline.manifest import LocaleEntry

router = APIRouter(tags=["pages"])

_STYLE = (
    "body{font-family:system-ui,sans-serif;margin:2rem;color:#222}"
    "table{border-collapse:collapse;margin-bottom:2rem}"
    "th,td{padding:.3rem .8rem;border-bottom:1px solid #ddd;text-align:left}"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}"
    ".pass{color:#2e7d32}.warn{color:#b26a00}.fail{color:#c62828}.excluded{color:#616161}"
)


def _row(entry: LocaleEntry) -> str:
    messages = entry.completion.get("messages")
    share = f"{messages.messages:.1%}" if messages else "-"
    counts = f"{messages.translated}/{messages.total}" if messages else "-"
    status = entry.gate.status
    return (
        f'<tr><td lang="{escape(entry.locale)}">{escape(entry.name)}</td>'
        f"<td>{escape(entry.locale)}</td><td>{entry.priority}</td>"
        f'<td class="n">{share}</td><td class="n">{counts}</td>'
        f'<td class="n">{entry.target:.0%}</td>'
        f'<td class="{status}" title="{escape(entry.gate.reason)}">{status}</td>'
        f'<td><img src="/v1/badges/{escape(entry.locale)}.svg" alt=""></td></tr>'
    )


def render_page(snap: ReleaseSnapshot) -> bytes:
    """The completion page of a release."""
    parts = [
        '<!doctype html><html lang="en"><head><meta charset="utf-8">',
        f"<title>Translation completion · {escape(snap.release_id)}</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>Translation completion</h1>",
        f"<p>Release <code>{escape(snap.release_id)}</code>, created "
        f"{snap.manifest.created_at:%Y-%m-%d %H:%M} UTC. Messages translated against each "
        "language's target; the gate decides whether it ships.</p>",
    ]
    for key, region in snap.manifest.regions.items():
        parts.append(f"<h2>{escape(region.name)} <small>({escape(key)})</small></h2>")
        parts.append(
            "<table><thead><tr><th>Language</th><th>Tag</th><th>Priority</th><th>Done</th>"
            "<th>Messages</th><th>Target</th><th>Gate</th><th></th></tr></thead><tbody>"
        )
        parts += [_row(entry) for entry in region.locales.values()]
        parts.append("</tbody></table>")
    parts.append('<p><a href="/docs">API documentation</a></p></body></html>\n')
    return "".join(parts).encode()


@router.get("/", response_class=HTMLResponse)
async def get_page(
    request: Request, snap: Annotated[ReleaseSnapshot, Depends(snapshot)]
) -> Response:
    """A small HTML page: completion per language and region, for people."""

    def build() -> Resource:
        body = render_page(snap)
        return make_resource(
            body, "text/html; charset=utf-8", snap.policy.header(Content.PAGE), content_tag(body)
        )

    return respond(request, snap.memo(("page",), build))
