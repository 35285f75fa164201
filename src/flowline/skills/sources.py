"""Skills that are files: the built-in ones shipped in the package and the skills directory.

A skill is ``<name>.md`` or a folder ``<name>/SKILL.md`` with support files beside
it. Directories are read again on every call (they are small, and an operator's
edit shows at once). A file that cannot be used is kept as an *invalid* entry
with its problem, and logged once per change of the file, so that a typo in one
skill never hides the others.
"""

from __future__ import annotations

import mimetypes
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

import structlog

from flowline.errors import NotFound, PayloadTooLarge, ValidationFailed
from flowline.skills.parsing import MAX_SKILL_BYTES, InvalidSkill, ParsedSkill, parse_skill

log = structlog.get_logger("flowline.skills")

BUILTIN_DIR = Path(__file__).parent / "builtin"
SKILL_FILE = "SKILL.md"
MAX_SUPPORT_FILE_BYTES = 10 * 1024 * 1024
MAX_SUPPORT_PATH_LENGTH = 1024
FileSource = Literal["builtin", "directory"]

# Served as plain text: a browser must never run a support file as a page of this origin.
_ACTIVE_TYPES = {
    "text/html",
    "image/svg+xml",
    "application/xhtml+xml",
    "text/xml",
    "application/xml",
}
_logged: set[tuple[str, int, str]] = set()


@dataclass(frozen=True, slots=True)
class FileSkill:
    """One skill file found on disk, valid (``parsed``) or not (``problem``)."""

    name: str
    source: FileSource
    file: str
    """Where it is, for messages: relative to its source's directory."""
    path: Path
    folder: Path | None
    """A folder skill's folder, where its support files are; ``None`` for ``<name>.md``."""
    parsed: ParsedSkill | None = None
    problem: InvalidSkill | None = None


@dataclass(frozen=True, slots=True)
class SupportFile:
    content: bytes
    media_type: str


def _read(
    path: Path, file: str, expected: str, source: FileSource, folder: Path | None
) -> FileSkill:
    """The skill in ``path``, parsed again only when the file changed (its modification
    time or size): a chat turn of an agent with skills reads the index every time."""
    try:
        stat = path.stat()
    except OSError:
        return _parse(path, file, expected, source, folder)
    key = (str(path), stat.st_mtime_ns, stat.st_size, file, expected, source)
    found = _PARSED.get(key)
    if found is None:
        if len(_PARSED) >= MAX_PARSED:
            _PARSED.clear()
        found = _PARSED[key] = _parse(path, file, expected, source, folder)
    return found


_PARSED: dict[tuple[str, int, int, str, str, str], FileSkill] = {}
MAX_PARSED = 2000


def _parse(
    path: Path, file: str, expected: str, source: FileSource, folder: Path | None
) -> FileSkill:
    try:
        if path.stat().st_size > MAX_SKILL_BYTES:
            raise InvalidSkill(file, "(file)", f"larger than {MAX_SKILL_BYTES} bytes")
        text = path.read_text(encoding="utf-8")
        parsed = parse_skill(text, file, expected_name=expected)
    except InvalidSkill as exc:
        _log_once(path, exc)
        return FileSkill(expected, source, file, path, folder, problem=exc)
    except UnicodeDecodeError:
        problem = InvalidSkill(file, "(file)", "not UTF-8 text")
        _log_once(path, problem)
        return FileSkill(expected, source, file, path, folder, problem=problem)
    except OSError as exc:
        problem = InvalidSkill(file, "(file)", f"cannot be read: {exc.strerror or exc}")
        _log_once(path, problem)
        return FileSkill(expected, source, file, path, folder, problem=problem)
    return FileSkill(parsed.name, source, file, path, folder, parsed=parsed)


def _log_once(path: Path, exc: InvalidSkill) -> None:
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        stamp = 0
    key = (str(path), stamp, exc.message)
    if key not in _logged:
        _logged.add(key)
        log.warning("skill_invalid", file=str(path), key=exc.key, problem=exc.problem)


def scan(directory: Path, source: FileSource) -> list[FileSkill]:
    """The skills in ``directory`` (hidden entries skipped), folders first, then files,
    each group by name; a missing directory has none.

    A name already taken (``a/SKILL.md`` and ``a.md``) makes the later one invalid.
    """
    try:
        entries = sorted(p for p in directory.iterdir() if not p.name.startswith("."))
    except FileNotFoundError:
        return []
    except OSError as exc:
        log.warning("skills_dir_unreadable", directory=str(directory), problem=str(exc))
        return []
    folders = [p for p in entries if p.is_dir() and (p / SKILL_FILE).is_file()]
    files = [p for p in entries if p.suffix == ".md" and p.is_file()]
    found = [_read(p / SKILL_FILE, f"{p.name}/{SKILL_FILE}", p.name, source, p) for p in folders]
    found += [_read(p, p.name, p.stem, source, None) for p in files]
    taken: dict[str, str] = {}
    skills: list[FileSkill] = []
    for skill in found:
        if skill.name in taken:
            problem = InvalidSkill(
                skill.file, "name", f"{skill.name!r} is also {taken[skill.name]}"
            )
            skill = FileSkill(skill.name, source, skill.file, skill.path, None, problem=problem)
        elif skill.parsed is not None:
            taken[skill.name] = skill.file
        skills.append(skill)
    return skills


def check_support_path(path: str) -> list[str]:
    """The parts of a support file's relative path, or 422 for a path that is not one."""
    problem = None
    if not path or len(path) > MAX_SUPPORT_PATH_LENGTH:
        problem = f"must be 1 to {MAX_SUPPORT_PATH_LENGTH} characters"
    elif "\x00" in path or any(ord(c) < 32 for c in path):
        problem = "must not contain control characters"
    elif "\\" in path:
        problem = "must use '/' between folders, not '\\'"
    elif path.startswith("/") or PurePosixPath(path).is_absolute() or ":" in path.split("/")[0]:
        problem = "must be relative to the skill's folder"
    else:
        parts = path.split("/")
        if any(part in ("", ".", "..") for part in parts):
            problem = "must not contain '..', '.' or empty parts"
        else:
            return parts
    raise ValidationFailed(f"path {problem}.", field="path")


def _media_type(path: Path) -> str:
    if path.suffix.lower() == ".md":
        return "text/markdown; charset=utf-8"
    guessed, _ = mimetypes.guess_type(path.name)
    if guessed is None:
        return "application/octet-stream"
    if guessed in _ACTIVE_TYPES or guessed.startswith("text/"):
        return "text/plain; charset=utf-8"
    return guessed


def read_support_file(skill: FileSkill, path: str) -> SupportFile:
    """A file in the skill's folder. Whatever resolves outside it (``..``, a symlink
    pointing out) is not found, as is every file of a single-file skill."""
    parts = check_support_path(path)
    missing = NotFound(f"Skill {skill.name!r} has no file {path!r}.", code="SKILL_FILE_NOT_FOUND")
    if skill.folder is None:
        raise missing
    try:
        root = skill.folder.resolve(strict=True)
        target = root.joinpath(*parts).resolve(strict=True)
    except (OSError, RuntimeError):
        raise missing from None
    if not target.is_relative_to(root) or not target.is_file():
        raise missing
    try:
        with target.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_SUPPORT_FILE_BYTES:
                raise PayloadTooLarge(
                    f"{path} is {size} bytes; files up to {MAX_SUPPORT_FILE_BYTES} are served."
                )
            content = handle.read(MAX_SUPPORT_FILE_BYTES + 1)
    except OSError:
        raise missing from None
    return SupportFile(content, _media_type(target))
