"""The per-user secret that signs the build cache, kept outside every project.

The cache is pickled, and unpickling runs whatever the file says. A cache
folder can come from anyone who can write it: a CI cache that a pull request
restored, a project archive, a shared checkout. So each cache file carries a
MAC keyed with a secret only this user can read (`~/.config/paperboard/
cache-key`, or under `$XDG_CONFIG_HOME`), and nothing is unpickled before the
MAC matched. A copied or forged cache fails the check and is built again.
The key is never in the project, so no CI cache of the project holds it.
"""

from __future__ import annotations

import os
import secrets
from functools import cache
from pathlib import Path

KEY_BYTES = 32
KEY_FILE = "cache-key"


def key_path() -> Path:
    """Where this user's key lives: the XDG config folder, as other tools keep theirs."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "paperboard" / KEY_FILE


@cache
def secret_key() -> bytes | None:
    """This user's key, made on first use; None when it can be neither read nor made.

    Without a key there is no cache: a build then starts from nothing, which
    is slower but never unsafe.
    """
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
