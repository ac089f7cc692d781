"""The git plumbing `deploy` needs, and nothing that touches the user's checkout.

Every command runs the real `git` against the user's repository, but only
writes objects and refs: a tree is made from a folder through a temporary
index (`GIT_INDEX_FILE`), never the user's index; nothing checks anything
out, so the working tree, the index and HEAD stay as they were. `status`
runs with optional locks off, so even the index's stat cache is not rewritten.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.errors import PaperboardError, error

_INHERITED_OUT = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX")
"""Variables a surrounding git (a hook, `git rebase -x`) may set that would redirect us.
Messages are read in the C locale, since a few of them are parsed."""


class GitError(PaperboardError):
    """git refused, or the repository is not in a state deploy can use."""


def fail(message: str, hint: str = "") -> GitError:
    """A one-line git error for the CLI."""
    return GitError([error(message, hint=hint)])


@dataclass(frozen=True, slots=True)
class Repo:
    """A repository with a working tree, found from a folder inside it."""

    top: Path

    def run(
        self,
        *args: str,
        data: bytes | None = None,
        env: Mapping[str, str] | None = None,
        check: bool = True,
    ) -> subprocess.CompletedProcess[bytes]:
        """Run `git args` in the repository; raise GitError with git's message on failure."""
        result = run_git(self.top, args, data, env)
        if check and result.returncode != 0:
            raise fail(f"git {args[0]} failed: {last_line(result.stderr)}")
        return result

    def out(
        self, *args: str, data: bytes | None = None, env: Mapping[str, str] | None = None
    ) -> str:
        """Run git and return its output, stripped."""
        return self.run(*args, data=data, env=env).stdout.decode("utf-8", "replace").strip()


def run_git(
    cwd: Path, args: Sequence[str], data: bytes | None = None, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run git with a clean environment (plus `env`), capturing its output."""
    if shutil.which("git") is None:
        raise fail("git is not installed", "install git, then run deploy again")
    full_env = {k: v for k, v in os.environ.items() if k not in _INHERITED_OUT}
    full_env["LC_ALL"] = "C"
    full_env.update(env or {})
    return subprocess.run(
        ["git", *args], cwd=cwd, input=data, capture_output=True, env=full_env, check=False
    )


def last_line(stderr: bytes) -> str:
    """git's most telling line: the last non-empty one, without `fatal: `."""
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines()]
    lines = [line for line in lines if line]
    text = lines[-1] if lines else "no message"
    for prefix in ("fatal: ", "error: "):
        text = text.removeprefix(prefix)
    return text


def open_repo(folder: Path) -> Repo:
    """The repository `folder` belongs to; a clear error when there is none."""
    if not folder.is_dir():
        raise fail(f"{folder} is not a folder")
    result = run_git(folder, ["rev-parse", "--show-toplevel"])
    if result.returncode != 0:
        raise fail(
            f"{folder} is not in a git repository",
            "deploy publishes to a branch of your project's repository: run `git init`, "
            "commit, and add a remote first",
        )
    return Repo(Path(os.fsdecode(result.stdout.strip())))


def remote_url(repo: Repo, remote: str) -> str:
    """The URL of a remote; a clear error naming the remotes there are."""
    result = repo.run("remote", "get-url", remote, check=False)
    if result.returncode == 0:
        return result.stdout.decode("utf-8", "replace").strip()
    known = repo.out("remote").split()
    hint = f"the remotes are: {', '.join(known)}" if known else "this repository has no remotes"
    raise fail(
        f"there is no git remote named {remote!r}",
        f"{hint}; add one with `git remote add {remote} URL`, or choose one with --remote",
    )


def check_branch_name(repo: Repo, branch: str) -> None:
    """Refuse a name git would not accept as a branch."""
    if repo.run("check-ref-format", "--branch", branch, check=False).returncode != 0:
        raise fail(f"{branch!r} is not a valid branch name", "choose another with --branch")


def uncommitted(repo: Repo, folder: Path) -> list[str]:
    """Changed and untracked files under `folder`, as `git status --porcelain` lists them."""
    result = repo.run("--no-optional-locks", "status", "--porcelain", "--", str(folder))
    return [line for line in result.stdout.decode("utf-8", "replace").splitlines() if line]


def head_commit(repo: Repo) -> str | None:
    """The commit HEAD points at; None in a repository without commits."""
    result = repo.run("rev-parse", "--verify", "--quiet", "HEAD^{commit}", check=False)
    return result.stdout.decode().strip() if result.returncode == 0 else None


def remote_tip(repo: Repo, remote: str, branch: str) -> str | None:
    """The commit the remote's branch points at, or None if it has no such branch."""
    result = repo.run("ls-remote", "--heads", remote, f"refs/heads/{branch}", check=False)
    if result.returncode != 0:
        raise fail(f"cannot reach the remote {remote!r}: {last_line(result.stderr)}")
    for line in result.stdout.decode().splitlines():
        sha, _, ref = line.partition("\t")
        if ref == f"refs/heads/{branch}":
            return sha
    return None


