"""`paperboard deploy`: publish the site as the new tip of a branch (`gh-pages`).

For sites served from a branch, like `mkdocs gh-deploy`. The site is built
into a temporary folder, turned into a tree with git plumbing and committed
on top of the remote branch's current tip, so the branch keeps its history
and every deploy is one commit naming the source commit. The user's working
tree, index, HEAD and local branches are never touched. A `CNAME` already on
the branch is kept (a `cname` in paperboard.toml replaces it), and
`.nojekyll` is always there so GitHub serves the files as they are.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator import __version__
from generator.build.builder import BuildOptions, build_site
from generator.config import SiteConfig, is_local_url, load_config
from generator.errors import Diagnostic, counted, warning
from generator.output.staging import MARKER
from generator.publish.git import (
    Repo,
    check_branch_name,
    commit_tree,
    fail,
    fetch_branch,
    head_commit,
    open_repo,
    push,
    remote_tip,
    remote_url,
    tree_entry,
    uncommitted,
    write_tree,
)

DEFAULT_MESSAGE = "Deploy {sha} with Paperboard {version}"
_GITHUB_REMOTE = re.compile(
    r"^(?:https?://(?:[^@/]+@)?|ssh://git@|git@)github\.com[:/]"
    r"(?P<owner>[A-Za-z0-9-]+)/(?P<repo>[A-Za-z0-9._-]+?)(?:\.git)?/?$"
)


@dataclass(frozen=True, slots=True)
class DeployOptions:
    """What the command line says about one deploy."""

    root: Path
    remote: str = "origin"
    branch: str = "gh-pages"
    message: str | None = None
    """The commit subject; `{sha}` and `{version}` are filled in."""
    base_url: str | None = None
    strict: bool = False
    """Uncommitted changes and content warnings are errors."""
    force: bool = False
    """Replace the remote branch even if it moved while deploying."""


@dataclass(frozen=True, slots=True)
class Prepared:
    """A deploy commit made locally, not yet pushed."""

    commit: str
    parent: str | None
    source: str | None
    base_url: str
    files: int
    warnings: list[Diagnostic] = field(default_factory=list)


def deploy(options: DeployOptions) -> Prepared:
    """Build, commit on top of the remote branch, and push."""
    repo = open_repo(options.root.resolve())
    prepared = prepare(repo, options)
    push(repo, options.remote, prepared.commit, options.branch, options.force)
    return prepared


def prepare(repo: Repo, options: DeployOptions) -> Prepared:
    """Everything but the push: check, fetch, build, and commit."""
    root = options.root.resolve()
    url = remote_url(repo, options.remote)
    check_branch_name(repo, options.branch)
    warnings = dirty_warnings(repo, root, options.strict)
    parent = remote_tip(repo, options.remote, options.branch)
    if parent:
        fetch_branch(repo, options.remote, options.branch)
    kept_cname = tree_entry(repo, parent, "CNAME") if parent else None
    config = load_config(root)
    cname = config.cname.strip() or (_blob_text(repo, kept_cname[1]) if kept_cname else "")
    base_url = options.base_url or inferred_base_url(config, url, cname)
    with tempfile.TemporaryDirectory(prefix="paperboard-deploy-") as scratch:
        output = Path(scratch) / "site"
        # No .paperboard-cache/: a deploy leaves the user's checkout exactly as it was.
        built = build_site(BuildOptions(root, output, base_url, options.strict, cache=False))
        site = built.output
        (site / MARKER).unlink(missing_ok=True)
        (site / ".nojekyll").touch()
        if config.cname.strip():
            (site / "CNAME").write_text(config.cname.strip() + "\n", encoding="utf-8")
        extra = {"CNAME": kept_cname} if kept_cname and not (site / "CNAME").exists() else {}
        tree = write_tree(repo, site, Path(scratch), extra)
    source = head_commit(repo)
    message = commit_message(options.message, source, dirty=bool(warnings))
    commit = commit_tree(repo, tree, parent, message)
    final_url = base_url or built.site.config.base_url
    return Prepared(commit, parent, source, final_url, built.files, [*warnings, *built.warnings])


def dirty_warnings(repo: Repo, root: Path, strict: bool) -> list[Diagnostic]:
    """A warning (an error when strict) if the project has uncommitted changes."""
    changed = uncommitted(repo, root)
    if not changed:
        return []
    shown = ", ".join(line[3:] for line in changed[:3]) + (", ..." if len(changed) > 3 else "")
    message = (
        f"{counted(len(changed), 'uncommitted change')} in the project "
        f"({shown}): the site is built from the files as they are"
    )
    if strict:
        raise fail(message, "commit them first, or deploy without --strict")
    return [
        warning(message, hint="commit them first so the deploy names the source it was built from")
    ]


def commit_message(template: str | None, source: str | None, dirty: bool) -> str:
    """The subject (with `{sha}` and `{version}` filled in) and the full source commit."""
    short = source[:12] if source else "an uncommitted project"
    subject = (template or DEFAULT_MESSAGE).replace("{sha}", short)
    subject = subject.replace("{version}", __version__)
    if source is None:
        body = "Source commit: none (the repository has no commits yet)"
    else:
        body = f"Source commit: {source}" + (" with uncommitted changes" if dirty else "")
    return f"{subject}\n\n{body}\n"


def inferred_base_url(config: SiteConfig, remote: str, cname: str) -> str | None:
    """Where GitHub Pages will serve the branch, when paperboard.toml does not say.

    Only used while `base_url` is `/` or an address on this machine (the local
    preview `init` writes): a project page lives under `/repo/`, and a site built
    for `/` or for 127.0.0.1 would lose its stylesheet and links there.
    """
    if config.base_url != "/" and not is_local_url(config.base_url):
        return None
    if cname:
        return f"https://{cname}/"
    return github_pages_url(remote)


def github_pages_url(remote: str) -> str | None:
    """`https://owner.github.io/repo/` for a github.com remote URL, else None."""
    match = _GITHUB_REMOTE.match(remote.strip())
    if not match:
        return None
    owner = match["owner"].lower()
    repo = match["repo"]
    if repo.lower() == f"{owner}.github.io":
        return f"https://{owner}.github.io/"
    return f"https://{owner}.github.io/{repo}/"


def _blob_text(repo: Repo, sha: str) -> str:
    return next(iter(repo.out("cat-file", "blob", sha).splitlines()), "").strip()
