"""What the binding adds to the time-phased ATP: `now` as an aware datetime or an RFC 3339
string (exact, never a guessed zone), `days` read without overflow, plain results."""

import datetime

import pytest

import omnistock

UTC = datetime.timezone.utc
PLUS_ONE = datetime.timezone(datetime.timedelta(hours=1))
MINUS_FIVE = datetime.timezone(datetime.timedelta(hours=-5))


@pytest.fixture
def inv(promise_network, stocked):
    inv = omnistock.Inventory(promise_network)
    inv.apply(stocked)
    inv.apply(
        [{"type": "reserve", "id": "r1", "reservation": "o1", "sku": "MUG", "quantity": 4, "channel": "web",
          "kind": "hard", "due": "2026-12-04"}]
    )
    return inv


def same_instant():
    """2026-11-30 09:00 UTC, written five ways."""
    forms = [
        datetime.datetime(2026, 11, 30, 9, 0, tzinfo=UTC),
        datetime.datetime(2026, 11, 30, 10, 0, tzinfo=PLUS_ONE),
        datetime.datetime(2026, 11, 30, 4, 0, tzinfo=MINUS_FIVE),
        "2026-11-30T09:00:00Z",
        "2026-11-30T10:00:00+01:00",
    ]
    try:
        import zoneinfo

        forms.append(datetime.datetime(2026, 11, 30, 10, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Paris")))
    except Exception:  # no zoneinfo (3.8) or no tz data on this machine: the fixed offsets suffice
        pass
    return forms


def test_datetime_and_string_now_agree(inv):
    answers = [inv.atp_timeline("MUG", "online", now, 7) for now in same_instant()]
    assert all(a == answers[0] for a in answers)
    t = answers[0]
    assert [b["date"] for b in t["buckets"]] == [f"2026-{d}" for d in ("11-30", "12-01", "12-02", "12-03", "12-04", "12-05", "12-06")]
    assert t["sku"] == "MUG" and t["pool"] == "online" and "channel" not in t
    # 1 mug sellable at PARIS-01 (2 less a buffer of 1) today, PO-7's 20 on 12-03, the 4 held due 12-04.
    assert [(b["supply"], b["demand"]) for b in t["buckets"]][:5] == [(1, 0), (0, 0), (0, 0), (20, 0), (0, 4)]
    assert t["buckets"][-1]["cumulative_atp"] == 17
    for_channel = [inv.atp_timeline_for_channel("MUG", "web", now, 7) for now in same_instant()]
    assert all(a == for_channel[0] for a in for_channel)


def test_now_is_exact_to_the_microsecond(inv):
    """The pool's day starts at 23:00 UTC (Europe/Paris in winter): one microsecond apart, two dates."""
    last = datetime.datetime(2026, 11, 30, 22, 59, 59, 999999, tzinfo=UTC)
    first = last + datetime.timedelta(microseconds=1)
    for before, after in [(last, first), ("2026-11-30T22:59:59.999999Z", "2026-11-30T23:00:00Z")]:
        assert inv.atp_timeline("MUG", "online", before, 1)["buckets"][0]["date"] == "2026-11-30"
        assert inv.atp_timeline("MUG", "online", after, 1)["buckets"][0]["date"] == "2026-12-01"


class NoOffset(datetime.tzinfo):
    """A tzinfo that knows no offset: Python counts such a datetime as naive."""

    def utcoffset(self, dt):
        return None


@pytest.mark.parametrize(
    "now",
    [
        datetime.datetime(2026, 11, 30, 9, 0),
        datetime.datetime(2026, 11, 30, 9, 0, tzinfo=NoOffset()),
        "2026-11-30T09:00:00",
        "2026-11-30",
        "",
        "tomorrow",
        datetime.date(2026, 11, 30),
        1764493200,
        1764493200.0,
        None,
    ],
    ids=["naive", "tzinfo-without-offset", "str-without-offset", "str-date", "empty", "word", "date", "int", "float", "none"],
)
def test_now_without_an_offset_is_refused(inv, now):
    for call in (
        lambda: inv.atp_timeline("MUG", "online", now, 7),
        lambda: inv.atp_timeline_for_channel("MUG", "web", now, 7),
    ):
        with pytest.raises(omnistock.OmnistockError) as e:
            call()
        assert e.value.code == "invalid_input"
        assert e.value.context["field"] == "now"
        assert e.value.message.startswith("now: ")


@pytest.mark.parametrize("days", [0, -1, 3661, 2**31, 2**32, 2**63, 2**64, 10**30, -(10**30)])
def test_days_out_of_range_is_invalid_input_not_overflow(inv, days):
    for call in (
        lambda: inv.atp_timeline("MUG", "online", "2026-11-30T09:00:00Z", days),
        lambda: inv.atp_timeline_for_channel("MUG", "web", "2026-11-30T09:00:00Z", days),
    ):
        with pytest.raises(omnistock.OmnistockError) as e:
            call()
        assert e.value.code == "invalid_input"
        assert e.value.context == {"field": "days", "value": str(days)}


@pytest.mark.parametrize("days", [True, 7.0, "7", None, [7]], ids=["bool", "float", "str", "none", "list"])
def test_days_must_be_an_integer(inv, days):
    with pytest.raises(omnistock.OmnistockError) as e:
        inv.atp_timeline("MUG", "online", "2026-11-30T09:00:00Z", days)
    assert e.value.code == "invalid_input"
    assert e.value.context["field"] == "days"


class Seven:
    """An integer-like object (as NumPy integers are): `__index__` gives its value."""

    def __index__(self):
        return 7


def test_days_may_be_integer_like(inv):
    now = "2026-11-30T09:00:00Z"
    assert inv.atp_timeline("MUG", "online", now, Seven()) == inv.atp_timeline("MUG", "online", now, 7)
    assert len(inv.atp_timeline("MUG", "online", now, 3660)["buckets"]) == 3660


def test_unknown_pool_and_channel(inv):
    with pytest.raises(omnistock.OmnistockError) as e:
        inv.atp_timeline("MUG", "nope", "2026-11-30T09:00:00Z", 7)
    assert e.value.code == "unknown_pool"
    with pytest.raises(omnistock.OmnistockError) as e:
        inv.atp_timeline_for_channel("MUG", "online", "2026-11-30T09:00:00Z", 7)
    assert e.value.code == "unknown_channel"


def test_channel_timeline_reports_its_quota(inv):
    t = inv.atp_timeline_for_channel("MUG", "mkp", datetime.datetime(2026, 11, 30, 9, tzinfo=UTC), 7)
    assert t["channel"] == "mkp"
    assert all(b["quota_left"] == 3 and b["promisable"] <= 3 for b in t["buckets"])
    assert "quota_left" not in inv.atp_timeline("MUG", "online", "2026-11-30T09:00:00Z", 7)["buckets"][0]


def test_a_sku_never_seen_has_an_empty_timeline(inv):
    t = inv.atp_timeline("NEVER", "online", "2026-11-30T09:00:00Z", 2)
    assert t["atp_now"] == 0
    assert [b["supply"] + b["demand"] + b["promisable"] for b in t["buckets"]] == [0, 0]
    assert t["beyond"] == {"supply": 0, "demand": 0}


@pytest.mark.parametrize(
    "where,value",
    [
        ("holidays", datetime.date(2026, 12, 25)),
        ("cutoff", datetime.time(14, 0)),
    ],
)
def test_dates_inside_a_network_are_iso_strings(promise_network, where, value):
    promise_network["locations"][0][where] = [value] if where == "holidays" else value
    with pytest.raises(omnistock.OmnistockError) as e:
        omnistock.Inventory(promise_network)
    assert e.value.code == "invalid_input"
    assert "isoformat" in e.value.message
    promise_network["locations"][0][where] = [value.isoformat()] if where == "holidays" else value.strftime("%H:%M")
    omnistock.Inventory(promise_network)


def test_due_dates_of_reservations_are_iso_strings(promise_network, stocked):
    inv = omnistock.Inventory(promise_network)
    inv.apply(stocked)
    reserve = {"type": "reserve", "id": "r1", "reservation": "o1", "sku": "MUG", "quantity": 3, "channel": "web", "kind": "hard"}
    [o] = inv.apply([dict(reserve, due=datetime.date(2026, 12, 3))])
    assert (o["status"], o["error"]["code"]) == ("rejected", "invalid_input")
    assert "isoformat" in o["error"]["message"]
    [o] = inv.apply([dict(reserve, due="2026-12-03")])
    assert o["status"] == "applied"
    assert inv.reservations()[0]["due"] == "2026-12-03"
