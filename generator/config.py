"""Site configuration: one frozen, typed value read from `paperboard.toml`.

Every setting has a default, so a missing file is fine. An unknown key or a
value of the wrong type is an error that names the key and its line.
"""

from __future__ import annotations

import difflib
import ipaddress
import re
import stat
import tomllib
from dataclasses import dataclass, field, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.errors import ConfigError, Diagnostic, error
from generator.urls import base_url_problem, cname_problem, invisible_character

CONFIG_FILE = "paperboard.toml"
LOCAL_PREVIEW_URL = "http://127.0.0.1:8000/"
"""The base URL `init` writes when it cannot tell where the site will be published:
the address `paperboard serve` listens on. It has a host, so feeds and canonical
links are absolute and a local build does not warn; publishing replaces it (the
Pages workflow passes `--base-url`, `deploy` infers the Pages URL)."""


@dataclass(frozen=True, slots=True)
class MarkdownConfig:
    """The `[markdown]` table."""

    html: bool = False
    """Pass raw HTML in abstracts through an allowlist sanitizer instead of escaping it."""


@dataclass(frozen=True, slots=True)
class DigestConfig:
    """The `[digest]` table: who sends the email digest, to whom, and how to leave."""

    sender: str = ""
    """The From address (`--from` overrides it)."""
    recipients: str = ""
    """The To addresses, comma-separated (`--to` overrides them)."""
    unsubscribe: str = ""
    """A mailto: or https: URL for the `List-Unsubscribe` header and the footer."""


@dataclass(frozen=True, slots=True)
class PublicationsConfig:
    """The `[publications]` table: the /publications/ view, also on the home page if wanted."""

    home: bool = False
    """The home page lists the publications (selected ones first) instead of the newest papers."""


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """Everything a build needs to know besides the content itself."""

    root: Path
    """The project folder: holds `paperboard.toml` and `content/`."""
    title: str = "Paperboard"
    """The site's name, shown in the header and the page titles."""
    description: str = "A listing of research papers."
    """One sentence shown on the home page and in feeds and meta tags."""
    base_url: str = "/"
    """Where the site is hosted, e.g. `https://user.github.io/repo/`."""
    per_page: int = 25
    """Papers per listing page."""
    theme: str = ""
    """A folder (relative to the project) whose templates override the default theme's."""
    language: str = "en"
    """The `lang` of every page."""
    cname: str = ""
    """A custom domain for GitHub Pages, written as `CNAME` by `deploy`."""
    home: str = "newest"
    """What `/` shows: `"newest"` papers, or the `"latest-day"` on the board."""
    markdown: MarkdownConfig = field(default_factory=MarkdownConfig)
    digest: DigestConfig = field(default_factory=DigestConfig)
    publications: PublicationsConfig = field(default_factory=PublicationsConfig)
    sources: tuple[dict[str, Any], ...] = ()
    """The `[[sources]]` tables `paperboard fetch` reads, as written; `fetch` checks them."""

    @property
    def content_dir(self) -> Path:
        """Where the papers and topics live."""
        return self.root / "content"

    @property
    def base_path(self) -> str:
        """The URL path the site is served under: `/repo/` for a project page."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def theme_dir(self) -> Path | None:
        """The user's theme folder, if one is configured."""
        return self.root / self.theme if self.theme else None

    def with_base_url(self, base_url: str | None) -> SiteConfig:
        """Apply a `--base-url` override, validated like the config value."""
        if base_url is None:
            return self
        problem = _check_base_url(base_url)
        if problem:
            raise ConfigError([error(f"--base-url {base_url!r}: {problem}")])
        return replace(self, base_url=_normalize_base_url(base_url))


def default_theme_dir() -> Path:
    """The theme shipped with Paperboard (a source checkout or an installed wheel).

    Here, beside `theme`, rather than in the template layer: finding the theme's
    files (static files, the watcher's paths) must not import Jinja.
    """
    try:
        shipped = resources.files("generator.themes")
    except ModuleNotFoundError:
        # A checkout (editable install or PYTHONPATH): setuptools' editable finder
        # cannot import `generator.themes`, a folder without __init__.py mapped
        # to the top-level themes/, so take it from the checkout itself.
        return Path(__file__).resolve().parents[1] / "themes" / "default"
    return Path(str(shipped / "default"))


def is_local_url(base_url: str) -> bool:
    """True for a base URL on this machine (localhost, 127.0.0.0/8, ::1): never a published one."""
    host = urlsplit(base_url).hostname
    if host is None:
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


HOME_PAGES = ("newest", "latest-day")
_TABLES: dict[str, type[Any]] = {
    "markdown": MarkdownConfig,
    "digest": DigestConfig,
    "publications": PublicationsConfig,
}
_SCALARS: dict[str, type[Any]] = {"str": str, "int": int, "bool": bool}


def load_config(root: Path) -> SiteConfig:
    """Read `root/paperboard.toml`; a missing file gives the defaults."""
    path = root / CONFIG_FILE
    if not _regular_file(path):
        return SiteConfig(root=root)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError([error(f"cannot read it: {exc.strerror}", path)]) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        problem = error("the file is not UTF-8", path, line, "save it as UTF-8")
        raise ConfigError([problem]) from None
    values = _parse(text, path)
    config = SiteConfig(root=root, **values)
    if config.theme_dir is not None and not config.theme_dir.is_dir():
        raise ConfigError([_missing_theme(config.theme, path, text)])
    return replace(config, base_url=_normalize_base_url(config.base_url))


