"""The skills routes: built-in, skills-directory and uploaded skills, and their files."""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest

from flowline.auth.scopes import Role
from flowline.config import Settings
from flowline.skills.service import skills_directory
from tests.factories import Factory, unique

pytestmark = pytest.mark.usefixtures("skills_dir")


def markdown(name: str, *, description: str = "Does things.", extra: str = "") -> str:
    front = f"name: {name}\ntitle: The {name}\nversion: 1.0.0\ndescription: {description}\n"
    return f"---\n{front}{extra}---\n# {name}\n\nSteps.\n"


@pytest.fixture
def skills_dir(settings: Settings) -> Path:
    directory = skills_directory(settings)
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def folder_skill(root: Path, name: str) -> Path:
    folder = root / name
    (folder / "scripts").mkdir(parents=True)
    (folder / "SKILL.md").write_text(markdown(name))
    (folder / "scripts" / "run.py").write_text("print('hi')\n")
    (folder / "notes.md").write_text("# notes\n")
    (folder / "page.html").write_text("<script>alert(1)</script>")
    return folder


def slug() -> str:
    return unique("s")


async def test_the_builtin_skill_is_served_to_every_organisation(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    for org in (await factory.org(), await factory.org()):
        r = await client.get("/api/v1/skills", params={"size": 100}, headers=org.headers)
        assert r.status_code == 200, r.text
        capi = next(s for s in r.json()["data"] if s["name"] == "flow-capi")
        assert capi == {
            "name": "flow-capi",
            "title": "Flow Customer API (CAPI)",
            "version": "2026.05",
            "description": capi["description"],
            "source": "builtin",
            "valid": True,
            "problems": [],
            "file": "flow-capi/SKILL.md",
        }
        assert capi["description"].startswith("Operational context for any LLM")

    r = await client.get("/api/v1/skills/flow-capi", headers=org.headers)
    assert r.status_code == 200
    data = r.json()["data"]
    assert data["front_matter"]["spec"] == "https://developer.joinflow.com/api/spec/capi"
    assert "Require explicit user confirmation before any mutating request" in data["body"]
    content = await client.get("/api/v1/skills/flow-capi/content", headers=org.headers)
    assert content.status_code == 200
    assert content.headers["content-type"].startswith("text/markdown")
    assert content.text.startswith("---\nname: flow-capi\n")


async def test_directory_skills_file_and_folder(
    client: httpx.AsyncClient, factory: Factory, skills_dir: Path
) -> None:
    org = await factory.org()
    single, folder = slug(), slug()
    (skills_dir / f"{single}.md").write_text(markdown(single))
    folder_skill(skills_dir, folder)

    r = await client.get("/api/v1/skills", params={"size": 100}, headers=org.headers)
    listed = {s["name"]: s for s in r.json()["data"]}
    assert listed[single]["source"] == listed[folder]["source"] == "directory"
    assert listed[folder]["file"] == f"{folder}/SKILL.md"
    assert listed[single]["version"] == "1.0.0"

    r = await client.get(f"/api/v1/skills/{folder}", headers=org.headers)
    data = r.json()["data"]
    assert data["body"] == f"# {folder}\n\nSteps."
    assert data["files"] == ["notes.md", "page.html", "scripts/run.py"]

    r = await client.get(
        f"/api/v1/skills/{folder}/content", params={"path": "scripts/run.py"}, headers=org.headers
    )
    assert r.status_code == 200
    assert r.text == "print('hi')\n"
    assert r.headers["x-content-type-options"] == "nosniff"
    # A page is never served as one: it would run on the API's origin.
    r = await client.get(
        f"/api/v1/skills/{folder}/content", params={"path": "page.html"}, headers=org.headers
    )
    assert r.headers["content-type"].startswith("text/plain")
    assert r.headers["content-security-policy"] == "sandbox"

    # A single-file skill has no support files.
    r = await client.get(
        f"/api/v1/skills/{single}/content", params={"path": "notes.md"}, headers=org.headers
    )
    assert r.status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "../secret.txt",
        "scripts/../../secret.txt",
        "/etc/passwd",
        "scripts\\run.py",
        "a\x00b",
        "",
        "./notes.md",
        "scripts//run.py",
        "C:/x",
    ],
)
async def test_paths_out_of_the_folder_are_refused(
    client: httpx.AsyncClient, factory: Factory, skills_dir: Path, path: str
) -> None:
    org = await factory.org()
    name = slug()
    folder_skill(skills_dir, name)
    (skills_dir / "secret.txt").write_text("not for you")
    r = await client.get(
        f"/api/v1/skills/{name}/content", params={"path": path}, headers=org.headers
    )
    assert r.status_code == 422, r.text
    assert r.json()["details"][0]["field"] == "path"
    assert "not for you" not in r.text


