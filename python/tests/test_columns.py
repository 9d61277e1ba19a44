"""tthc.columns.compute: whole columns of cases over Arrow.

Each row must be the single-case answer: the bundled examples' hand-worked due times
and statuses, and, on generated cases reaching every input (national codes, variants,
restarts, pauses, completions, bad dates, unknown procedures, dates outside the
calendar), exactly what `Catalogue.due` / `Catalogue.status` give, or, where they raise,
a null row whose `reason` is the code they raise. The single-case answers are in turn
compared with `tthc due --json` in test_examples.py and test_cases.py.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest

import tthc
from test_examples import EXAMPLES, _case, _local

pa = pytest.importorskip("pyarrow")

VIETNAM = timezone(timedelta(hours=7))
AT = "2025-06-30 17:00"


def _pause_structs(pauses):
    if not pauses:
        return None
    return [{"from": _local(p["from"]), "to": _local(p["to"])} for p in pauses]


PAUSE_TYPE = pa.list_(pa.struct([("from", pa.timestamp("s", "+07:00")), ("to", pa.timestamp("s", "+07:00"))]))


def _table(cases: list[dict]) -> pa.Table:
    return pa.table(
        {
            "procedure": pa.array([c["procedure"] for c in cases], pa.string()),
            "variant": pa.array([c.get("variant") for c in cases], pa.string()),
            "received_at": pa.array([c["received_at"] for c in cases], pa.string()),
            "restarted_at": pa.array([c.get("restarted_at") for c in cases], pa.string()),
            "completed_at": pa.array([c.get("completed_at") for c in cases], pa.string()),
            "pauses": pa.array([_pause_structs(c.get("pauses")) for c in cases], PAUSE_TYPE),
        }
    )


def test_the_bundled_examples_in_one_table_give_the_hand_worked_times(bundled):
    by_calendar: dict[str, list[dict]] = {}
    for p in EXAMPLES:
        ex = p.values[0]
        by_calendar.setdefault(ex.get("calendar") or "vn", []).append(ex)
    checked = 0
    for calendar, examples in by_calendar.items():
        cases = [_case(ex) for ex in examples]
        out = tthc.columns.compute(_table(cases), calendar=calendar).to_pylist()
        for ex, case, row in zip(examples, cases, out):
            assert row["reason"] is None, (ex, row)
            assert row["due_at"] == _local(ex["due"]), ex["how"]
            single = bundled.due(**case)
            assert row["due_at"] == datetime.fromisoformat(single["due_at"])
            assert row["procedure_id"] == single["procedure"]
            checked += 1
    assert checked == len(EXAMPLES)


def test_the_bundled_examples_statuses(bundled):
    examples = [p.values[0] for p in EXAMPLES if p.values[0].get("status")]
    assert examples
    for ex in examples:
        st = ex["status"]
        case = _case(ex)
        if st.get("completed"):
            case["completed_at"] = str(st["completed"])
            at = None
        else:
            at = str(st["at"])
        row = tthc.columns.compute(_table([case]), at=at, calendar=ex.get("calendar")).to_pylist()[0]
        assert row["status"] == st["is"], ex["how"]


def _moment(rng: random.Random, start: datetime, days: int) -> datetime:
    minutes = rng.randrange(days * 24 * 60)
    seconds = rng.choice([0, 0, 0, 30])
    return start + timedelta(minutes=minutes, seconds=seconds)


def _text(t: datetime, rng: random.Random) -> str:
    form = rng.choice(["%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M:%S", "iso"])
    return t.isoformat() if form == "iso" else t.strftime(form)


def _generated(bundled, n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    procedures = bundled.procedures()
    keys = []
    for p in procedures:
        keys.append((p["id"], None))
        if p.get("code"):
            keys.append((p["code"], None))
        for v in p["versions"]:
            for var in v.get("variants") or []:
                keys.append((p["id"], var["id"]))
    keys += [("no-such-procedure", None), (procedures[0]["id"], "no-such-variant")]
    cases = []
    for _ in range(n):
        proc, variant = rng.choice(keys)
        received = _moment(rng, datetime(2024, 3, 1, tzinfo=VIETNAM), 600)
        case = {"procedure": proc, "received_at": _text(received, rng)}
        if variant:
            case["variant"] = variant
        if rng.random() < 0.02:
            case["received_at"] = rng.choice(["31/02/2025 10:00", "tomorrow", "2019-05-05 10:00"])
        if rng.random() < 0.2:
            # Usually after the receipt; now and then (on purpose) before it.
            r = received + timedelta(hours=rng.randrange(-24, 24 * 10))
            case["restarted_at"] = _text(r, rng)
        if rng.random() < 0.2:
            pauses = []
            t = received + timedelta(hours=rng.randrange(-2, 48))
            for _ in range(rng.randrange(1, 3)):
                end = t + timedelta(hours=rng.randrange(-1, 72))
                pauses.append({"from": t.strftime("%Y-%m-%d %H:%M"), "to": end.strftime("%Y-%m-%d %H:%M")})
                t = end + timedelta(hours=rng.randrange(-2, 48))
            case["pauses"] = pauses
        if rng.random() < 0.5:
            done = received + timedelta(minutes=rng.randrange(-600, 60 * 24 * 40))
            case["completed_at"] = _text(done, rng)
        cases.append(case)
    return cases


def _single(bundled, case: dict, at: str):
    """The single-case answer: (due_at, status, working_minutes) or the error's code."""
    args = {k: v for k, v in case.items() if k != "completed_at"}
    try:
        due = bundled.due(**args)
    except tthc.TthcError as e:
        return e.code
    moment = {"completed_at": case["completed_at"]} if case.get("completed_at") else {"at": at}
    try:
        st = bundled.status(**args, **moment)
    except tthc.TthcError as e:
        return e.code
    assert st["due_at"] == due["due_at"]
    return (datetime.fromisoformat(due["due_at"]), st["status"], st["working_minutes"])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_cases_give_the_single_case_answers_row_by_row(bundled, seed):
    cases = _generated(bundled, 700, seed)
    out = tthc.columns.compute(_table(cases), at=AT).to_pylist()
    assert len(out) == len(cases)
    reasons = set()
    for case, row in zip(cases, out):
        expected = _single(bundled, case, AT)
        if isinstance(expected, str):
            assert row["reason"] == expected, (case, row)
            assert row["due_at"] is None and row["status"] is None
            reasons.add(expected)
        else:
            assert row["reason"] is None, (case, row, expected)
            assert (row["due_at"], row["status"], row["working_minutes"]) == expected, case
    # The generator reaches the row errors it is meant to.
    assert {"unknown_procedure", "unknown_variant"} <= reasons, reasons


