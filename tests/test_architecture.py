"""The layers of `generator/` stay layers: what a module imports is what its layer may use.

Every module's imports are read with `ast` (those inside functions and under
`TYPE_CHECKING` too) and checked against two tables: which layers each layer
may import, and the rules the project named one by one. A failure names the
file, the line and the import.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO

PACKAGE = REPO / "generator"

LAYER_OF: dict[str, str] = {
    "": "top",
    "config": "top",
    "models": "top",
    "scholarly": "top",
    "errors": "top",
    "urls": "top",
    "content": "content",
    "site": "site",
    "render": "render",
    "output": "output",
    "build": "build",
    "serve": "serve",
    "check": "check",
    "publish": "publish",
    "skeleton": "publish",
    "importers": "importers",
    "authoring": "authoring",
    "cli": "cli",
    "__main__": "cli",
}
"""The layer of `generator.<name>...`, by the name after `generator` ("" for the package).

`skeleton` holds the files `paperboard init` writes: data of `publish`.
"""

MAY_IMPORT: dict[str, frozenset[str]] = {
    "top": frozenset({"top"}),
    "content": frozenset({"top", "content"}),
    "site": frozenset({"top", "content", "site"}),
    "render": frozenset({"top", "content", "site", "render"}),
    "output": frozenset({"top", "content", "site", "render", "output"}),
    "build": frozenset({"top", "content", "site", "render", "output", "build"}),
    "serve": frozenset({"top", "content", "site", "render", "output", "build", "serve"}),
    "check": frozenset({"top", "content", "site", "render", "output", "build", "check"}),
    "publish": frozenset({"top", "content", "site", "render", "output", "build", "publish"}),
    "importers": frozenset({"top", "content", "importers"}),
    "authoring": frozenset({"top", "content", "importers", "authoring"}),
    "cli": frozenset(LAYER_OF.values()),
}
"""Each layer and the layers it may import: the pipeline imports only downwards, the
commands (serve, check, publish) sit on the build and never import each other, the
authoring side reads content only, and nothing but the CLI imports the CLI."""

NEVER: tuple[tuple[str, str, str], ...] = (
    ("generator.models", "generator.cli", "models import nothing of cli"),
    ("generator.models", "generator.serve", "models import nothing of serve or watch"),
    ("generator.models", "generator.check", "models import nothing of check"),
    ("generator.site.plan", "generator.cli", "plan imports nothing of cli"),
    ("generator.site.plan", "generator.serve", "plan imports nothing of serve or watch"),
    ("generator.site.plan", "generator.check", "plan imports nothing of check"),
    ("generator.content", "generator.render", "content never imports render"),
    ("generator.build", "generator.serve", "serve and watch depend on build, never the reverse"),
    ("generator.importers", "generator.render", "importers never import render"),
    ("generator.importers", "generator.serve", "importers never import serve"),
)
"""(importer, imported, rule): the rules named one by one, each a module or package prefix."""


def module_name(relpath: str) -> str:
    """`generator/content/load.py` -> `generator.content.load`; a package's `__init__` is it."""
    parts = list(Path(relpath).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return LAYER_OF.get(parts[1] if len(parts) > 1 else "")


def _within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def imports_of(source: str) -> Iterator[tuple[int, str, str | None]]:
    """(line, statement, module) for every import; the module is None for a relative one."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, ast.unparse(node), alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            for alias in node.names:
                if node.level:
                    yield node.lineno, ast.unparse(node), None
                elif base == "generator" and alias.name in LAYER_OF:
                    yield node.lineno, ast.unparse(node), f"generator.{alias.name}"
                else:
                    yield node.lineno, ast.unparse(node), base


def violations(relpath: str, source: str) -> list[str]:
    """What is wrong with the imports of one module, one line per problem."""
    module = module_name(relpath)
    layer = layer_of(module)
    if layer is None:
        return [f"{relpath}: `{module}` has no layer: add it to LAYER_OF"]
    problems = []
    for line, statement, target in imports_of(source):
        where = f"{relpath}:{line}: `{statement}`"
        if target is None:
            problems.append(f"{where}: imports inside generator/ are absolute")
            continue
        if not _within(target, "generator"):
            continue
        target_layer = layer_of(target)
        if target_layer not in MAY_IMPORT[layer]:
            problems.append(f"{where}: {layer} may not import {target_layer or target}")
        problems += [
            f"{where}: {rule}"
            for importer, imported, rule in NEVER
            if _within(module, importer) and _within(target, imported)
        ]
    return problems


def test_no_module_imports_a_layer_it_may_not() -> None:
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 50
    problems = [
        problem
        for path in files
        for problem in violations(
            path.relative_to(REPO).as_posix(), path.read_text(encoding="utf-8")
        )
    ]
    assert not problems, "\n".join(problems)


PLANTED = [
    ("generator/content/planted.py", "def f():\n    from generator.render.environment import x\n"),
    ("generator/site/plan.py", "if TYPE_CHECKING:\n    import generator.serve.watch\n"),
    ("generator/build/planted.py", "from generator.serve import session\n"),
    ("generator/importers/planted.py", "import json\nfrom generator.site import feeds\n"),
    ("generator/authoring/planted.py", "from generator.build.builder import build\n"),
    ("generator/config.py", "from generator import content\n"),
    ("generator/check/planted.py", "from generator.cli import main\n"),
    ("generator/serve/planted.py", "import generator.publish.deploy\n"),
    ("generator/publish/planted.py", "from generator.check import site_check\n"),
    ("generator/content/planted.py", "from . import load\n"),
    ("generator/planted.py", "import json\n"),
]


@pytest.mark.parametrize(("relpath", "source"), PLANTED)
def test_the_tables_reject_a_planted_import(relpath: str, source: str) -> None:
    line = len(source.splitlines())
    statement = ast.unparse(ast.parse(source).body[-1]).splitlines()[-1].strip()
    problems = violations(relpath, source)
    assert problems, relpath
    if "has no layer" not in problems[0]:
        assert all(p.startswith(f"{relpath}:{line}: `{statement}`: ") for p in problems)


@pytest.mark.parametrize(("importer", "imported", "rule"), NEVER)
def test_each_named_rule_rejects_its_import(importer: str, imported: str, rule: str) -> None:
    path = importer.replace(".", "/")
    relpath = f"{path}/planted.py" if (REPO / path).is_dir() else f"{path}.py"
    problems = violations(relpath, f"import {imported}.planted\n")
    assert f"{relpath}:1: `import {imported}.planted`: {rule}" in problems


def test_the_tables_allow_what_the_layers_may_use() -> None:
    source = (
        "import json\n"
        "import generator.content.load\n"
        "from generator import __version__, urls\n"
        "from generator.render.pages import x\n"
        "def f():\n"
        "    from generator.output import staging\n"
    )
    assert violations("generator/build/planted.py", source) == []
    assert violations("generator/authoring/planted.py", "from generator.importers import x\n") == []
    assert violations("generator/cli.py", "from generator.serve.session import x\n") == []


def _modules_after_import(module: str) -> set[str]:
    """The modules a fresh interpreter holds after importing `module`."""
    probe = f"import json, sys, {module}; print(json.dumps(sorted(sys.modules)))"
    run = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True
    )
    return set(json.loads(run.stdout))


def test_reading_a_paper_file_imports_no_template_layer() -> None:
    loaded = _modules_after_import("generator.content.load")
    assert "generator.content.load" in loaded
    assert "jinja2" not in loaded
    assert not {m for m in loaded if m.startswith(("generator.render", "generator.site"))}
