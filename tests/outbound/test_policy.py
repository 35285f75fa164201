"""The network policy on its own: every spelling of a forbidden address is refused."""

from __future__ import annotations

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flowline.outbound.policy import NetworkPolicy, OutboundRefused, parse_literal, refusal

DEFAULT = NetworkPolicy()

REFUSED_URLS = [
    "http://127.0.0.1/",
    "http://127.8.9.10:8080/x",
    "http://0x7f000001/",
    "http://2130706433/",
    "http://0177.0.0.1/",
    "http://127.1/",
    "http://0/",
    "http://0.0.0.0/",
    "http://[::1]/",
    "http://[::]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "http://[::127.0.0.1]/",
    "http://[64:ff9b::a00:1]/",
    "http://[2002:a00:1::]/",
    "http://10.1.2.3/",
    "http://172.16.0.1/",
    "http://192.168.1.1/",
    "http://[fc00::1]/",
    "http://[fd12:3456::1]/",
    "http://169.254.169.254/latest/meta-data/",
    "http://169.254.1.1/",
    "http://[fe80::1]/",
    "http://[fd00:ec2::254]/",
    "http://100.64.0.1/",
    "http://100.100.100.200/",
    "http://168.63.129.16/",
    "http://224.0.0.1/",
    "http://[ff02::1]/",
    "http://255.255.255.255/",
    "http://240.0.0.1/",
    "http://localhost:8000/",
    "http://metadata.google.internal/",
    "http://127.0.0.1./",
]


@pytest.mark.parametrize("url", REFUSED_URLS)
def test_forbidden_addresses_are_refused_in_every_spelling(url: str) -> None:
    with pytest.raises(OutboundRefused) as caught:
        DEFAULT.check_url(url)
    assert "nothing was sent" in caught.value.message


@pytest.mark.parametrize(
    "url",
    ["ftp://example.com/", "file:///etc/passwd", "gopher://x/", "javascript:alert(1)", "//x/"],
)
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(OutboundRefused, match="Only http and https"):
        DEFAULT.check_url(url)


@pytest.mark.parametrize(
    "url", ["https://user:pw@example.com/", "https://user@example.com/", "http://a@127.0.0.1/"]
)
def test_user_information_is_refused_without_echoing_it(url: str) -> None:
    with pytest.raises(OutboundRefused) as caught:
        DEFAULT.check_url(url)
    assert "pw" not in caught.value.message
    assert "user information" in caught.value.message


@pytest.mark.parametrize(
    "url", ["https://example.com/a?b=1", "http://93.184.216.34/", "https://[2606:4700::1111]/"]
)
def test_public_hosts_pass(url: str) -> None:
    assert DEFAULT.check_url(url).port in (80, 443)


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("0x7f000001", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("10.0x10.1", "10.16.0.1"),
        ("[::1]", "::1"),
        ("example.com", None),
        ("1.2.3.4.5", None),
        ("256.0.0.1", None),
        ("0x", "0.0.0.0"),  # noqa: S104 - parsed, never bound
    ],
)
def test_literal_hosts_are_read_as_resolvers_read_them(host: str, address: str | None) -> None:
    parsed = parse_literal(host)
    assert (None if parsed is None else str(parsed)) == address


def test_the_allow_list_opens_names_ranges_and_single_addresses() -> None:
    policy = NetworkPolicy(["127.0.0.1", "10.0.0.0/8", "*.corp.example", "localhost"])
    assert policy.check_url("http://127.0.0.1:9/").host == "127.0.0.1"
    assert policy.check_url("http://2130706433/").host == "127.0.0.1"  # same address
    policy.check_url("http://10.9.8.7/")
    policy.check_url("http://localhost/")
    assert policy.allows_name("api.corp.example")
    assert not policy.allows_name("corp.example.evil")
    with pytest.raises(OutboundRefused):
        policy.check_url("http://127.0.0.2/")
    with pytest.raises(OutboundRefused):
        policy.check_url("http://192.168.0.1/")


def test_a_range_does_not_open_the_metadata_address_inside_it() -> None:
    with pytest.raises(OutboundRefused, match="metadata"):
        NetworkPolicy(["169.254.0.0/16"]).check_url("http://169.254.169.254/")
    NetworkPolicy(["169.254.169.254"]).check_url("http://169.254.169.254/")


PRIVATE_V4 = [
    ipaddress.ip_network(n)
    for n in (
        *("127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16"),
        *("100.64.0.0/10", "0.0.0.0/8", "224.0.0.0/4", "240.0.0.0/4"),
    )
]


@st.composite
def private_v4(draw: st.DrawFn) -> ipaddress.IPv4Address:
    network = draw(st.sampled_from(PRIVATE_V4))
    offset = draw(st.integers(0, network.num_addresses - 1))
    return ipaddress.IPv4Address(int(network.network_address) + offset)


def _spellings(ip: ipaddress.IPv4Address) -> list[str]:
    value = int(ip)
    octets = ip.packed
    return [
        str(ip),
        str(value),
        hex(value),
        ".".join(f"0{b:o}" for b in octets),
        ".".join(hex(b) for b in octets),
        f"{octets[0]}.{int.from_bytes(octets[1:], 'big')}",
        f"[::ffff:{ip}]",
        f"[::ffff:{value >> 16:x}:{value & 0xFFFF:x}]",
    ]


@given(private_v4(), st.integers(0, 7))
def test_no_spelling_of_a_private_ipv4_address_passes(
    ip: ipaddress.IPv4Address, which: int
) -> None:
    host = _spellings(ip)[which]
    assert parse_literal(host) is not None, host
    with pytest.raises(OutboundRefused):
        DEFAULT.check_url(f"http://{host}/")


@given(st.integers(0, 2**32 - 1))
def test_the_verdict_on_an_address_does_not_depend_on_its_spelling(value: int) -> None:
    ip = ipaddress.IPv4Address(value)
    verdicts = set()
    for host in _spellings(ip):
        try:
            DEFAULT.check_url(f"http://{host}/")
            verdicts.add(True)
        except OutboundRefused:
            verdicts.add(False)
    assert verdicts == {refusal(ip) is None}
