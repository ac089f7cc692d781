"""What `paperboard digest` does, start to end: load, choose the period, write, send."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.build.builder import BuildOptions, load_project
from generator.errors import ConfigError, error, errors_in
from generator.publish.digest import digest_message
from generator.publish.mail import SmtpSettings, send
from generator.site.digest import choose_period


@dataclass(frozen=True, slots=True)
class DigestRequest:
    """The command line of one `digest`."""

    root: Path
    day: str | None
    week: str | None
    output: Path | None
    send: bool
    sender: str | None
    recipients: tuple[str, ...]
    base_url: str | None


def run_digest(request: DigestRequest, env: Mapping[str, str], now: dt.datetime) -> list[str]:
    """Make the digest; the lines to print. Links must be absolute, so base_url must be a URL."""
    site, problems = load_project(BuildOptions(request.root, base_url=request.base_url, quiet=True))
    if errors_in(problems):
        raise ConfigError(errors_in(problems))
    if not site.config.base_url.startswith(("https://", "http://")):
        hint = "set base_url in paperboard.toml, or pass --base-url https://..."
        raise ConfigError(
            [error("the digest's links must be absolute: base_url is a path", hint=hint)]
        )
    period = choose_period(site, request.day, request.week)
    message = digest_message(site, period, now)
    said = [f"digest of {period.label}: {len(period.papers)} papers"]
    if request.output is not None:
        said += _write(request.output, message)
    if request.send:
        digest = site.config.digest
        sender = request.sender or digest.sender
        to = list(request.recipients) or [
            a.strip() for a in digest.recipients.split(",") if a.strip()
        ]
        if not sender or not to:
            hint = "set digest.sender and digest.recipients, or pass --from and --to"
            raise ConfigError([error("--send needs a sender and recipients", hint=hint)])
        send(message, sender, to, SmtpSettings.from_env(env))
        said.append(f"sent to {', '.join(to)}")
    return said


def _write(folder: Path, message: object) -> list[str]:
    from email.message import EmailMessage

    assert isinstance(message, EmailMessage)
    folder.mkdir(parents=True, exist_ok=True)
    text = message.get_body(("plain",))
    page = message.get_body(("html",))
    assert text is not None and page is not None
    (folder / "digest.eml").write_bytes(bytes(message))
    (folder / "digest.txt").write_text(str(text.get_content()), encoding="utf-8")
    (folder / "digest.html").write_text(str(page.get_content()), encoding="utf-8")
    return [f"wrote {folder / name}" for name in ("digest.eml", "digest.html", "digest.txt")]
