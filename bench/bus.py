"""Latency and throughput of the notification bus.

Run ``python bench/bus.py`` for ``LocalBus``; add ``--postgres URL`` (a database
the bench may NOTIFY on, e.g. ``postgresql://postgres@127.0.0.1:5432/test``) for
``PostgresBus`` too, with two bus instances standing in for two processes.

- latency: one message at a time, publish to receive on the other side, p50/p99;
- throughput: ``--publishers`` tasks publishing back to back while one subscriber
  drains, messages received per second.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

from flowline.events.bus import Bus, LocalBus, PostgresBus, Subscription, asyncpg_dsn


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def latency(publisher: Bus, subscription: Subscription, count: int) -> list[float]:
    samples = []
    for n in range(count):
        started = time.perf_counter()
        await publisher.publish(subscription.channel, str(n))
        await anext(subscription)
        samples.append(time.perf_counter() - started)
    return samples


async def throughput(
    publisher: Bus, subscription: Subscription, count: int, publishers: int
) -> float:
    per_task = count // publishers

    async def publish() -> None:
        for n in range(per_task):
            await publisher.publish(subscription.channel, str(n))
            await asyncio.sleep(0)  # lets the subscriber drain, as real publishers would

    async def drain() -> None:
        for _ in range(per_task * publishers):
            await anext(subscription)

    started = time.perf_counter()
    await asyncio.gather(drain(), *(publish() for _ in range(publishers)))
    return per_task * publishers / (time.perf_counter() - started)


async def measure(name: str, publisher: Bus, receiver: Bus, args: argparse.Namespace) -> None:
    async with receiver.subscribe("bench:latency") as subscription:
        await latency(publisher, subscription, min(100, args.count))  # warm up
        samples = await latency(publisher, subscription, args.count)
    async with receiver.subscribe("bench:throughput") as subscription:
        rate = await throughput(publisher, subscription, args.count * 5, args.publishers)
    print(
        f"{name:<13} p50 {statistics.median(samples) * 1e6:8.0f} µs"
        f"  p99 {percentile(samples, 0.99) * 1e6:8.0f} µs"
        f"  {rate:10.0f} messages/s ({args.publishers} publishers)"
    )


async def main(args: argparse.Namespace) -> None:
    local = LocalBus()
    await local.start()
    await measure("LocalBus", local, local, args)
    await local.close()
    if args.postgres:
        dsn = asyncpg_dsn(args.postgres)
        first, second = PostgresBus(dsn), PostgresBus(dsn)
        await first.start()
        await second.start()
        try:
            await measure("PostgresBus", first, second, args)
        finally:
            await first.close()
            await second.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", help="PostgreSQL URL for PostgresBus")
    parser.add_argument("--count", type=int, default=2000, help="latency samples")
    parser.add_argument("--publishers", type=int, default=4, help="concurrent publishers")
    asyncio.run(main(parser.parse_args()))
