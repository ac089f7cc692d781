"""TeX to MathML (for pages) and to plain text (for `<title>`, meta tags and feeds).

Math is converted at build time so it reads without JavaScript. The MathML
passes an allowlist sanitizer: latex2mathml copies `\\text{...}` verbatim, and
a title is user input.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import nh3
from latex2mathml.converter import convert
from latex2mathml.symbols_parser import convert_symbol
from markupsafe import Markup, escape

from generator.content.frontmatter import excerpt

MATHML_TAGS = frozenset(
    "math semantics annotation mrow mi mo mn ms mtext mspace msup msub msubsup mfrac "
    "msqrt mroot mover munder munderover mtable mtr mtd mstyle menclose mpadded "
    "mphantom merror".split()
)
MATHML_ATTRIBUTES = frozenset(
    "xmlns display stretchy mathvariant fence separator lspace rspace accent "
    "accentunder width height depth displaystyle scriptlevel columnalign rowalign "
    "columnspacing rowspacing columnlines rowlines frame linethickness minsize maxsize "
    "movablelimits notation form largeop symmetric encoding".split()
)


class MathError(ValueError):
    """The TeX could not be converted."""


@functools.lru_cache(maxsize=8192)
def tex_to_mathml(tex: str, display: bool = False) -> Markup:
    """Convert one formula; raises MathError for TeX that does not parse."""
    source = tex.replace("<", r"\lt ").replace(">", r"\gt ")
    try:
        mathml = convert(source, display="block" if display else "inline")
    except Exception as exc:  # latex2mathml raises many exception types
        formula = excerpt(tex)
        raise MathError(f"cannot read the formula ${formula}$ ({type(exc).__name__})") from None
    return Markup(
        nh3.clean(
            mathml,
            tags=set(MATHML_TAGS),
            attributes={"*": set(MATHML_ATTRIBUTES)},
            link_rel=None,
        )
    )


_COMMAND = re.compile(r"\\([A-Za-z]+)(\s*)|\\(.)")
_PROTECT = {"{": "\ue000", "}": "\ue001", "^": "\ue002", "_": "\ue003"}
_RESTORE = str.maketrans({code: char for char, code in _PROTECT.items()})
_SUPERSCRIPTS = dict(zip("0123456789+-=()in", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁱⁿ", strict=True))
_SUBSCRIPTS = dict(
    zip("0123456789+-=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ", strict=True)
)
_PRIMES = frozenset("*′″‴")
"""Superscripts that read as well on the line: `Wys^*` is Wys*, `f^\\prime` is f′."""
_SCRIPT = re.compile(r"([\^_])(?:\{([^{}]*)\}|(\S))")
_FRAC = re.compile(r"\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
_OPERATORS = frozenset(
    "arccos arcsin arctan arg cos cosh cot coth deg det dim exp gcd hom inf ker lg lim "
    "liminf limsup ln log max min Pr sec sin sinh sup tan tanh".split()
)


@functools.lru_cache(maxsize=8192)
def tex_to_text(tex: str) -> str:
    """A readable plain-text form: `\\alpha` -> α, `n^2` -> n², braces and `$` dropped."""

    def command(match: re.Match[str]) -> str:
        name, space, char = match.groups()
        if name is None:
            return _PROTECT.get(char, char)
        if name in _OPERATORS:
            return name + space
        point = convert_symbol("\\" + name)
        return (chr(int(point, 16)) + space) if point else ""

    text = _SCRIPT.sub(_script, _COMMAND.sub(command, _FRAC.sub(r"(\1)/(\2)", tex)))
    return text.replace("{", "").replace("}", "").translate(_RESTORE)


def _script(match: re.Match[str]) -> str:
    """`n^2` -> n², `\\pi_n` -> πₙ, `x^{10}` -> x¹⁰ when Unicode has every character;
    otherwise the `^`/`_` form stays, which reads unambiguously."""
    mark, group, char = match.groups()
    body = group if group is not None else char
    table = _SUPERSCRIPTS if mark == "^" else _SUBSCRIPTS
    if body and all(c in table for c in body):
        return "".join(table[c] for c in body)
    if mark == "^" and body and all(c in _PRIMES for c in body):
        return body
    return match.group()


def split_tex(text: str) -> Iterator[tuple[bool, str]]:
    """Split a one-line string into (is_math, text) parts on `$...$`.

    The rules follow dollarmath: `\\$` is a literal dollar, an opening `$` is
    not followed by a space, a closing `$` is not preceded by a space nor
    followed by a digit (so "costs $5 and $6" stays text).
    """
    pos = 0
    start = 0
    while True:
        open_at = _find_dollar(text, pos)
        if open_at < 0 or open_at + 1 >= len(text) or text[open_at + 1].isspace():
            if open_at < 0:
                break
            pos = open_at + 1
            continue
        close_at = _find_closing(text, open_at + 1)
        if close_at < 0:
            break
        if open_at > start:
            yield False, _unescape(text[start:open_at])
        yield True, text[open_at + 1 : close_at]
        start = pos = close_at + 1
    if start < len(text):
        yield False, _unescape(text[start:])


def _find_dollar(text: str, pos: int) -> int:
    while True:
        at = text.find("$", pos)
        if at <= 0 or text[at - 1] != "\\":
            return at
        pos = at + 1


def _find_closing(text: str, pos: int) -> int:
    while True:
        at = _find_dollar(text, pos)
        if at < 0:
            return -1
        if at > pos and not text[at - 1].isspace() and not text[at + 1 : at + 2].isdigit():
            return at
        pos = at + 1


def _unescape(text: str) -> str:
    return text.replace(r"\$", "$")


def inline_html(text: str) -> tuple[Markup, list[str]]:
    """HTML for a title: text escaped, math as MathML; also the math problems."""
    parts: list[str] = []
    problems: list[str] = []
    for is_math, chunk in split_tex(text):
        if not is_math:
            parts.append(escape(chunk))
            continue
        try:
            parts.append(tex_to_mathml(chunk))
        except MathError as exc:
            problems.append(str(exc))
            parts.append(escape(f"${chunk}$"))
    return Markup("".join(parts)), problems


def inline_text(text: str) -> str:
    """Plain text for a title: math in its readable plain form."""
    return "".join(tex_to_text(chunk) if is_math else chunk for is_math, chunk in split_tex(text))