def fetch_branch(repo: Repo, remote: str, branch: str) -> None:
    """Fetch the remote branch into its remote-tracking ref (never a local branch)."""
    refspec = f"+refs/heads/{branch}:refs/remotes/{remote}/{branch}"
    result = repo.run("fetch", "--quiet", "--no-tags", remote, refspec, check=False)
    if result.returncode != 0:
        raise fail(f"cannot fetch {branch!r} from {remote!r}: {last_line(result.stderr)}")


def tree_entry(repo: Repo, commit: str, path: str) -> tuple[str, str] | None:
    """(mode, object id) of a file at the top of a commit's tree, if it is there."""
    listing = repo.out("ls-tree", "-z", commit, "--", path)
    for entry in listing.split("\0"):
        meta, _, name = entry.partition("\t")
        if name == path and meta:
            mode, kind, sha = meta.split()
            return (mode, sha) if kind == "blob" else None
    return None


def write_tree(
    repo: Repo, folder: Path, scratch: Path, extra: Mapping[str, tuple[str, str]] | None = None
) -> str:
    """A tree object of every file under `folder`, plus `extra` {path: (mode, id)}.

    Blobs are hashed without filters (no line-ending or attribute conversion),
    and the tree is assembled in a scratch index file, never the user's.
    """
    files = sorted(_files_under(folder))
    if any("\n" in name for name in files):
        raise fail("a file name in the built site contains a line break; git cannot take it")
    paths = "".join(f"{folder / name}\n" for name in files).encode()
    ids = repo.out("hash-object", "-w", "--no-filters", "--stdin-paths", data=paths).split()
    entries = {name: ("100644", sha) for name, sha in zip(files, ids, strict=True)}
    entries.update(extra or {})
    index = "".join(f"{mode} {sha}\t{name}\0" for name, (mode, sha) in sorted(entries.items()))
    env = {"GIT_INDEX_FILE": str(scratch / "paperboard-deploy.index")}
    repo.run("update-index", "-z", "--add", "--index-info", data=index.encode(), env=env)
    return repo.out("write-tree", env=env)


def _files_under(folder: Path) -> list[str]:
    found = []
    for parent, _dirs, names in os.walk(folder):
        prefix = Path(parent).relative_to(folder)
        found += [(prefix / name).as_posix() for name in names]
    return found


def commit_tree(repo: Repo, tree: str, parent: str | None, message: str) -> str:
    """A commit of `tree` on top of `parent`; explains a missing git identity."""
    args = ["commit-tree", tree, *(["-p", parent] if parent else [])]
    result = repo.run(*args, data=message.encode(), check=False)
    if result.returncode == 0:
        return result.stdout.decode().strip()
    problem = last_line(result.stderr)
    if any(word in problem for word in ("ident", "email", "who you are")):
        raise fail(
            "git does not know who you are, so it cannot make the commit",
            'run `git config --global user.name "Your Name"` and '
            "`git config --global user.email you@example.com`",
        )
    raise fail(f"git commit-tree failed: {problem}")


def push(repo: Repo, remote: str, commit: str, branch: str, force: bool) -> None:
    """Push `commit` as the remote's `branch`; explain a rejection in one line."""
    spec = f"{'+' if force else ''}{commit}:refs/heads/{branch}"
    result = repo.run("push", "--porcelain", remote, spec, check=False)
    if result.returncode != 0:
        raise push_error(remote, branch, result.stdout, result.stderr)


def push_error(remote: str, branch: str, stdout: bytes, stderr: bytes) -> GitError:
    """Turn `git push --porcelain` output into an error that says what to do."""
    summary = ""
    for line in stdout.decode("utf-8", "replace").splitlines():
        fields = line.split("\t")
        if len(fields) >= 3 and fields[0] == "!":
            summary = fields[2]
    said = [
        line.strip().removeprefix("remote:").strip()
        for line in stderr.decode("utf-8", "replace").splitlines()
        if line.startswith("remote:") and line.removeprefix("remote:").strip()
    ]
    if summary.startswith("[rejected]"):
        return fail(
            f"{remote} rejected the push: its {branch} has commits this deploy did not build on "
            "(the histories diverged)",
            "someone pushed to it meanwhile: run deploy again to build on top of their commits, "
            "or use --force to replace them",
        )
    if summary.startswith("[remote rejected]"):
        reason = summary.removeprefix("[remote rejected]").strip(" ()")
        hint = f"the remote said: {said[0]}" if said else ""
        return fail(f"{remote} refused the push to {branch}: {reason}", hint)
    return fail(f"git push to {remote} failed: {last_line(stderr)}")
