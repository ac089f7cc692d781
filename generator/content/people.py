"""Author profiles: the fields of `content/authors/<slug>.md`, and the ORCID check.

A profile says that several spellings on papers are one person ("Geoffrey E.
Hinton", "G. Hinton"), which of the site's people are its own members, and
what an author page shows of them. The body is a short bio, rendered like an
abstract (same safe Markdown).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from generator.content.checks import Invalid, check_text
from generator.content.checks import describe as _describe
from generator.content.frontmatter import excerpt
from generator.content.validate import Field, check_bool, check_thumbnail, check_url
from generator.errors import Diagnostic, warning
from generator.models import AuthorProfile

_ORCID = re.compile(
    r"^(?:https?://(?:www\.)?orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])/?$", re.IGNORECASE
)


def orcid_check_digit(digits: str) -> str:
    """ISO 7064 MOD 11-2 over the first 15 digits, as ORCID computes it."""
    total = 0
    for digit in digits:
        total = (total + int(digit)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def parse_orcid(text: str) -> str:
    """The bare iD (`0000-0002-1825-0097`) of an iD or its https://orcid.org/ URL."""
    match = _ORCID.match(text.strip())
    if not match:
        raise Invalid(
            f"`{excerpt(text)}` is not an ORCID iD",
            "write it like 0000-0002-1825-0097 (or https://orcid.org/0000-0002-1825-0097)",
        )
    orcid = match.group(1).upper()
    digits = orcid.replace("-", "")
    if orcid_check_digit(digits[:15]) != digits[15]:
        raise Invalid(
            f"`{orcid}` has a wrong check digit (a typo?)",
            "copy the iD from your ORCID record",
        )
    return orcid


def check_aliases(value: Any) -> tuple[str, ...]:
    """Other spellings of the name, one per entry."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise Invalid("must be a list", 'write `aliases: ["G. Hinton", "Geoffrey E. Hinton"]`')
    names = []
    for item in value:
        if isinstance(item, (list, dict)):
            raise Invalid(f"has an entry that is {_describe(item)}", "each alias is one name")
        names.append(check_text(item))
    return tuple(dict.fromkeys(names))


def check_avatar(value: Any) -> str:
    """An image beside the profile (inside content/): a picture the site copies, never a URL."""
    text = check_text(value)
    if re.match(r"^https?://", text, re.IGNORECASE):
        raise Invalid(
            "must be an image file beside the profile, not a URL",
            "save the picture in content/authors/ and write its file name",
        )
    return check_thumbnail(text)


AUTHOR_FIELDS: dict[str, Field] = {
    "name": Field(True, check_text, 'name: "Ada Lovelace"'),
    "aliases": Field(False, check_aliases),
    "homepage": Field(False, check_url),
    "orcid": Field(False, check_text),
    "affiliation": Field(False, check_text),
    "avatar": Field(False, check_avatar),
    "member": Field(False, check_bool),
}
"""`orcid` is checked by `author_profile`: a wrong iD is a warning, and the iD is left out."""


def author_profile(
    slug: str,
    relpath: str,
    values: dict[str, Any],
    bio_html: str,
    path: Path,
    orcid_line: int | None,
) -> tuple[AuthorProfile, list[Diagnostic]]:
    """The profile of checked front matter; an ORCID iD that fails its check is dropped."""
    problems = []
    orcid = None
    if "orcid" in values:
        try:
            orcid = parse_orcid(values["orcid"])
        except Invalid as exc:
            problems.append(
                warning(f"`orcid` {exc.message}; it is left out", path, orcid_line, exc.hint)
            )
    aliases = tuple(a for a in values.get("aliases", ()) if a != values["name"])
    profile = AuthorProfile(
        slug=slug,
        name=values["name"],
        source=relpath,
        aliases=aliases,
        homepage=values.get("homepage"),
        orcid=orcid,
        affiliation=values.get("affiliation"),
        avatar_ref=values.get("avatar"),
        member=values.get("member", False),
        bio_html=bio_html,
    )
    return profile, problems