def test_a_bad_row_is_null_with_a_reason_and_the_others_are_answered():
    out = tthc.columns.compute(
        pa.table(
            {
                "procedure": ["cap-giay-xac-nhan-tinh-trang-hon-nhan", "cap-giay-xac-nhan-tinh-trang-hon-nhan", None, "nope"],
                "received_at": ["2025-01-24 10:00", "31/02/2025 10:00", "2025-01-24 10:00", "2025-01-24 10:00"],
            }
        )
    ).to_pylist()
    # Friday 24/01/2025 10:00 + 3 working days, Tết Ất Tỵ skipped: Wednesday 05/02 10:00.
    assert out[0]["due_at"] == datetime(2025, 2, 5, 10, 0, tzinfo=VIETNAM)
    assert out[0]["status"] is None  # no `at`: an open case has no status
    assert [(r["reason"], r["reason_field"]) for r in out] == [
        (None, None),
        ("impossible_datetime", "received_at"),
        ("missing_procedure", "procedure"),
        ("unknown_procedure", "procedure"),
    ]
    assert all(r["due_at"] is None for r in out[1:])


def test_timestamp_columns_of_any_unit_with_or_without_a_zone():
    instant = datetime(2025, 1, 24, 3, 0, tzinfo=timezone.utc)  # 10:00 in Vietnam
    naive = datetime(2025, 1, 24, 10, 0)  # Vietnam wall time
    for unit in ("s", "ms", "us", "ns"):
        t = pa.table(
            {
                "procedure": ["1.001193", "1.001193"],
                "received_at": pa.array([instant, instant], pa.timestamp(unit, "UTC")),
            }
        )
        n = pa.table(
            {
                "procedure": ["1.001193", "1.001193"],
                "received_at": pa.array([naive, naive], pa.timestamp(unit)),
            }
        )
        a = tthc.columns.compute(t).column("due_at").to_pylist()
        b = tthc.columns.compute(n).column("due_at").to_pylist()
        assert a == b
        assert a[0] == datetime.fromisoformat(tthc.due("1.001193", "2025-01-24 10:00")["due_at"])