def _regular_file(path: Path) -> bool:
    """True for a settings file to read; False when there is none (the defaults apply).

    A folder or a FIFO of that name is refused rather than taken for "no file": a
    FIFO would block every later read of it, and a folder is surely a mistake.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise ConfigError([error(f"cannot read it: {exc.strerror}", path)]) from None
    if stat.S_ISREG(mode):
        return True
    what = "a folder" if stat.S_ISDIR(mode) else "a FIFO" if stat.S_ISFIFO(mode) else "a device"
    hint = "replace it with a text file, or remove it to use the defaults"
    raise ConfigError([error(f"the settings file is {what}, not a file", path, hint=hint)])


def _parse(text: str, path: Path) -> dict[str, Any]:
    """The checked settings of the file's text; every problem at once, as a ConfigError."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = _toml_error_line(str(exc))
        raise ConfigError([error(f"invalid TOML: {exc}", path, line)]) from None
    except ValueError:  # an integer past `sys.set_int_max_str_digits` (issue 14)
        raise ConfigError([_huge_number(text, path)]) from None
    problems: list[Diagnostic] = []
    values = _read_table(SiteConfig, data, path, text, "", problems)
    if problems:
        raise ConfigError(problems)
    return values


def _huge_number(text: str, path: Path) -> Diagnostic:
    """Name the key whose number Python refuses to convert, and its line."""
    match = re.search(r"^\s*([\w.-]+)\s*=\s*[+-]?([\d_]{100,})", text, re.MULTILINE)
    if match is None:
        return error("a number has too many digits", path, hint="write a small whole number")
    key, digits = match.group(1), sum(c.isdigit() for c in match.group(2))
    return error(
        f"`{key}` is a number of {digits} digits, too large",
        path,
        text.count("\n", 0, match.start()) + 1,
        f"write a small whole number, such as {key} = 25",
    )


def _missing_theme(theme: str, path: Path, text: str) -> Diagnostic:
    """A mistyped theme would otherwise fall back to the default theme without a word."""
    return error(
        f"theme folder `{theme}` does not exist",
        path,
        _key_line(text, "theme"),
        f"create {theme}/templates/ with the templates to override, or remove the setting",
    )


def _read_table(
    cls: type[Any], data: dict[str, Any], path: Path, text: str, prefix: str, out: list[Diagnostic]
) -> dict[str, Any]:
    known = {f.name: f for f in fields(cls) if f.name != "root"}
    values: dict[str, Any] = {}
    for key, value in data.items():
        name = prefix + key
        line = _key_line(text, key)
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"did you mean `{prefix}{close[0]}`?" if close else _known_keys_hint(known)
            out.append(error(f"unknown setting `{name}`", path, line, hint))
            continue
        if key == "sources":
            _read_sources(value, path, line, values, out)
            continue
        if key in _TABLES:
            if not isinstance(value, dict):
                out.append(error(f"`{name}` must be a table", path, line, f"write [{name}]"))
                continue
            sub = _read_table(_TABLES[key], value, path, text, name + ".", out)
            values[key] = _TABLES[key](**sub)
            continue
        problem = _check_value(key, value, _SCALARS[str(known[key].type)])
        if problem:
            out.append(error(f"`{name}` {problem}", path, line))
        else:
            values[key] = value
    return values


def _read_sources(
    value: Any, path: Path, line: int | None, values: dict[str, Any], out: list[Diagnostic]
) -> None:
    """`[[sources]]` must be an array of tables; what each table holds, `fetch` checks."""
    if isinstance(value, list) and all(isinstance(item, dict) for item in value):
        values["sources"] = tuple(value)
    else:
        out.append(error("`sources` must be [[sources]] tables", path, line, "write [[sources]]"))


def _check_value(key: str, value: Any, expected: type[Any]) -> str:
    if expected is bool:
        return "" if isinstance(value, bool) else "must be true or false"
    if expected is int:
        if isinstance(value, bool) or not isinstance(value, int):
            return f"must be a whole number, not {value!r}"
        return "" if value >= 1 else "must be at least 1"
    if not isinstance(value, str):
        return f"must be a string, not {value!r}"
    if key == "base_url":
        return _check_base_url(value)
    invisible = invisible_character(value)
    if invisible:
        return (
            f"contains {invisible} (remove the `\\u....` escape that "
            "makes it: a page or a terminal cannot show it)"
        )
    if key == "cname":
        return cname_problem(value)
    if key == "home" and value not in HOME_PAGES:
        choices = " or ".join(f'"{name}"' for name in HOME_PAGES)
        return f"must be {choices}, not {value!r}"
    return ""


def _check_base_url(value: str) -> str:
    problem = base_url_problem(value)
    if problem and "https://user.github.io/repo/" not in problem:
        return f"{problem} ({_BASE_URL_FIX}, or a path such as /repo/)"
    return problem


_BASE_URL_FIX = "write the address the site is published at, such as https://user.github.io/repo/"


def _normalize_base_url(value: str) -> str:
    return value if value.endswith("/") else value + "/"


def _key_line(text: str, key: str) -> int | None:
    match = re.search(rf"^\s*{re.escape(key)}\s*=", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _toml_error_line(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def _known_keys_hint(known: dict[str, Any]) -> str:
    return "known settings: " + ", ".join(sorted(known))
