"""Author avatars: an image beside the profile, read for its size and copied to the site.

Like a paper's thumbnail (see `content.thumbnails`): a path relative to
`content/authors/<slug>.md` that must stay inside `content/` (a link out of
the project is refused, never followed), read only when its stamp moves, and
copied to `authors/<slug>/avatar.<ext>` so the page sets its width and height.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from generator import urls
from generator.content.thumbnails import ImageCache, ImageInfo, outside_content, read_image
from generator.errors import Diagnostic, error
from generator.models import AuthorProfile, Thumbnail


def read_avatars(
    profiles: Iterable[AuthorProfile], root: Path, content: Path, known: ImageCache
) -> tuple[dict[str, ImageInfo], list[Diagnostic]]:
    """Profile slug -> its avatar's info, and why the others cannot be shown."""
    found: dict[str, ImageInfo] = {}
    problems: list[Diagnostic] = []
    for profile in profiles:
        if profile.avatar_ref is None:
            continue
        source = root / profile.source
        path = Path(os.path.normpath(source.parent / profile.avatar_ref))
        info = outside_content(path, content) or read_image(path, root, known)
        if isinstance(info, ImageInfo):
            found[profile.slug] = info
        else:
            hint = "save the picture beside the profile, in content/authors/"
            problems.append(error(f"`avatar` {profile.avatar_ref} {info}", source, None, hint))
    return found, problems


def attach_avatars(
    profiles: Iterable[AuthorProfile], found: Mapping[str, ImageInfo]
) -> list[AuthorProfile]:
    """Each profile with its `avatar`, where its image could be read."""
    out = []
    for profile in profiles:
        info = found.get(profile.slug)
        if info is None:
            out.append(profile)
            continue
        src = urls.author_url(profile.slug) + "avatar" + os.path.splitext(info.path)[1].lower()
        out.append(
            replace(profile, avatar=Thumbnail(src, info.width, info.height, info.path, info.digest))
        )
    return out


def avatar_digest(found: Mapping[str, ImageInfo]) -> str:
    """Changes when any avatar's bytes or name change (part of the build's inputs)."""
    text = "\0".join(f"{slug}\0{info.path}\0{info.digest}" for slug, info in sorted(found.items()))
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
