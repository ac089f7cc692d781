"""`paperboard deploy` against real bare repositories on disk, with the real git.

The user's project is a real clone; its working tree, index, HEAD and
branches are compared byte for byte before and after every deploy.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import Project, parse_html

from generator.cli import main
from generator.config import LOCAL_PREVIEW_URL, SiteConfig
from generator.publish.deploy import DeployOptions, github_pages_url, inferred_base_url, prepare
from generator.publish.git import GitError, open_repo, push

BASE = "https://user.github.io/work/"
IDENTITY = {
    "GIT_AUTHOR_NAME": "Ada Author",
    "GIT_AUTHOR_EMAIL": "ada@example.org",
    "GIT_COMMITTER_NAME": "Ada Author",
    "GIT_COMMITTER_EMAIL": "ada@example.org",
}


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@dataclass
class Repos:
    """A bare remote and the user's clone of it, holding a Paperboard project."""

    remote: Path
    work: Path
    tmp: Path

    def deploy(self, *args: str) -> Result:
        return CliRunner().invoke(main, ["deploy", "--source", str(self.work), *args])

    def tip(self, branch: str = "gh-pages") -> str:
        return git(self.remote, "rev-parse", f"refs/heads/{branch}")

    def files(self, commit: str) -> set[str]:
        return set(git(self.remote, "ls-tree", "-r", "--name-only", commit).splitlines())

    def show(self, commit: str, path: str) -> str:
        return git(self.remote, "show", f"{commit}:{path}")

    def other_clone(self, name: str) -> Path:
        clone = self.tmp / name
        git(self.tmp, "clone", "--quiet", str(self.remote), str(clone))
        return clone


