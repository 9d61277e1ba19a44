"""Cases built to reach every input of `due` and `status` (national codes, variants,
pauses in each accepted form, restarts, another catalogue and provincial calendars, the
due-time conventions, Python datetimes) and every kind of error: each answer must equal
the command line's `--json` and the HTTP API's response for the same case, and each
error must carry the API's code, field and both messages."""

from __future__ import annotations

import pickle
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest

import tthc
from conftest import PROCEDURES, case_args

B16 = "cap-giay-xac-nhan-tinh-trang-hon-nhan"  # 3 working days, steps, verification

CASES = [
    {"procedure": B16, "received_at": "2025-01-24T10:00:00+07:00", "explain": True},
    {"procedure": "1.001193", "received_at": "2025-03-04 09:00"},  # national code of B.1
    {"procedure": "dang-ky-ket-hon", "received_at": "04/03/2025 09:15:30", "explain": True},
    {"procedure": B16, "received_at": "2025-03-03 16:10", "variant": "verification", "explain": True},
    {
        "procedure": B16,
        "received_at": "2025-03-03 09:00",
        "pauses": [{"from": "2025-03-04 09:00", "to": "2025-03-05 09:00"}],
        "explain": True,
    },
    {
        "procedure": B16,
        "received_at": "03/03/2025 09:00",
        "pauses": [{"from": "04/03/2025 09:00", "to": "05/03/2025 13:30"}],
    },
    {"procedure": B16, "received_at": "2025-03-03 09:00", "restarted_at": "2025-03-10 14:00", "explain": True},
    {"procedure": B16, "received_at": "2025-03-03 09:00", "due_time": "end_of_day"},
    {"procedure": B16, "received_at": "2025-03-03 09:00", "due_time": "keep_clock_time"},
    {"procedure": B16, "received_at": "2026-11-20 09:00", "explain": True},  # 24/11: uncertain
    {"procedure": B16, "received_at": "2031-01-24 10:00"},  # a predicted (provisional) year
    {"procedure": "dang-ky-khai-sinh", "received_at": "2025-03-04T02:00:00Z"},
]

STATUS_MOMENTS = [
    {"at": "2025-03-04 11:00"},
    {"at": "2025-03-05 16:00", "due_soon_minutes": 60},
    {"at": "2025-03-20 08:00"},
    {"completed_at": "2025-03-05 10:00"},
    {"completed_at": "2025-03-20 10:00"},
]


def _status_flags(moment: dict) -> list[str]:
    flags = ["--at", moment["at"]] if "at" in moment else ["--completed", moment["completed_at"]]
    if "due_soon_minutes" in moment:
        flags += [f"--due-soon-minutes={moment['due_soon_minutes']}"]
    return flags


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['procedure']}@{c['received_at']}")
def test_due_equals_the_cli_and_the_api(case, bundled, cli, api):
    answer = bundled.due(**case)
    assert answer == cli.json("due", *case_args(case), "--json")
    assert api.call("POST", "/v1/deadlines", case) == (200, answer)


@pytest.mark.parametrize("moment", STATUS_MOMENTS, ids=lambda m: next(iter(m.items()))[1])
@pytest.mark.parametrize("case", CASES[:9], ids=lambda c: f"{c['procedure']}@{c['received_at']}")
def test_status_equals_the_cli_and_the_api(case, moment, bundled, cli, api):
    try:
        answer = bundled.status(**case, **moment)
    except tthc.InvalidInputError as e:
        # A moment before the receipt: the same refusal everywhere.
        assert e.code in ("before_receipt", "completed_before_receipt"), e
        status, problem = api.call("POST", "/v1/status", {**case, **moment})
        assert (status, problem["code"]) == (422, e.code)
        return
    assert answer == cli.json("status", *case_args(case), *_status_flags(moment), "--json")
    assert api.call("POST", "/v1/status", {**case, **moment}) == (200, answer)


def test_another_catalogue_with_provincial_calendars(cli):
    """A catalogue folder and a calendars folder, named by the same absolute paths: the
    same answer (and the same catalogue version) as the command line's."""
    calendars = PROCEDURES.parent / "calendars"
    cat = tthc.Catalogue.load(PROCEDURES, calendars=calendars)
    assert cat.origin == "folder"
    assert "an-giang" in cat.calendars
    case = {"procedure": B16, "received_at": "2025-03-05 11:04:42", "calendar": "an-giang", "explain": True}
    answer = cat.due(**case)
    expected = cli.json(
        "--catalogue", str(PROCEDURES), "due", *case_args(case), "--calendars", str(calendars), "--json"
    )
    assert answer == expected
    assert answer["catalogue"] == {"origin": "folder", "version": cat.version}


