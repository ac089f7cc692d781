"""The layers of `generator/` stay layers: what a module imports is what its layer may use."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO


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
