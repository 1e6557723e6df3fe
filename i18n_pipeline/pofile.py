"""Reading and writing PO/POT files safely.

Every catalog enters the pipeline through :func:`read_catalog`, which refuses
what msgfmt would refuse (syntax errors, wrong charset, duplicate messages, a
broken header) with ``path:line: what is wrong``, and leaves through
:func:`write_catalog`, which writes a temporary file beside the target and
renames it, so a reader never sees half a catalog and a failure loses nothing.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po

from i18n_pipeline.errors import CatalogError


def read_catalog(path: Path, *, locale: str | None = None, domain: str | None = None) -> Catalog:
    """Parse the PO or POT file at ``path`` into a babel ``Catalog``.

    Raises :class:`CatalogError` naming the file and line of the first problem.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CatalogError(path, None, f"cannot read: {exc.strerror}") from None
    try:
        return read_po(
            io.BytesIO(data), locale=locale, domain=domain or path.stem, abort_invalid=True
        )
    except PoFileError as exc:
        raise CatalogError(path, getattr(exc, "lineno", None), str(exc)) from None
    except (UnicodeDecodeError, LookupError) as exc:
        raise CatalogError(path, None, f"wrong charset: {exc}") from None


def render_catalog(catalog: Catalog, *, width: int = 79) -> bytes:
    """Serialize ``catalog`` as PO bytes, obsolete entries kept, previous msgids kept."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=width, include_previous=True, sort_output=False)
    return buffer.getvalue()


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_catalog(catalog: Catalog, path: Path) -> None:
    """Write ``catalog`` to ``path`` atomically."""
    write_bytes_atomic(path, render_catalog(catalog))