@pytest.fixture
def repos(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repos:
    for key, value in IDENTITY.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", "-b", "main", str(remote))
    seed = Project(tmp_path / "seed")
    seed.root.mkdir()
    seed.write("paperboard.toml", f'title = "Deploy test"\nbase_url = "{BASE}"\n')
    seed.write(".gitignore", "site/\n.paperboard-cache/\n")
    seed.topic("fairness", "Fairness")
    seed.paper("alpha", "Alpha")
    git(seed.root, "init", "--quiet", "-b", "main")
    git(seed.root, "add", "-A")
    git(seed.root, "commit", "--quiet", "-m", "Papers")
    git(seed.root, "push", "--quiet", str(remote), "main")
    work = tmp_path / "work"
    git(tmp_path, "clone", "--quiet", str(remote), str(work))
    return Repos(remote, work, tmp_path)


def snapshot(work: Path) -> dict[str, object]:
    """Everything of the user's checkout a deploy must not change."""
    tree = {
        path.relative_to(work).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in work.rglob("*")
        if path.is_file() and ".git" not in path.relative_to(work).parts
    }
    return {
        "index": (work / ".git" / "index").read_bytes(),
        "status": git(work, "--no-optional-locks", "status", "--porcelain"),
        "head": git(work, "rev-parse", "HEAD"),
        "branch": git(work, "symbolic-ref", "HEAD"),
        "branches": git(work, "for-each-ref", "refs/heads"),
        "tree": tree,
    }


def test_first_deploy_creates_the_branch_with_the_site(repos: Repos) -> None:
    source = git(repos.work, "rev-parse", "HEAD")
    result = repos.deploy()
    assert result.exit_code == 0, result.output
    tip = repos.tip()
    files = repos.files(tip)
    assert {"index.html", "papers/alpha/index.html", "404.html", ".nojekyll"} <= files
    assert ".paperboard-site" not in files
    assert git(repos.remote, "log", "--format=%P", "-1", tip) == ""
    assert source in git(repos.remote, "log", "--format=%B", "-1", tip)
    page = parse_html(repos.show(tip, "papers/alpha/index.html"))
    assert page.xpath("//link[@rel='canonical']/@href") == [BASE + "papers/alpha/"]


def test_the_branch_holds_exactly_the_built_site(repos: Repos) -> None:
    assert repos.deploy().exit_code == 0
    built = Project(repos.work).build("--output", str(repos.tmp / "local-site"))
    assert built.exit_code == 0, built.output
    local = {
        p.relative_to(repos.tmp / "local-site").as_posix()
        for p in (repos.tmp / "local-site").rglob("*")
        if p.is_file()
    }
    deployed = repos.files(repos.tip())
    # Pagefind names its index files by a hash that differs from build to build.
    assert stable(deployed) == stable(local) - {".paperboard-site"}
    assert len(deployed - stable(deployed)) == len(local - stable(local))
    digest = git(repos.work, "hash-object", str(repos.tmp / "local-site" / "index.html"))
    assert git(repos.remote, "rev-parse", f"{repos.tip()}:index.html") == digest


def stable(files: set[str]) -> set[str]:
    return {name for name in files if not name.startswith("pagefind/")}


def test_a_second_deploy_adds_one_commit_on_top(repos: Repos) -> None:
    assert repos.deploy().exit_code == 0
    first = repos.tip()
    Project(repos.work).paper("beta", "Beta")
    git(repos.work, "add", "-A")
    git(repos.work, "commit", "--quiet", "-m", "Add beta")
    source = git(repos.work, "rev-parse", "HEAD")
    result = repos.deploy("--message", "Publish {sha}")
    assert result.exit_code == 0, result.output
    second = repos.tip()
    assert git(repos.remote, "log", "--format=%P", "-1", second) == first
    assert git(repos.remote, "rev-list", "--count", second) == "2"
    assert "papers/beta/index.html" in repos.files(second)
    message = git(repos.remote, "log", "--format=%B", "-1", second)
    assert message.splitlines()[0] == f"Publish {source[:12]}"
    assert source in message


def test_a_cname_on_the_branch_survives(repos: Repos) -> None:
    assert repos.deploy().exit_code == 0
    other = repos.other_clone("settings")
    git(other, "checkout", "--quiet", "gh-pages")
    (other / "CNAME").write_text("papers.example.org\n")
    git(other, "add", "CNAME")
    git(other, "commit", "--quiet", "-m", "Create CNAME")
    git(other, "push", "--quiet", "origin", "gh-pages")
    assert repos.deploy().exit_code == 0
    assert repos.show(repos.tip(), "CNAME") == "papers.example.org"
    assert git(repos.remote, "rev-list", "--count", "gh-pages") == "3"


def test_cname_from_the_config_is_written(repos: Repos) -> None:
    config = repos.work / "paperboard.toml"
    config.write_text(config.read_text() + 'cname = "papers.example.org"\n')
    git(repos.work, "commit", "--quiet", "-am", "Custom domain")
    assert repos.deploy().exit_code == 0
    assert repos.show(repos.tip(), "CNAME") == "papers.example.org"


def test_the_users_checkout_is_untouched(repos: Repos) -> None:
    git(repos.work, "checkout", "--quiet", "-b", "feature")
    Project(repos.work).paper("staged", "Staged")
    git(repos.work, "add", "content/papers/staged.md")
    Project(repos.work).paper("alpha", "Alpha, edited and not committed")
    Project(repos.work).paper("untracked", "Untracked")
    touched = repos.work / "paperboard.toml"
    os.utime(touched, (touched.stat().st_atime, touched.stat().st_mtime + 100))
    before = snapshot(repos.work)
    result = repos.deploy()
    assert result.exit_code == 0, result.output
    assert snapshot(repos.work) == before
    assert "papers/untracked/index.html" in repos.files(repos.tip())


def test_uncommitted_changes_warn_and_strict_refuses(repos: Repos) -> None:
    Project(repos.work).paper("draft-work", "Draft")
    strict = repos.deploy("--strict")
    assert strict.exit_code == 1
    assert "uncommitted" in strict.output and "draft-work" in strict.output
    assert git(repos.remote, "for-each-ref", "refs/heads/gh-pages") == ""
    relaxed = repos.deploy()
    assert relaxed.exit_code == 0, relaxed.output
    warnings = [line for line in relaxed.output.splitlines() if "warning:" in line]
    assert len(warnings) == 1 and "uncommitted" in warnings[0]
    assert "with uncommitted changes" in git(repos.remote, "log", "--format=%B", "-1", "gh-pages")


def test_a_push_refused_by_a_hook_is_one_clear_line(repos: Repos) -> None:
    hook = repos.remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'deploys are frozen today' >&2\nexit 1\n")
    hook.chmod(0o755)
    result = repos.deploy()
    assert result.exit_code == 1
    [line] = [line for line in result.output.splitlines() if "error:" in line]
    assert "pre-receive hook declined" in line and "deploys are frozen today" in line
    assert "--force" not in line


def test_a_diverged_branch_is_rejected_with_a_force_hint(repos: Repos) -> None:
    assert repos.deploy().exit_code == 0
    repo = open_repo(repos.work)
    options = DeployOptions(repos.work)
    prepared = prepare(repo, options)
    other = repos.other_clone("elsewhere")
    git(other, "checkout", "--quiet", "gh-pages")
    (other / "extra.txt").write_text("pushed by someone else\n")
    git(other, "add", "extra.txt")
    git(other, "commit", "--quiet", "-m", "Meanwhile")
    git(other, "push", "--quiet", "origin", "gh-pages")
    with pytest.raises(GitError) as caught:
        push(repo, "origin", prepared.commit, "gh-pages", force=False)
    [problem] = caught.value.diagnostics
    assert "diverged" in problem.message and "--force" in problem.hint
    push(repo, "origin", prepared.commit, "gh-pages", force=True)
    assert repos.tip() == prepared.commit


def test_not_a_git_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    project = Project(tmp_path / "plain")
    project.root.mkdir()
    project.paper("alpha")
    result = CliRunner().invoke(main, ["deploy", "--source", str(project.root)])
    assert result.exit_code == 1
    [line] = result.output.splitlines()
    assert "not in a git repository" in line


def test_no_such_remote_names_the_remotes_there_are(repos: Repos) -> None:
    result = repos.deploy("--remote", "upstream")
    assert result.exit_code == 1
    [line] = result.output.splitlines()
    assert "'upstream'" in line and "origin" in line


def test_an_unreachable_remote(repos: Repos) -> None:
    git(repos.work, "remote", "set-url", "origin", str(repos.tmp / "gone.git"))
    result = repos.deploy()
    assert result.exit_code == 1
    assert "cannot reach the remote 'origin'" in result.output


def test_an_invalid_branch_name(repos: Repos) -> None:
    result = repos.deploy("--branch", "bad..name")
    assert result.exit_code == 1
    assert "not a valid branch name" in result.output


def test_a_missing_git_identity_is_explained(repos: Repos, monkeypatch: pytest.MonkeyPatch) -> None:
    for key in IDENTITY:
        monkeypatch.delenv(key)
    monkeypatch.setenv("GIT_CONFIG_COUNT", "1")
    monkeypatch.setenv("GIT_CONFIG_KEY_0", "user.useConfigOnly")
    monkeypatch.setenv("GIT_CONFIG_VALUE_0", "true")
    result = repos.deploy()
    assert result.exit_code == 1
    assert "git config --global user.email" in result.output


@pytest.mark.parametrize(
    ("remote", "url"),
    [
        ("git@github.com:Octo/papers.git", "https://octo.github.io/papers/"),
        ("https://github.com/octo/papers", "https://octo.github.io/papers/"),
        ("https://token@github.com/octo/papers.git", "https://octo.github.io/papers/"),
        ("ssh://git@github.com/octo/papers.git", "https://octo.github.io/papers/"),
        ("git@github.com:Octo/octo.github.io.git", "https://octo.github.io/"),
        ("git@gitlab.com:octo/papers.git", None),
        ("/srv/git/papers.git", None),
    ],
)
def test_github_pages_url_of_a_remote(remote: str, url: str | None) -> None:
    assert github_pages_url(remote) == url


@pytest.mark.parametrize(
    ("base_url", "cname", "built_for"),
    [
        ("/", "", "https://octo.github.io/papers/"),
        (LOCAL_PREVIEW_URL, "", "https://octo.github.io/papers/"),
        ("http://localhost:4000/", "", "https://octo.github.io/papers/"),
        ("http://[::1]:8000/", "", "https://octo.github.io/papers/"),
        (LOCAL_PREVIEW_URL, "papers.example.org", "https://papers.example.org/"),
        ("https://papers.example.org/", "", None),
        ("http://127.example.org/", "", None),
    ],
)
def test_a_local_preview_base_url_deploys_for_the_pages_url(
    tmp_path: Path, base_url: str, cname: str, built_for: str | None
) -> None:
    """The base URL `init` writes without a remote must not be published as is."""
    config = SiteConfig(root=tmp_path, base_url=base_url)
    assert inferred_base_url(config, "git@github.com:octo/papers.git", cname) == built_for
