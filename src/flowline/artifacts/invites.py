"""``schedule-meeting``: an iCalendar ``REQUEST`` (RFC 5546) mailed to each attendee
through an email channel; no calendar account of any provider is needed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.artifacts import service
from flowline.artifacts.schemas import MeetingInvite
from flowline.artifacts.service import ArtifactView
from flowline.auth.principal import Principal
from flowline.channels import sending
from flowline.db.models import Artifact
from flowline.db.types import utcnow
from flowline.emails.repository import email_channel
from flowline.errors import Conflict, ValidationFailed
from flowline.runtime import Runtime

PRODID = "-//Flowline//Artifacts//EN"


@dataclass(frozen=True, slots=True)
class Invited:
    view: ArtifactView
    message_ids: list[str]
    uid: str


def ics(
    artifact: Artifact, start: datetime, end: datetime, attendees: list[str], organizer: str
) -> str:
    """The invite: one ``VEVENT`` with a stable UID (the artifact's), so a second
    invite for the same meeting updates it in the attendees' calendars."""
    from icalendar import Calendar, Event, vCalAddress, vText  # loaded on first use

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "REQUEST")
    event = Event()
    event.add("uid", f"{artifact.id}@flowline")
    event.add("dtstamp", utcnow())
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", artifact.title or str(artifact.content.get("title") or "Meeting"))
    event.add("sequence", artifact.version)
    if artifact.content.get("location"):
        event.add("location", vText(artifact.content["location"]))
    if artifact.content.get("description"):
        event.add("description", artifact.content["description"])
    event.add("organizer", vCalAddress(f"mailto:{organizer}"))
    for address in attendees:
        attendee = vCalAddress(f"mailto:{address}")
        attendee.params["ROLE"] = vText("REQ-PARTICIPANT")
        attendee.params["RSVP"] = vText("TRUE")
        event.add("attendee", attendee, encode=False)
    cal.add_component(event)
    return str(cal.to_ical().decode())


def _when(artifact: Artifact, data: MeetingInvite) -> tuple[datetime, datetime]:
    start = data.start or _parsed(artifact.content.get("start"))
    if start is None:
        raise ValidationFailed("is required: the meeting has no start", field="start")
    end = data.end or _parsed(artifact.content.get("end")) or start + timedelta(minutes=30)
    if end <= start:
        raise ValidationFailed("must be after start", field="end")
    return start, end


def _parsed(value: object) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) and value else None


async def schedule_meeting(
    session: AsyncSession,
    runtime: Runtime,
    principal: Principal,
    artifact_id: str,
    data: MeetingInvite,
) -> Invited:
    """Mail the invite to every attendee and move the meeting to ``scheduled``."""
    view = await service.get(session, principal, artifact_id)
    artifact = view.artifact
    if artifact.type != "meeting":
        raise Conflict(
            f"Only a meeting is scheduled; this artifact is a {artifact.type}.",
            code="NOT_A_MEETING",
        )
    service.check_move(artifact, "scheduled")
    start, end = _when(artifact, data)
    attendees = data.attendees if data.attendees is not None else artifact.content["attendees"]
    if not attendees:
        raise ValidationFailed("at least one attendee is needed", field="attendees")
    channel = await email_channel(session, principal.org_id, data.channel_id)
    text = ics(artifact, start, end, list(attendees), str(channel.config.get("from_address")))
    subject = f"Invitation: {artifact.title or 'Meeting'} @ {start:%Y-%m-%d %H:%M %Z}"
    ids = []
    for address in attendees:
        body = {"subject": subject, "text": _summary(artifact, start, end), "calendar": text}
        outgoing = sending.Outgoing(to=address, type="text", body=body)
        message = await sending.send(session, runtime, principal.org_id, channel.id, outgoing)
        ids.append(message.id)
    artifact.content = {**artifact.content, "start": start.isoformat(), "end": end.isoformat()}
    service.move(artifact, "scheduled", start)
    await session.flush()
    return Invited(ArtifactView(artifact, view.task_id), ids, f"{artifact.id}@flowline")


def _summary(artifact: Artifact, start: datetime, end: datetime) -> str:
    lines = [artifact.title or "Meeting", f"When: {start.isoformat()} to {end.isoformat()}"]
    if artifact.content.get("location"):
        lines.append(f"Where: {artifact.content['location']}")
    if artifact.content.get("description"):
        lines.extend(["", str(artifact.content["description"])])
    return "\n".join(lines)
