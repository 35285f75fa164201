"""Reading one skill: Markdown with YAML front matter (seed 000's format).

The front matter is read with python-frontmatter's YAML handler and a loader of
our own: plain scalars that look like numbers or dates stay the text that was
written (``version: 2026.05`` is ``"2026.05"``, not the float ``2026.05``),
duplicate keys and aliases are refused. A fault raises ``InvalidSkill`` naming
the file and the key at fault.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import yaml
from frontmatter.default_handlers import YAMLHandler
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node

from flowline.db.types import check_storable_json
from flowline.errors import ValidationFailed

MAX_SKILL_BYTES = 512 * 1024
MAX_FRONT_MATTER_BYTES = 64 * 1024
MAX_NAME_LENGTH = 64
MAX_TITLE_LENGTH = 200
MAX_DESCRIPTION_LENGTH = 1024
MAX_VERSION_LENGTH = 64
NAME_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
"""Lower-case letters, digits and single hyphens: usable as a file or folder name."""
VERSION_PATTERN = re.compile(r"^\d+(?:\.\d+){0,3}(?:[-+][0-9A-Za-z][0-9A-Za-z.+-]*)?$")
"""Semantic (``1.4.2``, ``2.0.0-rc.1``) or calendar (``2026.05``) versions."""

_TEXT_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp"}


class InvalidSkill(ValidationFailed):
    """A skill file that cannot be used; ``file`` and ``key`` say where it is wrong."""

    code = "SKILL_INVALID"

    def __init__(self, file: str, key: str, problem: str) -> None:
        super().__init__(f"{file}: {key}: {problem}", field=key)
        self.file = file
        self.key = key
        self.problem = problem


@dataclass(frozen=True, slots=True)
class ParsedSkill:
    name: str
    title: str | None
    version: str | None
    description: str
    front_matter: dict[str, Any]
    """Every key of the front matter, as read (the known ones checked)."""
    body: str


class _FrontMatterLoader(yaml.SafeLoader):
    """SafeLoader without number/date guessing, duplicate keys or aliases."""

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise ComposerError(
                None, None, "aliases (*name) are not allowed in front matter", event.start_mark
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, str) and key in seen:
                raise ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key if isinstance(key, str) else id(key_node))
        return super().construct_mapping(node, deep=deep)


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in _TEXT_TAGS]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _Handler(YAMLHandler):
    def load(self, fm: str, **kwargs: object) -> Any:
        return yaml.load(fm, Loader=_FrontMatterLoader)  # noqa: S506  (a SafeLoader subclass)


_HANDLER = _Handler()


def _yaml_problem(exc: yaml.YAMLError) -> str:
    if isinstance(exc, yaml.MarkedYAMLError):
        where = ""
        if exc.problem_mark is not None:
            # the front matter text begins with the end of the opening '---' line
            where = f" (line {exc.problem_mark.line + 1}, column {exc.problem_mark.column + 1})"
        return f"not valid YAML: {exc.problem or exc.context or 'unreadable'}{where}"
    return f"not valid YAML: {exc}"


def _split(text: str, file: str) -> tuple[str, str]:
    if not _HANDLER.detect(text):
        raise InvalidSkill(
            file, "front matter", "missing: the file must start with a '---' line, then YAML"
        )
    try:
        fm, body = _HANDLER.split(text)
    except ValueError:
        raise InvalidSkill(file, "front matter", "not closed by a second '---' line") from None
    return str(fm), str(body)


def _text(
    meta: dict[str, Any], key: str, file: str, *, required: bool, max_length: int
) -> str | None:
    value = meta.get(key)
    if value is None:
        if required:
            raise InvalidSkill(file, key, "missing; every skill needs one")
        return None
    if not isinstance(value, str):
        raise InvalidSkill(file, key, f"must be a string, not {_kind(value)}")
    value = value.strip()
    if not value:
        if required:
            raise InvalidSkill(file, key, "must not be empty")
        return None
    if len(value) > max_length:
        raise InvalidSkill(file, key, f"is {len(value)} characters; at most {max_length}")
    return value


def _kind(value: Any) -> str:
    names = {bool: "a boolean", list: "a list", dict: "a mapping", bytes: "binary data"}
    return names.get(type(value), f"a {type(value).__name__}")


def _check_url(meta: dict[str, Any], key: str, file: str) -> None:
    value = _text(meta, key, file, required=False, max_length=2000)
    if value is None:
        return
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InvalidSkill(file, key, "must be an http or https URL")


def check_front_matter(meta: Any, file: str) -> ParsedSkill:
    """Check parsed front matter; the body is filled in by ``parse_skill``."""
    if not isinstance(meta, dict):
        kind = "empty" if meta is None else _kind(meta)
        raise InvalidSkill(file, "front matter", f"must be a mapping of keys to values, not {kind}")
    for key in meta:
        if not isinstance(key, str):
            raise InvalidSkill(file, "front matter", f"keys must be strings; {key!r} is not")
    name = _text(meta, "name", file, required=True, max_length=MAX_NAME_LENGTH)
    assert name is not None
    if not NAME_PATTERN.fullmatch(name):
        raise InvalidSkill(
            file, "name", f"{name!r} must be lower-case letters, digits and single hyphens"
        )
    description = _text(meta, "description", file, required=True, max_length=MAX_DESCRIPTION_LENGTH)
    assert description is not None
    title = _text(meta, "title", file, required=False, max_length=MAX_TITLE_LENGTH)
    version = _text(meta, "version", file, required=False, max_length=MAX_VERSION_LENGTH)
    if version is not None and not VERSION_PATTERN.fullmatch(version):
        raise InvalidSkill(
            file, "version", f"{version!r} must be a version such as 1.2.3 or 2026.05"
        )
    _text(meta, "license", file, required=False, max_length=MAX_TITLE_LENGTH)
    for key in ("homepage", "spec"):
        _check_url(meta, key, file)
    for key, value in meta.items():
        try:
            check_storable_json(value, MAX_FRONT_MATTER_BYTES)
        except ValueError as exc:
            raise InvalidSkill(file, key, str(exc)) from None
    return ParsedSkill(
        name=name,
        title=title,
        version=version,
        description=description,
        front_matter=dict(meta),
        body="",
    )


def parse_skill(text: str, file: str, *, expected_name: str | None = None) -> ParsedSkill:
    """Parse and check one skill file's text.

    ``file`` names it in errors (a path, or "uploaded skill"); ``expected_name``
    is the name its file or folder gives it, which the front matter must repeat.
    """
    if len(text.encode("utf-8", errors="surrogatepass")) > MAX_SKILL_BYTES:
        raise InvalidSkill(file, "(file)", f"larger than {MAX_SKILL_BYTES} bytes")
    if "\x00" in text:
        raise InvalidSkill(file, "(file)", "contains the NUL character")
    try:
        check_storable_json(text, 4 * MAX_SKILL_BYTES)
    except ValueError as exc:
        raise InvalidSkill(file, "(file)", str(exc)) from None
    text = text.removeprefix("\ufeff")
    fm, body = _split(text, file)
    try:
        meta = _HANDLER.load(fm)
    except yaml.YAMLError as exc:
        raise InvalidSkill(file, "front matter", _yaml_problem(exc)) from None
    except RecursionError:
        raise InvalidSkill(file, "front matter", "nested too deeply") from None
    parsed = check_front_matter(meta, file)
    if expected_name is not None and parsed.name != expected_name:
        raise InvalidSkill(
            file,
            "name",
            f"is {parsed.name!r} but the file says {expected_name!r}; they must be the same",
        )
    body = body.strip("\n")
    return ParsedSkill(
        name=parsed.name,
        title=parsed.title,
        version=parsed.version,
        description=parsed.description,
        front_matter=parsed.front_matter,
        body=body,
    )
