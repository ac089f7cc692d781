"""Which picture a paper shows, and how big it is.

A paper's `thumbnail` is an http(s) URL or an image path relative to its
file (inside `content/`). Without the field, an image named like the paper
beside it (`<slug>.webp`, `.png`, `.jpg` or `.jpeg`, what `paperboard
thumbnails` writes) is its thumbnail. A local image is read for its size
(Pillow reads only the header) and hashed, and read again only when its
stamp moves; the site gets a copy at `papers/<slug>/thumbnail.<ext>`. A
remote image is not downloaded: it is shown in a fixed box, cropped to fit.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from stat import S_ISDIR, S_ISREG

from generator import urls
from generator.errors import Diagnostic, error
from generator.models import Paper, Thumbnail

OWN_SUFFIXES = (".webp", ".png", ".jpg", ".jpeg")
"""The names `<slug><suffix>` a paper picks up without a `thumbnail` field, in this order."""
REMOTE_BOX = (400, 300)
"""Width and height of the box a remote thumbnail is shown in (its own size is unknown)."""
Stamp = tuple[int, int, int]
_NOT_REGULAR = "is not a regular file (a FIFO, socket or device)"


@dataclass(frozen=True, slots=True)
class ImageInfo:
    """What the build knows of one image file."""

    path: str
    """Relative to the project."""
    stamp: Stamp
    digest: str
    width: int
    height: int


ImageCache = Mapping[str, ImageInfo]
"""Absolute path -> what was read of it, kept between builds."""


@dataclass(frozen=True, slots=True)
class Pictures:
    """The local pictures of a site's papers, as one build read them."""

    found: Mapping[str, ImageInfo]
    """Paper slug -> its picture."""
    problems: tuple[Diagnostic, ...]
    known: ImageCache
    """What the next build may reuse (only the images this build used)."""
    avatars: Mapping[str, ImageInfo] = field(default_factory=dict)
    """Author profile slug -> its avatar (see `content.avatars`)."""


def image_path(paper: Paper, root: Path, beside: Mapping[str, str]) -> Path | None:
    """The local image a paper shows: its `thumbnail`, else `<slug>.<image>` beside it.

    `beside` maps each image file name in the papers folder to itself, from one
    listing of the folder, so papers without a picture cost no system call.
    """
    source = root / paper.source
    ref = paper.thumbnail_ref
    if ref is None:
        for suffix in OWN_SUFFIXES:
            name = source.stem + suffix
            if name in beside:
                return source.with_name(name)
        return None
    if re.match(r"^https?://", ref, re.IGNORECASE):
        return None
    return Path(os.path.normpath(source.parent / ref))


def images_beside(folder: Path) -> dict[str, str]:
    """Image file names in a folder (one scan)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return {}
    return {e.name: e.name for e in entries if e.name.lower().endswith(OWN_SUFFIXES)}


def read_images(papers: Sequence[Paper], root: Path, content: Path, known: ImageCache) -> Pictures:
    """Each paper's local picture, reading only images whose stamp moved since `known`."""
    beside = images_beside(content / "papers")
    found: dict[str, ImageInfo] = {}
    fresh: dict[str, ImageInfo] = {}
    problems: list[Diagnostic] = []
    for paper in papers:
        path = image_path(paper, root, beside)
        if path is None:
            continue
        info = outside_content(path, content) or read_image(path, root, known)
        if isinstance(info, ImageInfo):
            found[paper.slug] = fresh[str(path)] = info
        else:
            problems.append(_problem(paper, root, info))
    return Pictures(found, tuple(problems), fresh)


def outside_content(path: Path, content: Path) -> str:
    if content.resolve() in Path(os.path.realpath(path)).parents:
        return ""
    return "lies outside content/"


def read_image(path: Path, root: Path, known: ImageCache) -> ImageInfo | str:
    """The image's info, from the cache when its stamp is unchanged; else why it cannot be used."""
    try:
        stat = os.stat(path)
    except OSError:
        return "does not exist"
    if not S_ISREG(stat.st_mode):  # reading a FIFO would wait forever (issue 14)
        return "is a folder" if S_ISDIR(stat.st_mode) else _NOT_REGULAR
    stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
    last = known.get(str(path))
    if last is not None and last.stamp == stamp:
        return last
    from PIL import Image, UnidentifiedImageError

    try:
        data = path.read_bytes()
        with Image.open(path) as image:
            width, height = image.size
    except (OSError, UnidentifiedImageError, ValueError):
        return "is not an image that can be read"
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    relative = os.path.relpath(path, root).replace(os.sep, "/")
    return ImageInfo(relative, stamp, digest, width, height)


def _problem(paper: Paper, root: Path, what: str) -> Diagnostic:
    """An error at the paper's `thumbnail` line (or the file, for an image found by name)."""
    source = root / paper.source
    ref = paper.thumbnail_ref
    if ref is None:
        name = next((source.stem + s for s in OWN_SUFFIXES), source.stem)
        return error(f"the image beside it {what}", source, None, f"replace or delete {name}")
    return error(
        f"`thumbnail` {ref} {what}",
        source,
        _field_line(source, "thumbnail"),
        "give a path relative to this file, inside content/, or an https:// URL",
    )


def _field_line(path: Path, key: str) -> int | None:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    match = re.search(rf"^{key}\s*:", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def attach_thumbnails(papers: Iterable[Paper], found: Mapping[str, ImageInfo]) -> list[Paper]:
    """Each paper with its `Thumbnail`; a local image's digest joins the paper's digest."""
    out = []
    for paper in papers:
        info = found.get(paper.slug)
        ref = paper.thumbnail_ref
        if info is not None:
            out.append(_with_local(paper, info))
        elif ref is not None and re.match(r"^https?://", ref, re.IGNORECASE):
            out.append(replace(paper, thumbnail=Thumbnail(ref, *REMOTE_BOX)))
        else:
            out.append(paper)
    return out


def _with_local(paper: Paper, info: ImageInfo) -> Paper:
    src = urls.paper_url(paper.slug) + "thumbnail" + os.path.splitext(info.path)[1].lower()
    thumb = Thumbnail(src, info.width, info.height, info.path, info.digest)
    digest = hashlib.blake2b(f"{paper.digest}\0{src}\0{info.digest}".encode(), digest_size=16)
    return replace(paper, thumbnail=thumb, digest=digest.hexdigest())
