"""The per-user secret that signs the build cache, kept outside every project.

The cache is pickled, and unpickling runs whatever the file says. A cache
folder can come from anyone who can write it: a CI cache that a pull request
restored, a project archive, a shared checkout. So each cache file carries a
MAC keyed with a secret only this user can read (`~/.config/paperboard/
cache-key`, or under `$XDG_CONFIG_HOME`), and nothing is unpickled before the
MAC matched. A copied or forged cache fails the check and is built again.
The key is never in the project, so no CI cache of the project holds it.

A CI runner is new on every run, so its key file would be too, and a cache
restored by `actions/cache` would never be trusted. There the key comes from
`PAPERBOARD_CACHE_KEY`, set from a repository secret: runs that are given the
secret (pushes to the default branch) sign and read the cache; runs that are
not (pull requests from forks get an empty value) have no key, so they
neither trust a cache nor write one another run would trust. A value shorter
than `MIN_ENV_CHARS` is no key either: it could be guessed.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from functools import cache
from pathlib import Path

KEY_BYTES = 32
KEY_FILE = "cache-key"
ENV_KEY = "PAPERBOARD_CACHE_KEY"
"""The environment variable that, when set, is the key (CI: from a secret)."""
MIN_ENV_CHARS = 32
"""The shortest value of `ENV_KEY` taken as a key (`openssl rand -hex 32` gives 64)."""


def key_path() -> Path:
    """Where this user's key lives: the XDG config folder, as other tools keep theirs."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "paperboard" / KEY_FILE


@cache
def secret_key() -> bytes | None:
    """This user's key, made on first use; None when it can be neither read nor made.

    Without a key there is no cache: a build then starts from nothing, which
    is slower but never unsafe. `PAPERBOARD_CACHE_KEY`, when set, replaces the
    file (even when empty: an empty secret means no key, not the file's).
    """
    value = os.environ.get(ENV_KEY)
    if value is not None:
        return env_key(value)
    path = key_path()
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_or_none(path)
    except OSError:
        return None
    with os.fdopen(fd, "wb") as out:
        out.write(secrets.token_bytes(KEY_BYTES))
    return _read_or_none(path)


def env_key(value: str) -> bytes | None:
    """The key a secret's text gives, or None when it is too short to be secret."""
    text = value.strip()
    if len(text) < MIN_ENV_CHARS:
        return None
    return hashlib.sha256(b"paperboard cache key\0" + text.encode("utf-8")).digest()


def _read(path: Path) -> bytes | None:
    """The key in `path`, or None when it is short (being written, or damaged)."""
    with open(path, "rb") as file:
        data = file.read(KEY_BYTES + 1)
    return data if len(data) == KEY_BYTES else None


def _read_or_none(path: Path) -> bytes | None:
    try:
        return _read(path)
    except OSError:
        return None
