"""``flowline-capi-sim``: serve the simulator, or mint a token for it."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import uvicorn

from flowline.examples.capi_sim.app import BASE, create_app
from flowline.examples.capi_sim.state import Faults, Simulator
from flowline.examples.capi_sim.tokens import DEFAULT_SECRET, mint


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="flowline-capi-sim",
        description="A local Flow Customer API (CAPI) for trying the CAPI flows (docs/capi.md).",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9000)
    parser.add_argument("--secret", default=DEFAULT_SECRET, help="HS256 key tokens are signed with")
    parser.add_argument("--users", type=int, default=7, help="users the team starts with")
    parser.add_argument("--seed", type=int, default=0, help="varies the generated call history")
    faults = parser.add_argument_group("faults (also settable with POST /_sim/faults)")
    faults.add_argument("--fail-next", type=int, default=0, help="answer the next N with 5xx")
    faults.add_argument("--fail-status", type=int, default=503)
    faults.add_argument("--fail-rate", type=float, default=0.0, help="share answered with 5xx")
    faults.add_argument("--rate-limit-next", type=int, default=0, help="answer the next N 429")
    faults.add_argument("--retry-after", type=int, default=1, help="Retry-After of a 429 (s)")
    faults.add_argument("--delay", type=float, default=0.0, help="hold every answer back (s)")
    faults.add_argument("--match", default=None, help="only paths containing this")
    parser.add_argument(
        "--print-token", action="store_true", help="print a token for the simulator and exit"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    if args.print_token:
        print(mint(args.secret))
        return
    sim = Simulator(secret=args.secret, seed_users=args.users, seed=args.seed)
    sim.faults = Faults(
        fail_next=args.fail_next,
        fail_status=args.fail_status,
        fail_rate=args.fail_rate,
        rate_limit_next=args.rate_limit_next,
        retry_after=args.retry_after,
        delay_seconds=args.delay,
        match=args.match,
    )
    base = f"http://{args.host}:{args.port}{BASE}"
    print(f"CAPI simulator at {base}", file=sys.stderr)
    print(f"A token (valid 30 days): {mint(args.secret)}", file=sys.stderr)
    uvicorn.run(create_app(sim), host=args.host, port=args.port, log_level="warning")
