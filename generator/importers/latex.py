"""LaTeX in BibTeX values to Unicode text: accents, escapes and case-protecting braces.

pylatexenc does the decoding. Math (`$...$`) is kept verbatim, because
Paperboard renders it. Dashes and quotes are left as typed: `--` in a title is
what its author wrote, and turning it into an en dash would make a title
exported by Paperboard come back different.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pylatexenc.latex2text import (
    LatexNodes2Text,
    SpecialsTextSpec,
    get_default_latex_context_db,
)

_BARE_PERCENT = re.compile(r"(?<!\\)%")


@lru_cache(maxsize=1)
def _converter() -> LatexNodes2Text:
    context = get_default_latex_context_db().filter_context(
        exclude_categories=["nonascii-specials"]
    )
    context.add_context_category("paperboard", specials=[SpecialsTextSpec("~", " ")], prepend=True)
    return LatexNodes2Text(latex_context=context, math_mode="verbatim", strict_latex_spaces=True)


def latex_to_unicode(text: str) -> str:
    """Decode `{\\"o}`, `\\'e`, `{\\ss}`, `\\&`, `{T}ensor` ...; plain text is returned as is.

    A bare `%` is text in a BibTeX value (BibTeX has no comments inside
    values), so it is escaped before pylatexenc would read it as one.
    """
    if "\\" not in text and "$" not in text:
        # Only braces and ties: what pylatexenc would do, a hundred times faster.
        return text.replace("{", "").replace("}", "").replace("~", " ")
    return _decode(text)


@lru_cache(maxsize=8192)
def _decode(text: str) -> str:
    """Venues and names repeat across a file: each distinct value is parsed once."""
    return str(_converter().latex_to_text(_BARE_PERCENT.sub(r"\\%", text)))
