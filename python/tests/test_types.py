"""The TypedDicts of `tthc.types` (what the stubs promise) describe the answers exactly:
every required key present, no key the type does not name, nested types likewise."""

from __future__ import annotations

import typing

import tthc
from tthc import types as t

B16 = "cap-giay-xac-nhan-tinh-trang-hon-nhan"


def _conforms(value, tp, where: str = "answer") -> None:
    origin = typing.get_origin(tp)
    if origin is typing.Union or str(origin) == "<class 'types.UnionType'>":
        errors = []
        for arm in typing.get_args(tp):
            try:
                _conforms(value, arm, where)
                return
            except AssertionError as e:
                errors.append(str(e))
        raise AssertionError(f"{where}: {value!r} matches none of {tp}: {errors}")
    if tp is type(None):
        assert value is None, f"{where}: {value!r} is not None"
        return
    if origin is typing.Literal:
        assert value in typing.get_args(tp), f"{where}: {value!r} not in {tp}"
        return
    if origin is list:
        assert isinstance(value, list), f"{where}: not a list"
        (item,) = typing.get_args(tp)
        for i, v in enumerate(value):
            _conforms(v, item, f"{where}[{i}]")
        return
    if typing.is_typeddict(tp):
        assert isinstance(value, dict), f"{where}: not a dict"
        hints = typing.get_type_hints(tp)
        assert set(value) <= set(hints), f"{where}: keys {set(value) - set(hints)} not in {tp.__name__}"
        missing = tp.__required_keys__ - set(value)
        assert not missing, f"{where}: {tp.__name__} lacks {missing}"
        for k, v in value.items():
            _conforms(v, hints[k], f"{where}.{k}")
        return
    assert isinstance(value, tp) and not (tp is int and isinstance(value, bool)), f"{where}: {value!r} is not {tp}"


def test_answers_are_their_typed_dicts():
    cat = tthc.Catalogue.bundled()
    for case in [
        dict(procedure=B16, received_at="2025-01-24 10:00", explain=True),
        dict(procedure=B16, received_at="2026-11-20 16:00", explain=True, variant="verification"),
        dict(procedure=B16, received_at="2025-03-03 09:00", restarted_at="2025-03-10 14:00", explain=True,
             pauses=[("2025-03-11 09:00", "2025-03-12 09:00")]),
        dict(procedure="dang-ky-khai-sinh", received_at="2025-03-04 09:00"),
    ]:
        _conforms(cat.due(**case), t.DeadlineResponse)
        _conforms(cat.status(**case, at="2030-01-02 09:00"), t.StatusResponse)
        _conforms(cat.status(**case, completed_at="2026-11-24 09:00"), t.StatusResponse)
    for p in cat.procedures():
        _conforms(p, t.ProcedureSummary)
        _conforms(cat.procedure(p["id"]), t.ProcedureDetail)


def test_the_checker_itself_catches_a_wrong_type():
    bad = tthc.Catalogue.bundled().due(B16, "2025-01-24 10:00")
    bad["surprise"] = 1
    try:
        _conforms(bad, t.DeadlineResponse)
    except AssertionError as e:
        assert "surprise" in str(e)
    else:
        raise AssertionError("an unknown key went unnoticed")
