"""Send a message over SMTP, as `PAPERBOARD_SMTP_*` says: the one outside service `digest` uses.

`PAPERBOARD_SMTP_HOST` (required), `_PORT` (587 for starttls, 465 for ssl,
25 for none), `_USER` and `_PASSWORD` (log in when both are set), `_TLS`:
`starttls` (the default), `ssl` or `none`, and `_CAFILE`: a PEM file of the
certificates to trust instead of the system's (a server with its own CA or
a self-signed certificate). Failures are one line each.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from generator.errors import ConfigError, PaperboardError, error

TLS_MODES = {"starttls": 587, "ssl": 465, "none": 25}


class SendFailed(PaperboardError):
    """The SMTP server could not be reached or refused the message."""


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    """Where and how to send."""

    host: str
    port: int
    tls: str = "starttls"
    user: str = ""
    password: str = ""
    timeout: float = 30.0
    cafile: str = ""
    """Trust only these PEM certificates; empty: the system's."""

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> SmtpSettings:
        """Read `PAPERBOARD_SMTP_*`; a missing host or a bad value is a clear error."""
        host = env.get("PAPERBOARD_SMTP_HOST", "")
        if not host:
            raise ConfigError(
                [error("PAPERBOARD_SMTP_HOST is not set", hint="name the SMTP server")]
            )
        tls = env.get("PAPERBOARD_SMTP_TLS", "") or "starttls"
        if tls not in TLS_MODES:
            raise ConfigError(
                [error(f"PAPERBOARD_SMTP_TLS is {tls!r}", hint="use starttls, ssl or none")]
            )
        port = env.get("PAPERBOARD_SMTP_PORT", "") or str(TLS_MODES[tls])
        if not port.isdigit():
            raise ConfigError([error(f"PAPERBOARD_SMTP_PORT is {port!r}", hint="use a number")])
        user, password = (
            env.get("PAPERBOARD_SMTP_USER", ""),
            env.get("PAPERBOARD_SMTP_PASSWORD", ""),
        )
        cafile = env.get("PAPERBOARD_SMTP_CAFILE", "")
        if cafile and not Path(cafile).is_file():
            hint = "give the path of a PEM file, or unset it to trust the system's certificates"
            raise ConfigError(
                [error(f"PAPERBOARD_SMTP_CAFILE {cafile!r} is not a file", hint=hint)]
            )
        return cls(host, int(port), tls, user, password, cafile=cafile)


def send(message: EmailMessage, sender: str, recipients: Sequence[str], smtp: SmtpSettings) -> None:
    """Deliver the message to every recipient, or raise SendFailed."""
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    context = ssl.create_default_context(cafile=smtp.cafile or None)
    try:
        if smtp.tls == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                smtp.host, smtp.port, timeout=smtp.timeout, context=context
            )
        else:
            client = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout)
        with client:
            if smtp.tls == "starttls":
                client.starttls(context=context)
            if smtp.user and smtp.password:
                client.login(smtp.user, smtp.password)
            client.send_message(message, sender, list(recipients))
    except smtplib.SMTPAuthenticationError as exc:
        hint = "check PAPERBOARD_SMTP_USER and PAPERBOARD_SMTP_PASSWORD"
        said = exc.smtp_error
        text = said.decode("utf-8", "replace") if isinstance(said, bytes) else said
        where = f"{smtp.host}:{smtp.port}"
        refused = (
            f"the SMTP server {where} refused the login of {smtp.user!r}: {exc.smtp_code} {text}"
        )
        raise SendFailed([error(refused, hint=hint)]) from None
    except (OSError, smtplib.SMTPException) as exc:
        where = f"{smtp.host}:{smtp.port} ({smtp.tls})"
        raise SendFailed(
            [
                error(
                    f"cannot send the digest through {where}: {exc}", hint="check PAPERBOARD_SMTP_*"
                )
            ]
        ) from None
