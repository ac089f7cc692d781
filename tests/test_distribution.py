"""The distribution: what `python -m build` makes, and a Paperboard installed from it.

The sdist and wheel are built once per session from a copy of the sources,
exactly as the release workflow builds them. Their files and metadata are
read; then the wheel and its dependencies are served as a PEP 503 index on
127.0.0.1, and the generated Pages workflow's install step runs against it in
a fresh virtual environment, the way GitHub's runner runs it (pip sees only
that index: no config file, no checkout on the path, nothing editable). From
there the workflow's build and check steps run, and so does a new user's
first session: `init`, `import`, `build`, `check`.
"""

from __future__ import annotations

import email.parser
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import threading
import tomllib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath

import pytest
from conftest import REPO, parse_html, text_of
from packaging.requirements import Requirement
from workflow_steps import CONFIGURED, install_step, load, paperboard_step, step_env, steps

from generator import __version__
from generator.publish.scaffold import init_project, skeleton_files
from generator.publish.scaffold_daily import daily_sources

SOURCES = ("generator", "themes", "tests", "pyproject.toml", "README.md", "LICENSE", "MANIFEST.in")
"""What the sdist is made from: the files git tracks for the package, tests included."""
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache", ".hypothesis")
BIBTEX = """\
@inproceedings{lovelace2025engines,
  title = {Analytical Engines for {Fair} Ranking},
  author = {Lovelace, Ada and Babbage, Charles},
  booktitle = {Proceedings of the Example Workshop},
  year = {2025},
  url = {https://example.org/engines},
}
"""


@dataclass(frozen=True)
class Dist:
    """The sdist and the wheel of this checkout."""

    sdist: Path
    wheel: Path