def test_chunks_dictionaries_large_strings_and_empty_tables():
    procs = pa.array(["1.001193"] * 3).dictionary_encode()
    t = pa.Table.from_batches(
        [
            pa.record_batch({"procedure": procs, "received_at": pa.array(["2025-03-04 09:00"] * 3, pa.large_string())}),
            pa.record_batch({"procedure": procs, "received_at": pa.array(["2025-03-05 09:00"] * 3, pa.large_string())}),
        ]
    )
    out = tthc.columns.compute(t)
    assert out.num_rows == 6 and out.column("reason").null_count == 6
    empty = tthc.columns.compute(pa.table({"procedure": pa.array([], pa.string()), "received_at": pa.array([], pa.string())}))
    assert empty.num_rows == 0 and empty.column_names == list(tthc.columns.OUTPUT_COLUMNS)


def test_at_as_a_column_and_versions_numbered_as_the_catalogue_lists_them(bundled):
    t = pa.table(
        {
            "procedure": ["cap-giay-xac-nhan-tinh-trang-hon-nhan"] * 2,
            "received_at": ["2025-01-24 10:00"] * 2,
            "seen": ["2025-02-04 10:00", "2025-02-06 10:00"],
        }
    )
    out = tthc.columns.compute(t, at="seen").to_pylist()
    assert [r["status"] for r in out] == ["due_soon", "overdue"]
    version = bundled.versions()[out[0]["version"]]
    assert version["procedure"] == "cap-giay-xac-nhan-tinh-trang-hon-nhan" and version["item"] == "B.16"


def test_a_column_of_the_wrong_type_is_a_type_error_naming_it():
    with pytest.raises(TypeError, match="received_at"):
        tthc.columns.compute(pa.table({"procedure": ["1.001193"], "received_at": [1.5]}))


def test_pauses_as_a_list_column_and_a_pause_without_a_start():
    t = lambda s: datetime.fromisoformat(s).replace(tzinfo=VIETNAM)  # noqa: E731
    cases = pa.table(
        {
            "procedure": ["cap-giay-xac-nhan-tinh-trang-hon-nhan"] * 3,
            "received_at": ["2025-03-03 09:00"] * 3,
            "pauses": pa.array(
                [
                    [{"from": t("2025-03-04 09:00"), "to": t("2025-03-05 09:00")}],
                    None,
                    [{"from": None, "to": t("2025-03-05 09:00")}],
                ],
                PAUSE_TYPE,
            ),
        }
    )
    out = tthc.columns.compute(cases).to_pylist()
    # docs/python.md: one working day stopped moves Thursday 06/03 09:00 to Friday 07/03.
    assert out[0]["due_at"] == t("2025-03-07 09:00")
    assert out[1]["due_at"] == t("2025-03-06 09:00")
    assert (out[2]["reason"], out[2]["reason_field"], out[2]["due_at"]) == ("pause_without_start", "pauses", None)