async def test_symlinks_out_of_the_folder_are_not_found(
    client: httpx.AsyncClient, factory: Factory, skills_dir: Path, tmp_path: Path
) -> None:
    org = await factory.org()
    name = slug()
    folder = folder_skill(skills_dir, name)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("not for you")
    os.symlink(outside / "secret.txt", folder / "link.txt")
    os.symlink(outside, folder / "linked-dir")
    os.symlink(folder / "notes.md", folder / "inside-link.md")
    for path in ("link.txt", "linked-dir/secret.txt", "missing.txt", "scripts"):
        r = await client.get(
            f"/api/v1/skills/{name}/content", params={"path": path}, headers=org.headers
        )
        assert r.status_code == 404, (path, r.text)
        assert "not for you" not in r.text
    r = await client.get(
        f"/api/v1/skills/{name}/content", params={"path": "inside-link.md"}, headers=org.headers
    )
    assert r.status_code == 200
    files = (await client.get(f"/api/v1/skills/{name}", headers=org.headers)).json()["data"]
    assert "link.txt" not in files["files"]
    assert "inside-link.md" in files["files"]


async def test_invalid_directory_skills_are_listed_with_their_problem(
    client: httpx.AsyncClient, factory: Factory, skills_dir: Path
) -> None:
    org = await factory.org()
    bad_version, wrong_name, no_yaml = slug(), slug(), slug()
    (skills_dir / f"{bad_version}.md").write_text(
        f"---\nname: {bad_version}\ndescription: d\nversion: [1]\n---\nx"
    )
    (skills_dir / f"{wrong_name}.md").write_text(markdown("someone-else"))
    (skills_dir / f"{no_yaml}.md").write_text("---\nname: [\n---\nx")

    r = await client.get("/api/v1/skills", params={"size": 100}, headers=org.headers)
    listed = {s["name"]: s for s in r.json()["data"]}
    for name, key in ((bad_version, "version"), (wrong_name, "name"), (no_yaml, "front matter")):
        entry = listed[name]
        assert entry["valid"] is False
        assert entry["description"] is None
        assert entry["problems"][0]["field"] == key
        assert entry["problems"][0]["problem"].startswith(f"{name}.md: {key}: ")

    r = await client.get(f"/api/v1/skills/{bad_version}", headers=org.headers)
    assert r.status_code == 422
    assert r.json()["error"] == "SKILL_INVALID"
    assert r.json()["message"] == f"{bad_version}.md: version: must be a string, not a list"


async def test_a_directory_skill_replaces_a_builtin_one(
    client: httpx.AsyncClient, factory: Factory, settings: Settings, tmp_path: Path
) -> None:
    from flowline.skills import service

    org = await factory.org()
    local = settings.model_copy(update={"skills_dir": tmp_path})
    (tmp_path / "flow-capi.md").write_text(markdown("flow-capi", description="Our own."))
    async with factory.runtime.db.session() as session:
        page = await service.list_skills(session, org.principal(), local, service.PageRequest())
        capi = [s for s in page.items if s.name == "flow-capi"]
        assert [(s.source, s.description) for s in capi] == [("directory", "Our own.")]
        # and the configured directory, not the data dir's, is the one read
        assert not any(s.source == "directory" and s.name != "flow-capi" for s in page.items)