@dataclass(frozen=True)
class Runner:
    """A fresh environment, as setup-python leaves it, with Paperboard installed by pip."""

    venv: Path
    project: Path
    """The project `init` wrote, whose workflow did the install."""
    env: dict[str, str]

    def run(self, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        """Run a command of the environment (`paperboard`, `python`) in `cwd`."""
        command = [str(self.venv / "bin" / args[0]), *args[1:]]
        return subprocess.run(
            command, cwd=cwd, env=self.env, capture_output=True, text=True, check=False
        )


def tool(name: str) -> str:
    """A console script of this environment's test extra."""
    return str(Path(sysconfig.get_path("scripts")) / name)


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run a command; its output, or a failure that shows it."""
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{command}: {result.stdout}{result.stderr}"
    return result.stdout


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Dist:
    """`python -m build` of a copy of the sources (the checkout gets no build/ or egg-info)."""
    root = tmp_path_factory.mktemp("dist")
    source = root / "src"
    for name in SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, source / name, ignore=IGNORED)
        else:
            shutil.copy(REPO / name, source / name)
    run([sys.executable, "-m", "build", "--outdir", str(root / "out"), str(source)], root)
    [sdist] = (root / "out").glob("paperboard-*.tar.gz")
    [wheel] = (root / "out").glob("paperboard-*.whl")
    return Dist(sdist, wheel)


def wheel_names(dist: Dist) -> set[str]:
    with zipfile.ZipFile(dist.wheel) as archive:
        return set(archive.namelist())


def normalized(name: str) -> str:
    """A project name as PEP 503 spells it in an index URL."""
    return re.sub(r"[-_.]+", "-", name).lower()


def write_index(wheels: Path, simple: Path) -> None:
    """A PEP 503 simple index of every file in `wheels`, with sha256 fragments."""
    projects: dict[str, list[Path]] = {}
    for file in sorted(wheels.iterdir()):
        projects.setdefault(normalized(file.name.split("-")[0]), []).append(file)
    for project, files in projects.items():
        links = "".join(
            f'<a href="../../files/{html.escape(f.name)}#sha256='
            f'{hashlib.sha256(f.read_bytes()).hexdigest()}">{html.escape(f.name)}</a>\n'
            for f in files
        )
        (simple / project).mkdir(parents=True)
        (simple / project / "index.html").write_text(f"<!DOCTYPE html>\n{links}", "utf-8")
    listing = "".join(f'<a href="{p}/">{p}</a>\n' for p in sorted(projects))
    (simple / "index.html").write_text(f"<!DOCTYPE html>\n{listing}", "utf-8")


@pytest.fixture(scope="session")
def package_index(dist: Dist, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The wheel and wheels of its dependencies, served on 127.0.0.1; yields the index URL.

    The dependencies come through this machine's usual pip settings, as wheels
    (a dependency published only as an sdist is built once, here).
    """
    root = tmp_path_factory.mktemp("index")
    files = root / "files"
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "-w", str(files), str(dist.wheel)], root)
    write_index(files, root / "simple")
    handler = partial(QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/simple/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


class QuietHandler(SimpleHTTPRequestHandler):
    """A static file server that does not log each request to stderr."""

    def log_message(self, format: str, *args: object) -> None:
        """Say nothing: pytest shows the test's own output on failure."""


def runner_env(venv: Path) -> dict[str, str]:
    """The environment of a fresh runner: this venv first on PATH, pip with no settings."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PIP_", "PYTHON")) and k not in ("VIRTUAL_ENV", "NO_COLOR")
    }
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["PIP_CONFIG_FILE"] = os.devnull
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


@pytest.fixture(scope="session")
def runner(package_index: str, tmp_path_factory: pytest.TempPathFactory) -> Runner:
    """A project from `init`, and its workflow's install step run in a fresh venv.

    The step runs as written, from the project folder, with `--index-url`
    pointing pip at the local index instead of PyPI.
    """
    root = tmp_path_factory.mktemp("runner")
    project = root / "papers"
    init_project(project)
    venv = root / "python"
    run([sys.executable, "-m", "venv", str(venv)], root)
    env = runner_env(venv)
    script = install_step(load(project / ".github" / "workflows" / "pages.yml"))["run"]
    assert script.strip().splitlines() == ["python -m pip install -r requirements.txt"]
    run(["bash", "-e", "-c", f"{script.strip()} --index-url {package_index}"], project, env)
    return Runner(venv, project, env)


@pytest.mark.slow
def test_twine_check_strict_passes(dist: Dist) -> None:
    out = run([tool("twine"), "check", "--strict", str(dist.sdist), str(dist.wheel)], REPO)
    assert out.count("PASSED") == 2


@pytest.mark.slow
def test_the_wheel_carries_every_module_the_theme_and_the_skeleton(dist: Dist) -> None:
    names = wheel_names(dist)
    modules = {p.relative_to(REPO).as_posix() for p in (REPO / "generator").rglob("*.py")}
    assert modules - names == set()
    theme = {
        "generator/" + p.relative_to(REPO).as_posix()
        for p in (REPO / "themes").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert {n for n in names if n.startswith("generator/themes/")} == theme
    shipped = {
        PurePosixPath(n).relative_to("generator/skeleton")
        for n in names
        if n.startswith("generator/skeleton/") and not n.endswith("__init__.py")
    }
    expected = {p for p in skeleton_files() if p.name != "requirements.txt"}
    expected_paths = {PurePosixPath(*[part.lstrip(".") for part in p.parts]) for p in expected}
    assert expected_paths | set(daily_sources()) == shipped
    assert not {n for n in names if n.startswith(("tests/", "content/")) or "__pycache__" in n}


@pytest.mark.slow
def test_an_installed_wheel_finds_its_default_theme(dist: Dist, tmp_path: Path) -> None:
    installed = tmp_path / "site-packages"
    with zipfile.ZipFile(dist.wheel) as archive:
        archive.extractall(installed)
    # Another distribution's top-level `themes/` beside ours must not be taken for it.
    (installed / "themes" / "default" / "templates").mkdir(parents=True)
    probe = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from generator.config import default_theme_dir; print(default_theme_dir())"
    )
    theme = Path(run([sys.executable, "-c", probe, str(installed)], tmp_path).strip())
    assert theme == installed / "generator" / "themes" / "default"
    assert (theme / "templates" / "paper.html").is_file()


@pytest.mark.slow
def test_the_wheel_metadata_is_this_release(dist: Dist) -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    with zipfile.ZipFile(dist.wheel) as archive:
        info = f"paperboard-{__version__}.dist-info"
        metadata = email.parser.Parser().parsestr(archive.read(f"{info}/METADATA").decode())
        entry_points = archive.read(f"{info}/entry_points.txt").decode()
        assert f"{info}/licenses/LICENSE" in archive.namelist()
    assert (metadata["Name"], metadata["Version"]) == ("paperboard", __version__)
    assert metadata["License-Expression"] == "MIT"
    assert metadata["Description-Content-Type"] == "text/markdown"
    required = [Requirement(r) for r in metadata.get_all("Requires-Dist") or []]
    runtime = {(r.name, r.specifier, frozenset(r.extras)) for r in required if r.marker is None}
    wanted = [Requirement(r) for r in project["dependencies"]]
    assert runtime == {(r.name, r.specifier, frozenset(r.extras)) for r in wanted}
    assert "paperboard = generator.cli:main" in entry_points


@pytest.mark.slow
def test_the_sdist_carries_the_sources_and_the_whole_test_suite(dist: Dist) -> None:
    with tarfile.open(dist.sdist) as archive:
        names = {
            PurePosixPath(n).relative_to(f"paperboard-{__version__}").as_posix()
            for n in archive.getnames()
            if "/" in n
        }
    tracked = {
        p.relative_to(REPO).as_posix()
        for folder in ("generator", "themes", "tests")
        for p in (REPO / folder).rglob("*")
        if p.is_file() and not {"__pycache__", ".pytest_cache"} & set(p.parts)
    }
    assert tracked - names == set()
    assert {"pyproject.toml", "README.md", "LICENSE", "PKG-INFO"} <= names
    assert not {n for n in names if n.endswith(".pyc")}


@pytest.mark.slow
def test_the_workflow_installs_this_release_not_a_checkout(runner: Runner, tmp_path: Path) -> None:
    code = "import generator, json; print(json.dumps([generator.__file__, generator.__version__]))"
    where, version = json.loads(runner.run("python", "-c", code, cwd=tmp_path).stdout)
    site_packages = runner.run(
        "python", "-c", "import site; print(site.getsitepackages()[0])", cwd=tmp_path
    ).stdout.strip()
    assert Path(where).is_relative_to(site_packages)
    assert version == __version__
    info = Path(site_packages) / f"paperboard-{__version__}.dist-info"
    direct = info / "direct_url.json"
    assert not direct.exists() or "editable" not in direct.read_text(encoding="utf-8")
    assert not list(Path(site_packages).glob("__editable__*"))


@pytest.mark.slow
def test_the_workflow_builds_and_checks_with_what_it_installed(runner: Runner) -> None:
    workflow = load(runner.project / ".github" / "workflows" / "pages.yml")
    for command in ("build", "check"):
        index, _ = paperboard_step(workflow, command)
        step = steps(workflow, "build")[index]
        env = {**runner.env, **step_env(step)}
        out = run(["bash", "-e", "-c", step["run"]], runner.project, env)
        assert "warning" not in out.replace("0 warnings", "")
    home = parse_html((runner.project / "site" / "index.html").read_bytes())
    assert home.xpath("//link[@rel='canonical']/@href") == [CONFIGURED + "/"]


@pytest.mark.slow
def test_a_new_user_runs_init_import_build_check(runner: Runner, tmp_path: Path) -> None:
    """The installed command alone, from a folder that is not this checkout."""
    assert runner.run("paperboard", "--version", cwd=tmp_path).stdout.split()[-1] == __version__
    steps_run = [
        ("init", "board"),
        ("import", "refs.bib", "--topic", "machine-learning", "--source", "board"),
        ("build", "--strict", "--source", "board"),
        ("check", "--source", "board"),
    ]
    (tmp_path / "refs.bib").write_text(BIBTEX, encoding="utf-8")
    outputs = []
    for args in steps_run:
        result = runner.run("paperboard", *args, cwd=tmp_path)
        assert result.returncode == 0, f"{args}: {result.stdout}{result.stderr}"
        outputs.append(result.stdout + result.stderr)
    assert "warning:" not in "".join(outputs)
    page = parse_html(
        (tmp_path / "board" / "site" / "papers")
        .glob("*engines*/index.html")
        .__next__()
        .read_bytes()
    )
    assert text_of(page.xpath("//h1")[0]) == "Analytical Engines for Fair Ranking"
    assert {"Ada Lovelace", "Charles Babbage"} <= {text_of(a) for a in page.xpath("//a")}


def test_pyproject_names_every_package_folder() -> None:
    """setuptools' package list is written by hand: a folder left out would not install."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    folders = {"generator.themes"} | {
        "generator.themes." + ".".join(p.relative_to(REPO / "themes").parts)
        for p in (REPO / "themes").rglob("*")
        if p.is_dir() and any(c.is_file() for c in p.iterdir())
    }
    folders |= {
        ".".join(p.relative_to(REPO).parts)
        for p in (REPO / "generator").rglob("*")
        if p.is_dir() and p.name != "__pycache__" and any(c.is_file() for c in p.iterdir())
    }
    folders.add("generator")
    assert listed == folders
