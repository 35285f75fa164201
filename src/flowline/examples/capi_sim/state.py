"""The simulator's memory: users, queues, calls, the faults to inject and the request log."""

from __future__ import annotations

import hashlib
import random
import threading
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from flowline.examples.capi_sim.tokens import DEFAULT_SECRET

SUPPORT_QUEUE = "2000"
PLACES = ("Stockholm", "Göteborg")
FIRST_NAMES = ("Alva", "Elias", "Maja", "Hugo", "Ella", "Noah", "Saga", "Liam", "Wilma", "Nils")
LAST_NAMES = ("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson")
MAX_LOG = 10_000


@dataclass
class Faults:
    """What goes wrong, and for which requests (``match``: a path substring, ``methods``).

    ``fail_next`` answers the next N matching requests with ``fail_status``;
    ``fail_rate`` fails that share of them at random; ``rate_limit_next`` answers the
    next N with 429 and ``Retry-After: retry_after`` (seconds); ``delay_seconds`` holds
    every matching answer back that long.
    """

    fail_next: int = 0
    fail_status: int = 503
    fail_rate: float = 0.0
    rate_limit_next: int = 0
    retry_after: int = 1
    delay_seconds: float = 0.0
    match: str | None = None
    methods: list[str] | None = None

    def applies(self, method: str, path: str) -> bool:
        if self.match is not None and self.match not in path:
            return False
        return self.methods is None or method.upper() in {m.upper() for m in self.methods}


@dataclass
class User:
    """A CAPI user; field names are CAPI's own (camelCase)."""

    id: str
    extension: str
    firstName: str
    lastName: str
    email: str
    mobile: str | None
    invoicePlace: str
    createdAt: str

    def view(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Credential:
    id: str
    user: str
    label: str
    sipUsername: str
    password: str


@dataclass
class Logged:
    seq: int
    at: str
    t: float
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    bearer_prefix: bool
    """Whether ``Authorization`` started with the literal ``Bearer `` (the value is masked)."""
    body: Any
    status: int = 0
    fault: str | None = None

    def view(self) -> dict[str, Any]:
        return asdict(self)


def _digest(*parts: str) -> int:
    return int.from_bytes(hashlib.sha256("|".join(parts).encode()).digest()[:8], "big")


@dataclass
class Simulator:
    """All state of one simulator; every method is safe to call from the event loop."""

    secret: str = DEFAULT_SECRET
    seed_users: int = 7
    seed: int = 0
    faults: Faults = field(default_factory=Faults)
    users: dict[str, User] = field(default_factory=dict)
    credentials: dict[str, list[Credential]] = field(default_factory=dict)
    queues: dict[str, list[str]] = field(default_factory=dict)
    mails: list[dict[str, Any]] = field(default_factory=list)
    sms: list[dict[str, Any]] = field(default_factory=list)
    log: list[Logged] = field(default_factory=list)
    _next_user: int = 1
    _seq: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _random: random.Random = field(default_factory=random.Random, repr=False)

    def __post_init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """Back to the seeded team: users, the support queue, no faults, an empty log."""
        with self._lock:
            self.faults = Faults()
            self.users.clear()
            self.credentials.clear()
            self.queues = {SUPPORT_QUEUE: []}
            self.mails.clear()
            self.sms.clear()
            self.log.clear()
            self._next_user = 1
            self._seq = 0
            self._random.seed(self.seed)
        for i in range(self.seed_users):
            first = FIRST_NAMES[i % len(FIRST_NAMES)]
            last = LAST_NAMES[i % len(LAST_NAMES)]
            self.add_user(
                first,
                last,
                f"{first.lower()}.{last.lower()}{i + 1}@acme.example",
                f"+4670{1234560 + i}",
                PLACES[i % len(PLACES)],
            )

    def add_user(self, first: str, last: str, email: str, mobile: str | None, place: str) -> User:
        with self._lock:
            number = self._next_user
            self._next_user += 1
        user = User(
            id=f"usr-{number:04d}",
            extension=str(1000 + number),
            firstName=first,
            lastName=last,
            email=email,
            mobile=mobile,
            invoicePlace=place,
            createdAt=datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        )
        self.users[user.id] = user
        return user

    def delete_user(self, user_id: str) -> bool:
        if self.users.pop(user_id, None) is None:
            return False
        self.credentials.pop(user_id, None)
        for members in self.queues.values():
            if user_id in members:
                members.remove(user_id)
        return True

    def user_by_extension(self, extension: str) -> User | None:
        return next((u for u in self.users.values() if u.extension == extension), None)

    def add_credential(self, user: User, label: str) -> Credential:
        made = self.credentials.setdefault(user.id, [])
        number = len(made) + 1
        secret = f"{_digest(self.secret, user.id, str(number)):016x}"
        credential = Credential(
            id=f"cred-{user.extension}-{number}",
            user=user.id,
            label=label,
            sipUsername=f"{user.extension}-{number}",
            password=secret,
        )
        made.append(credential)
        return credential

    def calls(self, extension: str, day: date) -> list[dict[str, Any]]:
        """The same calls for an extension and day every time they are asked for."""
        count = _digest(extension, day.isoformat(), str(self.seed)) % 4
        made = []
        for i in range(count):
            mix = _digest(extension, day.isoformat(), str(i), str(self.seed))
            start = datetime(day.year, day.month, day.day, 8, tzinfo=UTC) + timedelta(
                minutes=mix % 540
            )
            recorded = mix % 3 == 0
            made.append(
                {
                    "id": f"call-{extension}-{day:%Y%m%d}-{i + 1}",
                    "extension": extension,
                    "direction": "inbound" if mix % 2 else "outbound",
                    "from": f"+46{8000000 + mix % 999999}",
                    "to": f"+4670{1234559 + int(extension) % 1000}",
                    "startedAt": start.isoformat().replace("+00:00", "Z"),
                    "durationSeconds": 20 + mix % 600,
                    "recordedCall": f"rec-{extension}-{day:%Y%m%d}-{i + 1}" if recorded else None,
                }
            )
        return made

    def record(self, entry: Logged) -> Logged:
        with self._lock:
            self._seq += 1
            entry.seq = self._seq
            self.log.append(entry)
            del self.log[:-MAX_LOG]
        return entry

    def next_fault(self, method: str, path: str) -> tuple[str | None, float]:
        """The fault this request gets (``"5xx"``, ``"429"`` or ``None``) and its delay."""
        with self._lock:
            faults = self.faults
            if not faults.applies(method, path):
                return None, 0.0
            delay = faults.delay_seconds
            if faults.rate_limit_next > 0:
                faults.rate_limit_next -= 1
                return "429", delay
            if faults.fail_next > 0:
                faults.fail_next -= 1
                return "5xx", delay
            if faults.fail_rate > 0 and self._random.random() < faults.fail_rate:
                return "5xx", delay
            return None, delay