async def test_upload_as_markdown_or_json_read_and_delete(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org, other = await factory.org(), await factory.org()
    raw, wrapped = slug(), slug()
    r = await client.post(
        "/api/v1/skills",
        content=markdown(raw).encode(),
        headers={**org.headers, "Content-Type": "text/markdown; charset=utf-8"},
    )
    assert r.status_code == 201, r.text
    data = r.json()["data"]
    assert data["source"] == "upload"
    assert data["body"] == f"# {raw}\n\nSteps."
    assert data["front_matter"]["version"] == "1.0.0"
    assert data["created_at"] is not None

    r = await client.post(
        "/api/v1/skills", json={"skill": {"text": markdown(wrapped)}}, headers=org.headers
    )
    assert r.status_code == 201, r.text

    listed = await client.get("/api/v1/skills", params={"size": 100}, headers=org.headers)
    names = [s["name"] for s in listed.json()["data"]]
    assert {raw, wrapped} <= set(names)
    assert names == sorted(names)
    content = await client.get(f"/api/v1/skills/{raw}/content", headers=org.headers)
    assert content.text == markdown(raw)
    r = await client.get(
        f"/api/v1/skills/{raw}/content", params={"path": "x.md"}, headers=org.headers
    )
    assert r.status_code == 404
    assert (await client.get(f"/api/v1/skills/{raw}", headers=other.headers)).status_code == 404

    r = await client.post("/api/v1/skills", json={"text": markdown(raw)}, headers=org.headers)
    assert r.status_code == 409
    assert r.json()["details"] == [{"field": "name", "problem": "already taken"}]
    # another organisation may use the name
    r = await client.post("/api/v1/skills", json={"text": markdown(raw)}, headers=other.headers)
    assert r.status_code == 201

    assert (await client.delete(f"/api/v1/skills/{raw}", headers=org.headers)).status_code == 204
    assert (await client.get(f"/api/v1/skills/{raw}", headers=org.headers)).status_code == 404
    assert (await client.get(f"/api/v1/skills/{raw}", headers=other.headers)).status_code == 200


async def test_uploads_with_bad_front_matter_are_422_naming_the_key(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    cases = {
        "---\nname: a\ndescription: d\nversion: [1]\n---\nx": "version",
        "---\ndescription: d\n---\nx": "name",
        "---\n- 1\n---\nx": "front matter",
        "# no front matter": "front matter",
        "---\nname: a\ndescription: d\n: [\n---\nx": "front matter",
    }
    for text, key in cases.items():
        r = await client.post(
            "/api/v1/skills",
            content=text.encode(),
            headers={**org.headers, "Content-Type": "text/markdown"},
        )
        assert r.status_code == 422, r.text
        body = r.json()
        assert body["error"] == "SKILL_INVALID"
        assert body["details"][0]["field"] == key
        assert body["message"].startswith(f"uploaded skill: {key}: ")

    assert (await client.post("/api/v1/skills", json={}, headers=org.headers)).status_code == 422
    r = await client.post("/api/v1/skills", json={"text": 1}, headers=org.headers)
    assert r.status_code == 422
    assert r.json()["details"][0]["field"] == "text"
    r = await client.post(
        "/api/v1/skills", content=b"{", headers={**org.headers, "Content-Type": "application/json"}
    )
    assert r.status_code == 400
    r = await client.post(
        "/api/v1/skills",
        content=b"\xff\xfe",
        headers={**org.headers, "Content-Type": "text/markdown"},
    )
    assert r.status_code == 422


async def test_file_skills_cannot_be_uploaded_over_or_deleted(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    r = await client.post(
        "/api/v1/skills", json={"text": markdown("flow-capi")}, headers=org.headers
    )
    assert r.status_code == 409
    assert r.json()["details"] == [{"field": "name", "problem": "used by a builtin skill"}]
    r = await client.delete("/api/v1/skills/flow-capi", headers=org.headers)
    assert r.status_code == 409
    assert r.json()["error"] == "SKILL_NOT_DELETABLE"
    for name in ("nope", "Not-A-Name", "a..b"):
        r = await client.get(f"/api/v1/skills/{name}", headers=org.headers)
        assert r.status_code == 404


async def test_scopes(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    viewer = await factory.member(org, Role.VIEWER)
    reader = await factory.member(org, Role.MEMBER, scopes=["skills:read"])
    assert (await client.get("/api/v1/skills", headers=viewer.headers)).status_code == 200
    for who in (viewer, reader):
        r = await client.post(
            "/api/v1/skills", json={"text": markdown(slug())}, headers=who.headers
        )
        assert r.status_code == 403
    member = await factory.member(org, Role.MEMBER)
    r = await client.post("/api/v1/skills", json={"text": markdown(slug())}, headers=member.headers)
    assert r.status_code == 201
    assert (await client.get("/api/v1/skills")).status_code == 401
