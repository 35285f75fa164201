"""Context assembly and MCP calls on SQLite: what they add to a chat turn.

Run ``python -m bench.context``. In one process, on a fresh database: the system
prompt of an agent with instructions only, and of one with two static prompt blocks,
a dynamic (KV) block whose render is cached, and a skill, each assembled as a turn
assembles it, alternating, p50/p99; the tokenizer's first load and its counting
speed; then ``--calls`` MCP tool calls (one SDK session each: probe or handshake,
call, close) against a loopback ``MCPServer``, p50/p99.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from cryptography.fernet import Fernet
from tests.fakes.mcp_server import serve_mcp

from flowline.agents.schemas import AgentConfig
from flowline.app import build_runtime
from flowline.auth.principal import Principal
from flowline.auth.scopes import Role
from flowline.config import Settings
from flowline.context import tokens
from flowline.context.assembly import system_prompt
from flowline.db import migrate
from flowline.db.models import KvEntry, McpServer, PromptBlock
from flowline.db.types import utcnow
from flowline.ids import new_id
from flowline.mcp_servers import client
from flowline.orgs.service import create_organization
from flowline.runtime import Runtime


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def line(what: str, timings: list[float]) -> str:
    p50, p99 = statistics.median(timings), percentile(timings, 0.99)
    return f"{what:42s} p50 {p50:7.2f} ms  p99 {p99:7.2f} ms  ({len(timings)})"


async def setup() -> tuple[Runtime, Principal]:
    data_dir = Path(tempfile.mkdtemp(prefix="flowline-bench-context-"))
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=data_dir,
        secret_key=Fernet.generate_key().decode(),
        allow_hosts=["127.0.0.1"],
    )
    runtime = build_runtime(settings)
    await migrate.upgrade(runtime.db.engine)
    async with runtime.db.session(write=True) as session:
        name = f"bench-context-{uuid.uuid4().hex[:8]}"
        made = await create_organization(session, name=name, owner_email=f"{name}@example.com")
        org = made.org.id
        now = utcnow()
        for block, kind, body, source in (
            ("refunds", "static", "Refunds take 5 days. " * 20, None),
            ("tone", "static", "Be warm and brief.", None),
            ("motd", "dynamic", "Today: {{ data }}", {"type": "kv", "key": "motd"}),
        ):
            session.add(
                PromptBlock(
                    id=new_id("pbk"),
                    org_id=org,
                    name=block,
                    kind=kind,
                    body=body,
                    source=source,
                    ttl_seconds=3600,
                    version=1,
                    description="",
                    created_at=now,
                    updated_at=now,
                )
            )
        session.add(
            KvEntry(
                org_id=org,
                key="motd",
                value="sale on books",
                version=1,
                created_at=now,
                updated_at=now,
            )
        )
    return runtime, Principal(org_id=org, user_id=made.owner.id, role=Role.OWNER)


async def assembly(runtime: Runtime, principal: Principal, turns: int) -> None:
    plain = AgentConfig(instructions="Be brief.")
    full = AgentConfig(
        instructions="Be brief.", prompt_blocks=["refunds", "tone", "motd"], skills=["flow-capi"]
    )
    await system_prompt(runtime, principal, "agt_bench", full)  # the dynamic block cached
    timings: dict[str, list[float]] = {"plain": [], "full": []}
    for _ in range(turns):
        for name, config in (("plain", plain), ("full", full)):
            began = time.perf_counter()
            await system_prompt(runtime, principal, "agt_bench", config)
            timings[name].append((time.perf_counter() - began) * 1000)
    print(line("system prompt, instructions only", timings["plain"]))
    print(line("system prompt, 3 prompt blocks + a skill", timings["full"]))


async def counting() -> None:
    began = time.perf_counter()
    await tokens.load_tokenizer()
    print(f"tokenizer first load: {(time.perf_counter() - began) * 1000:.0f} ms")
    text = "Refunds take five working days once the parcel is back. " * 200
    began = time.perf_counter()
    for _ in range(200):
        counted = tokens.count_tokens(text)
    spent = time.perf_counter() - began
    print(f"token counts: {200 * counted / spent / 1e6:.1f} M tokens/s ({len(text)} chars each)")


async def mcp_calls(runtime: Runtime, principal: Principal, calls: int) -> None:
    async with serve_mcp() as fake:
        server = McpServer(
            id=new_id("mcp"),
            org_id=principal.org_id,
            name="orders",
            url=fake.url,
            timeout_seconds=30.0,
            allowed_tools=None,
        )
        await client.call_tool(runtime, server, None, "lookup_order", {"order_id": "w"})
        timings = []
        for i in range(calls):
            began = time.perf_counter()
            await client.call_tool(runtime, server, None, "lookup_order", {"order_id": str(i)})
            timings.append((time.perf_counter() - began) * 1000)
    print(line("MCP tool call (session per call)", timings))


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=300)
    parser.add_argument("--calls", type=int, default=30)
    args = parser.parse_args()
    runtime, principal = await setup()
    try:
        await assembly(runtime, principal, args.turns)
        await counting()
        await mcp_calls(runtime, principal, args.calls)
    finally:
        await runtime.outbound.close()
        await runtime.db.dispose()


if __name__ == "__main__":
    asyncio.run(main())
