"""Reading skill files: front matter, body, and errors that name the file and the key."""

from __future__ import annotations

import pytest

from flowline.skills.parsing import InvalidSkill, parse_skill
from flowline.skills.sources import BUILTIN_DIR


def skill(front: str, body: str = "# Body\n") -> str:
    return f"---\n{front}---\n{body}"


def problem(text: str, *, file: str = "x.md", expected: str | None = None) -> InvalidSkill:
    with pytest.raises(InvalidSkill) as caught:
        parse_skill(text, file, expected_name=expected)
    return caught.value


def test_the_builtin_skill_is_seed_000_read_whole() -> None:
    text = (BUILTIN_DIR / "flow-capi" / "SKILL.md").read_text()
    assert text.startswith(
        "---\nname: flow-capi\ntitle: Flow Customer API (CAPI)\nversion: 2026.05\n"
    )
    parsed = parse_skill(text, "flow-capi/SKILL.md", expected_name="flow-capi")
    assert parsed.name == "flow-capi"
    assert parsed.title == "Flow Customer API (CAPI)"
    assert parsed.version == "2026.05"  # calendar version kept as written, not a float
    assert parsed.front_matter["homepage"] == "https://developer.joinflow.com/capi"
    assert parsed.front_matter["license"] == "proprietary"
    assert parsed.body.startswith("# Flow Customer API (CAPI)")
    assert "### 7.1 Onboard a new employee" in parsed.body
    assert parsed.body.rstrip().endswith("change often.")


def test_numbers_and_dates_stay_text_and_other_keys_are_kept() -> None:
    parsed = parse_skill(
        skill(
            "name: a\ndescription: d\nversion: 2026.10\nreleased: 2026-05-18\n"
            "allowed-tools: [read, write]\nenabled: true\n"
        ),
        "a.md",
    )
    assert parsed.version == "2026.10"
    assert parsed.front_matter["released"] == "2026-05-18"
    assert parsed.front_matter["allowed-tools"] == ["read", "write"]
    assert parsed.front_matter["enabled"] is True
    assert parsed.body == "# Body"


@pytest.mark.parametrize(
    ("text", "key", "words"),
    [
        ("no front matter at all", "front matter", "must start with a '---' line"),
        ("---\nname: a\n", "front matter", "not closed"),
        (skill("- a\n- b\n"), "front matter", "mapping of keys to values, not a list"),
        ("---\n---\nbody", "front matter", "not empty"),
        (skill("name: [\n"), "front matter", "not valid YAML"),
        (skill("name: a\nname: b\ndescription: d\n"), "front matter", "duplicate key 'name'"),
        (skill("a: &x 1\nb: *x\n"), "front matter", "aliases"),
        (skill("description: d\n"), "name", "missing"),
        (skill("name: Has Caps\ndescription: d\n"), "name", "lower-case"),
        (skill("name: [a]\ndescription: d\n"), "name", "must be a string, not a list"),
        (skill("name: a\n"), "description", "missing"),
        (skill("name: a\ndescription: ''\n"), "description", "must not be empty"),
        (skill(f"name: a\ndescription: {'x' * 1025}\n"), "description", "at most 1024"),
        (skill("name: a\ndescription: d\nversion: [1]\n"), "version", "not a list"),
        (skill("name: a\ndescription: d\nversion: true\n"), "version", "not a boolean"),
        (skill("name: a\ndescription: d\nversion: v1.0\n"), "version", "1.2.3 or 2026.05"),
        (skill("name: a\ndescription: d\ntitle: {x: 1}\n"), "title", "not a mapping"),
        (skill("name: a\ndescription: d\nhomepage: ftp://x\n"), "homepage", "http or https"),
        (skill("name: a\ndescription: d\nblob: !!binary aGk=\n"), "blob", "cannot be stored"),
        ("---\nname: a\ndescription: d\n---\nnul \x00 here", "(file)", "NUL"),
    ],
)
def test_a_fault_names_the_file_and_the_key(text: str, key: str, words: str) -> None:
    found = problem(text, file="skills/broken.md")
    assert found.key == key
    assert found.message.startswith(f"skills/broken.md: {key}: ")
    assert words in found.message
    assert found.status == 422
    assert found.details == [{"field": key, "problem": found.message}]


def test_name_in_the_file_must_agree_with_the_file_name() -> None:
    found = problem(skill("name: other\ndescription: d\n"), file="mine.md", expected="mine")
    assert found.key == "name"
    assert "'other'" in found.message
    assert "'mine'" in found.message


def test_a_yaml_error_tells_the_line_of_the_file() -> None:
    found = problem("---\nname: a\ndescription: [\n---\nbody", file="a.md")
    assert "line " in found.message


def test_versions_that_are_accepted() -> None:
    for version in ("1", "1.2", "1.2.3", "2.0.0-rc.1", "1.0.0+build.5", "2026.05"):
        parsed = parse_skill(skill(f"name: a\ndescription: d\nversion: {version}\n"), "a.md")
        assert parsed.version == version
