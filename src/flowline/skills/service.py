"""Skills: the built-in ones, the skills directory's and the organisation's uploads.

One name, one skill: an upload of the organisation comes first, then the skills
directory, then the built-in skills (a directory skill may replace a built-in
one). An upload may not take a name the directory or the built-ins already use.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.auth.principal import Principal
from flowline.config import Settings
from flowline.db.models import Skill
from flowline.db.repository import Page, PageRequest
from flowline.errors import Conflict, NotFound
from flowline.ids import new_id
from flowline.skills import sources
from flowline.skills.parsing import NAME_PATTERN, InvalidSkill, ParsedSkill, parse_skill
from flowline.skills.repository import SkillRepository
from flowline.skills.schemas import SkillProblem, SkillRead, SkillSource, SkillSummary
from flowline.skills.sources import FileSkill, SupportFile

UPLOAD_FILE = "uploaded skill"
MAX_LISTED_FILES = 1000


def skills_directory(settings: Settings) -> Path:
    """``FLOWLINE_SKILLS_DIR``, else ``skills`` in the data dir."""
    return settings.skills_dir or settings.data_dir / "skills"


@dataclass(frozen=True, slots=True)
class _Found:
    """The skill a name resolves to: an upload row or a file."""

    upload: Skill | None = None
    file: FileSkill | None = None


async def _file_skills(settings: Settings) -> list[FileSkill]:
    """Directory skills, then the built-in ones no valid directory skill replaces
    (read in a thread: the event loop never waits on the disk)."""
    return await asyncio.to_thread(_scan_files, settings)


def _scan_files(settings: Settings) -> list[FileSkill]:
    directory = sources.scan(skills_directory(settings), "directory")
    replaced = {s.name for s in directory if s.parsed is not None}
    builtin = [s for s in sources.scan(sources.BUILTIN_DIR, "builtin") if s.name not in replaced]
    return directory + builtin


def _problems(problem: InvalidSkill | None) -> list[SkillProblem]:
    return [] if problem is None else [SkillProblem(field=problem.key, problem=problem.message)]


def _summary_of_file(skill: FileSkill) -> SkillSummary:
    parsed = skill.parsed
    return SkillSummary(
        name=skill.name,
        title=parsed.title if parsed else None,
        version=parsed.version if parsed else None,
        description=parsed.description if parsed else None,
        source=SkillSource(skill.source),
        valid=parsed is not None,
        problems=_problems(skill.problem),
        file=skill.file,
    )


def _summary_of_upload(skill: Skill) -> SkillSummary:
    return SkillSummary(
        name=skill.name,
        title=skill.title,
        version=skill.version,
        description=skill.description,
        source=SkillSource.UPLOAD,
        valid=True,
    )


def _not_found(name: str) -> NotFound:
    return NotFound(f"Skill {name!r} not found.", code="SKILL_NOT_FOUND")


async def _find(
    session: AsyncSession, principal: Principal, settings: Settings, name: str
) -> _Found:
    """The skill named ``name``; an invalid file skill raises its problem (422)."""
    if not NAME_PATTERN.fullmatch(name):
        raise _not_found(name)
    upload = await SkillRepository(session, principal.org_id).by_name(name)
    if upload is not None:
        return _Found(upload=upload)
    named = [s for s in await _file_skills(settings) if s.name == name]
    for skill in named:
        if skill.parsed is not None:
            return _Found(file=skill)
    if named and named[0].problem is not None:
        raise named[0].problem
    raise _not_found(name)


async def list_skills(
    session: AsyncSession, principal: Principal, settings: Settings, page: PageRequest
) -> Page[SkillSummary]:
    """Every skill the organisation sees, by name; invalid directory files too."""
    uploads = await SkillRepository(session, principal.org_id).all_by_name()
    taken = {u.name for u in uploads}
    listed = [_summary_of_upload(u) for u in uploads]
    listed += [
        _summary_of_file(s)
        for s in await _file_skills(settings)
        if s.name not in taken or s.parsed is None
    ]
    listed.sort(key=lambda s: (s.name, not s.valid))
    items = listed[page.offset : page.offset + page.size]
    return Page(items=items, total=len(listed), page=page.page, size=page.size)


async def usable_skills(
    session: AsyncSession, principal: Principal, settings: Settings
) -> dict[str, SkillSummary]:
    """Every valid skill the organisation sees, by name (one query, one directory scan)."""
    found = {
        u.name: _summary_of_upload(u)
        for u in await SkillRepository(session, principal.org_id).all_by_name()
    }
    for skill in await _file_skills(settings):
        if skill.parsed is not None and skill.name not in found:
            found[skill.name] = _summary_of_file(skill)
    return found


async def assignment_problems(
    session: AsyncSession, principal: Principal, settings: Settings, names: list[str], field: str
) -> list[dict[str, str]]:
    """``{field, problem}`` for each name in ``names`` that is not a usable skill."""
    if not names:
        return []
    usable = await usable_skills(session, principal, settings)
    return [
        {"field": f"{field}[{index}]", "problem": f"no usable skill named {name!r}"}
        for index, name in enumerate(names)
        if name not in usable
    ]


def _support_files(folder: Path) -> list[str]:
    """Regular files below ``folder`` that stay inside it, hidden ones left out."""
    root = folder.resolve()
    found: list[str] = []
    for current, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(current) / name
            if name.startswith(".") or path == root / sources.SKILL_FILE:
                continue
            try:
                if not path.resolve(strict=True).is_relative_to(root) or not path.is_file():
                    continue
            except OSError:
                continue
            found.append(path.relative_to(root).as_posix())
            if len(found) >= MAX_LISTED_FILES:
                return found
    return found


def _read_of(parsed: ParsedSkill, summary: SkillSummary) -> SkillRead:
    return SkillRead(**summary.model_dump(), front_matter=parsed.front_matter, body=parsed.body)


async def get_skill(
    session: AsyncSession, principal: Principal, settings: Settings, name: str
) -> SkillRead:
    found = await _find(session, principal, settings, name)
    if found.upload is not None:
        upload = found.upload
        return SkillRead(
            **_summary_of_upload(upload).model_dump(),
            front_matter=upload.front_matter,
            body=upload.body,
            created_at=upload.created_at,
            updated_at=upload.updated_at,
        )
    skill = found.file
    assert skill is not None
    assert skill.parsed is not None
    read = _read_of(skill.parsed, _summary_of_file(skill))
    if skill.folder is not None:
        read.files = await asyncio.to_thread(_support_files, skill.folder)
    return read


async def skill_content(
    session: AsyncSession, principal: Principal, settings: Settings, name: str, path: str | None
) -> SupportFile:
    """The skill's Markdown file as written, or with ``path`` one of its support files."""
    found = await _find(session, principal, settings, name)
    if found.upload is not None:
        if path is not None:
            sources.check_support_path(path)
            raise NotFound(
                f"Skill {name!r} is an upload; it has no support files.",
                code="SKILL_FILE_NOT_FOUND",
            )
        return SupportFile(found.upload.text.encode(), "text/markdown; charset=utf-8")
    skill = found.file
    assert skill is not None
    if path is None:
        try:
            content = await asyncio.to_thread(skill.path.read_bytes)
            return SupportFile(content, "text/markdown; charset=utf-8")
        except OSError:
            raise _not_found(name) from None
    return await asyncio.to_thread(sources.read_support_file, skill, path)


