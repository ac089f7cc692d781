"""Abstracts: Markdown to HTML with one markdown-it parser built per build.

The parser is CommonMark plus tables, footnotes and dollar math. Each plugin
below is a small function that receives the parser, in markdown-it's style.
Raw HTML is escaped unless the site config enables it, and then it passes an
allowlist sanitizer. Links are checked against an allowlist of schemes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin

from generator.config import MarkdownConfig
from generator.content.mathml import (
    MATHML_ATTRIBUTES,
    MATHML_TAGS,
    MathError,
    tex_to_mathml,
    tex_to_text,
)

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
SUMMARY_LENGTH = 280


@dataclass(frozen=True, slots=True)
class Rendered:
    """An abstract rendered once: the HTML, a plain-text summary, and problems."""

    html: str
    summary: str
    text: str
    """All the text, plain: what related papers and search compare."""
    problems: tuple[tuple[int, str], ...]
    """(line, message): the line counts from 0 at the first line of the text."""


def is_safe_link(url: str) -> bool:
    """True for http(s), mailto and scheme-less (relative or fragment) links."""
    cleaned = "".join(ch for ch in url if ch > " ").lower()
    match = _SCHEME.match(cleaned)
    return match is None or match.group(1) in SAFE_SCHEMES


def math_plugin(md: MarkdownIt) -> None:
    """Parse `$...$` and `$$...$$`, and render them as MathML."""
    dollarmath_plugin(
        md, allow_labels=False, allow_space=False, allow_digits=False, double_inline=True
    )

    def render(display: bool, wrap: str) -> Callable[..., str]:
        def rule(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
            tex = tokens[idx].content.strip()
            try:
                inner = str(tex_to_mathml(tex, display))
            except MathError as exc:
                line = tokens[idx].meta.get("line", 0)
                env.setdefault("problems", []).append((line, str(exc)))
                inner = f"<code>{md.utils.escapeHtml(tex)}</code>"
            return wrap.format(inner)

        return rule

    md.add_render_rule("math_inline", render(False, '<span class="math">{}</span>'))
    # A display formula scrolls sideways when wider than the screen: tabindex
    # lets a keyboard reach it and scroll it (WCAG 2.1.1).
    display = '<{0} class="math display" tabindex="0">{{}}</{0}>'
    md.add_render_rule("math_inline_double", render(True, display.format("span")))
    md.add_render_rule("math_block", render(True, display.format("div") + "\n"))
    md.core.ruler.push("math_lines", _math_lines)


def _math_lines(state: Any) -> None:
    """Note each formula's line, so a TeX warning points at it (inline tokens have no map)."""
    for token in state.tokens:
        if token.map is None:
            continue
        if token.type == "math_block":
            token.meta["line"] = token.map[0]
        line = token.map[0]
        for child in token.children or ():
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            elif child.type.startswith("math_inline"):
                child.meta["line"] = line


def shift_headings_plugin(md: MarkdownIt) -> None:
    """Render `#` as `<h2>` and so on: the page's `<h1>` is the paper's title."""

    def shift(state: Any) -> None:
        for token in state.tokens:
            if token.type in ("heading_open", "heading_close"):
                token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"

    md.core.ruler.push("shift_headings", shift)


def make_markdown(config: MarkdownConfig) -> MarkdownIt:
    """The one parser a build uses."""
    md = MarkdownIt("commonmark", {"html": config.html, "xhtmlOut": False})
    md.enable("table")
    md.validateLink = is_safe_link  # type: ignore[method-assign]
    for plugin in (footnote_plugin, math_plugin, shift_headings_plugin):
        md.use(plugin)
    return md


_HTML_TAGS = nh3.ALLOWED_TAGS | MATHML_TAGS | {"span", "div", "section", "sup", "sub"}
_HTML_ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": set(MATHML_ATTRIBUTES) | {"class", "id"},
}


def render_markdown(md: MarkdownIt, text: str) -> Rendered:
    """Render an abstract once, keeping both the HTML and a plain summary."""
    env: dict[str, Any] = {}
    tokens = md.parse(text, env)
    html = md.renderer.render(tokens, md.options, env)
    if md.options["html"]:
        html = nh3.clean(
            html, tags=_HTML_TAGS, attributes=_HTML_ATTRIBUTES, url_schemes=set(SAFE_SCHEMES)
        )
    return Rendered(html, summarize(tokens), plain_text(tokens), tuple(env.get("problems", ())))


def summarize(tokens: Sequence[Token], limit: int = SUMMARY_LENGTH) -> str:
    """Plain text of the first paragraph, cut at a word boundary."""
    words: list[str] = []
    inside = False
    for token in tokens:
        if token.type == "paragraph_open":
            inside = True
        elif token.type == "paragraph_close" and words:
            break
        elif inside and token.type == "inline" and token.children:
            words.extend(_inline_text(token.children))
    text = " ".join("".join(words).split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


def plain_text(tokens: Sequence[Token]) -> str:
    """Every inline run and block of math, as one line of plain text."""
    parts: list[str] = []
    for token in tokens:
        if token.type == "inline" and token.children:
            parts.extend(_inline_text(token.children))
            parts.append(" ")
        elif token.type == "math_block":
            parts.append(tex_to_text(token.content) + " ")
    return " ".join("".join(parts).split())


def _inline_text(children: Sequence[Token]) -> list[str]:
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("math_inline", "math_inline_double"):
            parts.append(tex_to_text(child.content))
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return parts