def test_python_datetimes_read_as_their_text(bundled):
    vn = timezone(timedelta(hours=7))
    text = bundled.due(B16, "2025-01-24 10:00")
    assert bundled.due(B16, datetime(2025, 1, 24, 10, 0)) == text  # naive = Vietnam time
    assert bundled.due(B16, datetime(2025, 1, 24, 10, 0, tzinfo=vn)) == text
    utc = bundled.due(B16, datetime(2025, 1, 24, 3, 0, tzinfo=timezone.utc))
    assert datetime.fromisoformat(utc["due_at"]) == datetime(2025, 2, 5, 10, 0, tzinfo=vn)
    # Every accepted form of a pause gives the same answer.
    forms = [
        [("2025-03-04 09:00", "2025-03-05 09:00")],
        [{"from": "2025-03-04 09:00", "to": "2025-03-05 09:00"}],
        ["2025-03-04 09:00/2025-03-05 09:00"],
        ["04/03/2025 09:00 / 05/03/2025 09:00"],
        [(datetime(2025, 3, 4, 9), datetime(2025, 3, 5, 9))],
    ]
    answers = [bundled.due(B16, "2025-03-03 09:00", pauses=p) for p in forms]
    assert all(a == answers[0] for a in answers)
    # Hand-worked: 3 days from Mon 03/03 09:00 is Thu 06/03 09:00; a one-day pause → Fri 07/03.
    assert answers[0]["due_at"] == "2025-03-07T09:00:00+07:00"


ERRORS = [
    # (case, status extra, exception class, code, field)
    ({"procedure": "dang-ky-khai-sihn", "received_at": "2025-03-04 09:00"}, None, tthc.NotFoundError, "unknown_procedure", "procedure"),
    ({"procedure": B16, "received_at": "31/04/2025 08:00"}, None, tthc.InvalidInputError, "impossible_datetime", "received_at"),
    ({"procedure": B16, "received_at": "next tuesday"}, None, tthc.InvalidInputError, "bad_datetime", "received_at"),
    ({"procedure": B16, "received_at": "2025-03-04 09:00", "variant": "urgent"}, None, tthc.InvalidInputError, "unknown_variant", "variant"),
    ({"procedure": B16, "received_at": "2025-03-04 09:00", "calendar": "mars"}, None, tthc.NotFoundError, "unknown_calendar", "calendar"),
    ({"procedure": B16, "received_at": "2019-06-03 09:00"}, None, None, None, "received_at"),
    (
        {"procedure": B16, "received_at": "2025-03-04 09:00", "pauses": [{"from": "2025-03-06 09:00", "to": "2025-03-05 09:00"}]},
        None, tthc.InvalidInputError, None, "pauses",
    ),
    ({"procedure": B16, "received_at": "2025-03-04 09:00", "restarted_at": "2025-03-01 09:00"}, None, tthc.InvalidInputError, None, "restarted_at"),
    ({"procedure": B16, "received_at": "2025-03-04 09:00"}, {"at": "2025-03-01 09:00"}, tthc.InvalidInputError, None, "at"),
    ({"procedure": B16, "received_at": "2025-03-04 09:00"}, {"at": "2025-03-05 09:00", "due_soon_minutes": -5}, tthc.InvalidInputError, "invalid_field", "due_soon_minutes"),
    ({"procedure": B16, "received_at": "2025-03-04 09:00"}, {"at": "2025-03-05 09:00", "completed_at": "2025-03-05 09:00"}, tthc.InvalidInputError, "invalid_field", "at"),
    ({"procedure": B16, "received_at": "2025-03-04 09:00"}, {}, tthc.InvalidInputError, "invalid_field", "at"),
    (
        {"procedure": B16, "received_at": "2025-03-04 09:00", "pauses": [{"from": "2025-03-05 09:00", "to": "2025-03-05 09:01"}] * 101},
        None, tthc.InvalidInputError, "invalid_field", "pauses",
    ),
]


