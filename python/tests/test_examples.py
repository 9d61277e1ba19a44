"""The worked examples beside the bundled catalogue (procedures/*/examples.yaml), each
worked out by hand from the decision and the official calendar: the Python module must
give the hand-worked appointment, step due times and status, and exactly the answer
`tthc due --json --explain` / `tthc status --json --explain` prints for the same case."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
import yaml

import tthc
from conftest import PROCEDURES, case_args

VIETNAM = timezone(timedelta(hours=7))


def _examples():
    for path in sorted(PROCEDURES.glob("*/examples.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, ex in enumerate(doc["examples"]):
            # YAML reads `2025-03-04 14:59` as a datetime: the file means it as text.
            ex = {k: (str(v) if k in ("received", "due", "restarted") else v) for k, v in ex.items()}
            yield pytest.param(ex, id=f"{path.parent.name}#{i}-{ex['procedure']}")


def _local(text) -> datetime:
    """A hand-worked time of an example file: Vietnam time, as `tthc due` reads it."""
    text = str(text)
    for form in ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S"):
        try:
            return datetime.strptime(text, form).replace(tzinfo=VIETNAM)
        except ValueError:
            pass
    return datetime.fromisoformat(text).replace(tzinfo=VIETNAM)


def _case(ex: dict) -> dict:
    """The example as the API's fields."""
    case = {"procedure": ex["procedure"], "received_at": ex["received"], "explain": True}
    if ex.get("variant"):
        case["variant"] = ex["variant"]
    if ex.get("calendar"):
        case["calendar"] = ex["calendar"]
    if ex.get("restarted"):
        case["restarted_at"] = ex["restarted"]
    pauses = []
    for p in ex.get("pauses") or []:
        frm, to = tthc_split(str(p))
        pauses.append({"from": frm, "to": to})
    if pauses:
        case["pauses"] = pauses
    return case


def tthc_split(text: str) -> tuple[str, str]:
    frm, _, to = text.partition(" / ") if " / " in text else text.partition("/")
    return frm.strip(), to.strip()


EXAMPLES = list(_examples())


def test_there_are_examples_with_every_kind_of_input():
    cases = [p.values[0] for p in EXAMPLES]
    assert len(cases) >= 60
    assert any(c.get("variant") for c in cases)
    assert any(c.get("pauses") for c in cases)
    assert any(c.get("restarted") for c in cases)
    assert any(c.get("status") for c in cases)
    assert any(c.get("steps") for c in cases)


@pytest.mark.parametrize("ex", EXAMPLES)
def test_due_is_the_hand_worked_date_and_the_cli_answer(ex, bundled, cli):
    case = _case(ex)
    answer = bundled.due(**case)
    # The value worked out by hand.
    assert datetime.fromisoformat(answer["due_at"]) == _local(ex["due"]), ex["how"]
    for step, expected in (ex.get("steps") or {}).items():
        got = next(s for s in answer["steps"] if s["id"] == step)
        assert datetime.fromisoformat(got["due_at"]) == _local(expected), f"step {step}: {ex['how']}"
    # Exactly what the command line prints for the same case.
    assert answer == cli.json("due", *case_args(case), "--json")


@pytest.mark.parametrize("ex", [p for p in EXAMPLES if p.values[0].get("status")])
def test_status_is_the_hand_worked_status_and_the_cli_answer(ex, bundled, cli):
    case = _case(ex)
    st = ex["status"]
    moment = {"at": str(st["at"])} if st.get("at") else {"completed_at": str(st["completed"])}
    answer = bundled.status(**case, **moment)
    assert answer["status"] == st["is"], ex["how"]
    flag = ["--at", moment["at"]] if "at" in moment else ["--completed", moment["completed_at"]]
    assert answer == cli.json("status", *case_args(case), *flag, "--json")


def test_the_module_level_functions_use_the_bundled_catalogue(bundled):
    ex = EXAMPLES[0].values[0]
    assert tthc.due(**_case(ex)) == bundled.due(**_case(ex))
