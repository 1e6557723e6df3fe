"""Settings of the API process (``I18N_*`` environment variables).

The pipeline's :class:`~i18n_pipeline.config.Settings` says where releases
live and which tier this node is; these add what only a server needs: the
admin token, CORS origins, how often the pointer is polled, size limits.
"""

from __future__ import annotations

import hmac

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class ApiSettings(BaseSettings):
    """Server-only settings; every field is an ``I18N_<NAME>`` environment variable."""

    model_config = SettingsConfigDict(env_prefix="I18N_", extra="ignore")

    admin_token: SecretStr | None = Field(
        default=None,
        description="Bearer token(s) for POST /v1/releases/{id}/activate: `secret` or "
        "`id:secret,id2:secret2`. Unset disables activation (401).",
    )
    cors_origins: str = Field(
        default="", description="Comma-separated origins allowed by CORS; `*` for any."
    )
    poll_seconds: float = Field(
        default=5.0, ge=0, description="How often the current pointer is re-read; 0 disables."
    )
    access_log: bool = Field(default=True, description="One JSON line per request on api.access.")
    max_header_bytes: int = Field(default=8192, ge=1024)
    max_body_bytes: int = Field(default=4096, ge=0)

    def origins(self) -> list[str]:
        """The CORS origins as a list.

        >>> ApiSettings(cors_origins="https://a.example, https://b.example").origins()
        ['https://a.example', 'https://b.example']
        """
        return [item.strip() for item in self.cors_origins.split(",") if item.strip()]

    def tokens(self) -> dict[str, str]:
        """Token id -> secret; a bare secret gets the id ``admin``.

        >>> sorted(ApiSettings(admin_token="ops:s3cret,ci:other").tokens())
        ['ci', 'ops']
        >>> ApiSettings(admin_token="s3cret").tokens()
        {'admin': 's3cret'}
        """
        if self.admin_token is None:
            return {}
        tokens: dict[str, str] = {}
        for item in self.admin_token.get_secret_value().split(","):
            item = item.strip()
            if not item:
                continue
            token_id, sep, secret = item.partition(":")
            tokens[token_id if sep else "admin"] = secret if sep else token_id
        return tokens

    def token_id(self, presented: str) -> str | None:
        """The id of the token ``presented`` matches, compared in constant time.

        >>> settings = ApiSettings(admin_token="ops:s3cret")
        >>> settings.token_id("s3cret"), settings.token_id("wrong")
        ('ops', None)
        """
        found: str | None = None
        for token_id, secret in self.tokens().items():
            if secret and hmac.compare_digest(presented.encode(), secret.encode()):
                found = token_id
        return found