@pytest.mark.parametrize("case,extra,cls,code,field", ERRORS, ids=lambda v: v if isinstance(v, str) else None)
def test_errors_carry_the_api_problem(case, extra, cls, code, field, bundled, api, cli):
    with pytest.raises(tthc.TthcError) as raised:
        if extra is None:
            bundled.due(**case)
        else:
            bundled.status(**case, **extra)
    e = raised.value
    if cls is not None:
        assert type(e) is cls
    if code is not None:
        assert e.code == code
    assert e.field == field
    assert str(e) == e.message_en and e.message("vi") == e.message_vi
    assert e.message_en and e.message_vi and e.message_en != e.message_vi
    status, problem = api.call("POST", "/v1/deadlines" if extra is None else "/v1/status", {**case, **(extra or {})})
    assert status == {tthc.NotFoundError: 404, tthc.InvalidInputError: 422, tthc.TooLargeError: 413}.get(type(e), status)
    assert (problem["code"], problem.get("field"), problem["detail"], problem["detail_vi"]) == (
        e.code, e.field, e.message_en, e.message_vi,
    )
    # The command line words it the same way, in each language (when it can ask it:
    # its options make a doubled or missing moment impossible to write).
    if extra is None or ("at" in extra) != ("completed_at" in extra):
        args = ["due" if extra is None else "status", *case_args(case), *(_status_flags(extra) if extra else [])]
        assert e.message_en in cli.error(*args, lang="en")
        assert e.message_vi in cli.error(*args, lang="vi")


def test_exceptions_are_the_python_kinds_and_pickle(bundled):
    with pytest.raises(LookupError):
        bundled.due("no-such-procedure", "2025-03-04 09:00")
    with pytest.raises(ValueError):
        bundled.due(B16, "31/04/2025 08:00")
    with pytest.raises(ValueError) as raised:
        bundled.due(B16, "2025-03-04 09:00", due_time="noon")
    assert (raised.value.code, raised.value.field) == ("invalid_field", "due_time")
    e = raised.value
    back = pickle.loads(pickle.dumps(e))
    assert (type(back), back.code, back.field, back.message_vi) == (type(e), e.code, e.field, e.message_vi)


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"received_at": 20250304}, "received_at must be a str or a datetime.datetime, not int"),
        ({"received_at": "2025-03-04 09:00", "pauses": "2025-03-04 09:00/2025-03-05 09:00"}, "not one str"),
        ({"received_at": "2025-03-04 09:00", "pauses": [42]}, "pauses[0] must be a (from, to) pair"),
    ],
)
def test_wrong_python_types_are_type_errors(kwargs, message, bundled):
    with pytest.raises(TypeError, match=message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[").replace("]", r"\]")):
        bundled.due(B16, **kwargs)


def test_a_pause_mapping_without_to_names_its_field(bundled):
    with pytest.raises(tthc.InvalidInputError) as raised:
        bundled.due(B16, "2025-03-04 09:00", pauses=[{"from": "2025-03-04 10:00"}])
    assert raised.value.field == "pauses[0].to"


def test_threads_share_one_catalogue(bundled):
    """The engine runs without the GIL; answers from many threads are the sequential ones."""
    cases = [dict(c, explain=True) for c in CASES] * 20
    expected = [bundled.due(**c) for c in cases]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda c: bundled.due(**c), cases))
    assert got == expected


def test_procedures_equal_the_api(bundled, api):
    assert api.call("GET", "/v1/procedures") == (200, {"procedures": bundled.procedures()})
    assert api.call("GET", "/v1/procedures?q=ket%20hon&at=2025-03-04") == (
        200,
        {"procedures": bundled.procedures("ket hon", at="2025-03-04")},
    )
    assert api.call("GET", "/v1/procedures/1.001193") == (200, bundled.procedure("1.001193"))
    detail = bundled.procedure("dang-ky-khai-sinh", at="2025-03-04")
    assert detail["id"] == "dang-ky-khai-sinh" and detail["versions"][0]["source"]["item"] == "B.1"
    with pytest.raises(tthc.NotFoundError):
        bundled.procedure("dang-ky-khai-sihn")
    with pytest.raises(tthc.InvalidInputError) as raised:
        bundled.procedures(at="04/03/2025")
    assert raised.value.field == "at"


def test_the_catalogue_object(bundled):
    assert bundled.origin == "bundled" and bundled.path is None
    assert len(bundled) == 37
    assert "dang-ky-khai-sinh" in bundled and "1.001193" in bundled and "no-such" not in bundled
    assert bundled.calendars == ["an-giang", "vn"]
    assert bundled.version in repr(bundled)
    assert tthc.bundled() is tthc.bundled()