async def upload_skill(
    session: AsyncSession, principal: Principal, settings: Settings, text: str
) -> SkillRead:
    """Store an uploaded skill (422 naming the key at fault; 409 for a name in use)."""
    parsed = parse_skill(text, UPLOAD_FILE)
    taken = Conflict(
        f"A skill named {parsed.name!r} already exists.",
        code="SKILL_EXISTS",
        details=[{"field": "name", "problem": "already taken"}],
    )
    repo = SkillRepository(session, principal.org_id)
    if await repo.by_name(parsed.name) is not None:
        raise taken
    for skill in await _file_skills(settings):
        if skill.name == parsed.name and skill.parsed is not None:
            raise Conflict(
                f"A skill named {parsed.name!r} comes from the {skill.source} skills; "
                "choose another name.",
                code="SKILL_EXISTS",
                details=[{"field": "name", "problem": f"used by a {skill.source} skill"}],
            )
    row = repo.add(
        Skill(
            id=new_id("skl"),
            name=parsed.name,
            title=parsed.title,
            version=parsed.version,
            description=parsed.description,
            front_matter=parsed.front_matter,
            body=parsed.body,
            text=text,
            created_by_id=principal.user_id,
        )
    )
    try:
        await session.flush()
    except IntegrityError:
        raise taken from None
    return await get_skill(session, principal, settings, row.name)


async def delete_skill(
    session: AsyncSession, principal: Principal, settings: Settings, name: str
) -> None:
    """Delete an upload; file skills are removed from their directory, not here (409)."""
    found = await _find(session, principal, settings, name)
    if found.upload is None:
        assert found.file is not None
        raise Conflict(
            f"Skill {name!r} comes from the {found.file.source} skills and cannot be deleted "
            "through the API.",
            code="SKILL_NOT_DELETABLE",
        )
    await SkillRepository(session, principal.org_id).delete(found.upload)
