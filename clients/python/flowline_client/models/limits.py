from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Limits")


@_attrs_define
class Limits:
    """The channel's sending rules; each refusal names the rule (CHANNELS.md).

    Attributes:
        allowed_countries (list[str] | None | Unset): Phone addresses only: ISO 3166 country codes (`US`, `DE`) a send
            may go to; any other answers 422 `COUNTRY_NOT_ALLOWED` (SMS pumping). `null`: every country.
        burst (int | Unset): Sends accepted at once before the rate applies. Default: 10.
        max_per_contact_per_hour (int | None | Unset): Sends to one contact in any hour; beyond it 429
            `CONTACT_HOURLY_CAP`. `null`: no cap.
        messages_per_second (float | Unset): Sends accepted per second on this channel, across every process (kept in
            the database); beyond it a send answers 429 `CHANNEL_RATE_LIMITED` with `Retry-After`. Default: 10.0.
        opt_in_keywords (list[str] | Unset): An inbound message that is exactly one of these opts back in.
        opt_out_keywords (list[str] | Unset): An inbound message that is exactly one of these (any case) opts out.
    """

    allowed_countries: list[str] | None | Unset = UNSET
    burst: int | Unset = 10
    max_per_contact_per_hour: int | None | Unset = UNSET
    messages_per_second: float | Unset = 10.0
    opt_in_keywords: list[str] | Unset = UNSET
    opt_out_keywords: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        allowed_countries: list[str] | None | Unset
        if isinstance(self.allowed_countries, Unset):
            allowed_countries = UNSET
        elif isinstance(self.allowed_countries, list):
            allowed_countries = self.allowed_countries

        else:
            allowed_countries = self.allowed_countries

        burst = self.burst

        max_per_contact_per_hour: int | None | Unset
        if isinstance(self.max_per_contact_per_hour, Unset):
            max_per_contact_per_hour = UNSET
        else:
            max_per_contact_per_hour = self.max_per_contact_per_hour

        messages_per_second = self.messages_per_second

        opt_in_keywords: list[str] | Unset = UNSET
        if not isinstance(self.opt_in_keywords, Unset):
            opt_in_keywords = self.opt_in_keywords

        opt_out_keywords: list[str] | Unset = UNSET
        if not isinstance(self.opt_out_keywords, Unset):
            opt_out_keywords = self.opt_out_keywords

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if allowed_countries is not UNSET:
            field_dict["allowed_countries"] = allowed_countries
        if burst is not UNSET:
            field_dict["burst"] = burst
        if max_per_contact_per_hour is not UNSET:
            field_dict["max_per_contact_per_hour"] = max_per_contact_per_hour
        if messages_per_second is not UNSET:
            field_dict["messages_per_second"] = messages_per_second
        if opt_in_keywords is not UNSET:
            field_dict["opt_in_keywords"] = opt_in_keywords
        if opt_out_keywords is not UNSET:
            field_dict["opt_out_keywords"] = opt_out_keywords

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_allowed_countries(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                allowed_countries_type_0 = cast(list[str], data)

                return allowed_countries_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        allowed_countries = _parse_allowed_countries(d.pop("allowed_countries", UNSET))

        burst = d.pop("burst", UNSET)

        def _parse_max_per_contact_per_hour(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_per_contact_per_hour = _parse_max_per_contact_per_hour(d.pop("max_per_contact_per_hour", UNSET))

        messages_per_second = d.pop("messages_per_second", UNSET)

        opt_in_keywords = cast(list[str], d.pop("opt_in_keywords", UNSET))

        opt_out_keywords = cast(list[str], d.pop("opt_out_keywords", UNSET))

        limits = cls(
            allowed_countries=allowed_countries,
            burst=burst,
            max_per_contact_per_hour=max_per_contact_per_hour,
            messages_per_second=messages_per_second,
            opt_in_keywords=opt_in_keywords,
            opt_out_keywords=opt_out_keywords,
        )

        return limits
