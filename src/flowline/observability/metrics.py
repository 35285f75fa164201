from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

registry = CollectorRegistry(auto_describe=True)

http_requests = Counter(
    "flowline_http_requests",
    "HTTP requests answered, by method, route template and status.",
    ["method", "route", "status"],
    registry=registry,
)
http_duration = Histogram(
    "flowline_http_request_duration_seconds",
    "Time to answer HTTP requests, by route template.",
    ["route"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
    registry=registry,
)
process_memory = Gauge(
    "flowline_process_resident_memory_bytes", "Resident memory of this process.", registry=registry
)
