"""The shapes of tthc's answers, as ``TypedDict``: the JSON types of the HTTP API
(``crates/tthc/src/service/types.rs``, the OpenAPI document at ``/openapi.json``),
which ``Catalogue.due``, ``Catalogue.status`` and ``Catalogue.procedure`` return as dicts.

Times are RFC 3339 text with the calendar's offset (``2025-02-05T10:00:00+07:00``),
dates ISO text (``2025-02-05``); ``datetime.fromisoformat`` reads both. A key marked
``NotRequired`` is absent when it has no value, as in the JSON; every other key is
always there (``None`` where the JSON has ``null``).
"""


import sys
from typing import Literal, TypedDict

if sys.version_info >= (3, 11):
    from typing import NotRequired
else:  # pragma: no cover - Python 3.10
    from typing_extensions import NotRequired

__all__ = [
    "AmountOut", "CalendarUse", "CatalogueOut", "ClockStart", "DeadlineResponse", "EndingOut",
    "Explanation", "InterpretationOut", "Named", "PauseInput", "ProcedureDetail",
    "ProcedureSummary", "SkippedDay", "SourceOut", "StatusCode", "StatusResponse",
    "StepDueOut", "StepExplanation", "StepOut", "TimingOut", "VariantAmount",
    "VariantOut", "VersionDetail", "VersionSummary",
]

StatusCode = Literal["not_due", "due_soon", "overdue", "early", "on_time", "late"]


#: A period the case's clock is stopped (``from`` is a Python keyword, hence this form).
PauseInput = TypedDict("PauseInput", {"from": str, "to": str})


class Named(TypedDict):
    id: str
    title: str


class SourceOut(TypedDict):
    """The decision and item a version's numbers come from."""

    decision: str
    item: str
    signed: str | None
    effective: str | None
    issuer: str | None


class EndingOut(TypedDict):
    """How a version's period ends: repealed or replaced by a later decision, or lapsed
    on its own last day (a level abolished, with no later version)."""

    kind: Literal["repealed", "replaced", "lapsed"]
    last_day: str
    decision: NotRequired[str]
    item: NotRequired[str]
    authority_abolished: NotRequired[str]
    words: str
    words_vi: str


class VersionSummary(TypedDict):
    """A version's identity and validity."""

    label: str | None
    valid_from: str
    valid_until: str | None
    authority: Named
    source: SourceOut
    name: NotRequired[str]
    code: NotRequired[str]
    field: NotRequired[str]
    ending: NotRequired[EndingOut]


class CatalogueOut(TypedDict):
    """Which catalogue answered: ``bundled``, ``folder`` or ``files``, and its hash."""

    origin: str
    version: str


class StepDueOut(TypedDict):
    id: str
    name: str
    role: str
    due_at: str


class AmountOut(TypedDict):
    """An exact number of working days (``days``) or ``same_day``."""

    kind: Literal["days", "same_day"]
    days: NotRequired[str]
    numerator: NotRequired[int]
    denominator: NotRequired[int]


class SkippedDay(TypedDict):
    date: str
    reason: Literal["weekend", "holiday", "day_off"]
    name: str


class StepExplanation(TypedDict):
    id: str
    name: str
    role: str
    allotment: AmountOut | None
    working_minutes: int
    started_at: str
    due_at: str
    skipped_days: list[SkippedDay]
    worked_weekend_days: list[SkippedDay]
    pauses: list[PauseInput]
    interpretations: list[str]


class ClockStart(TypedDict):
    """How the count started: the cutoff, working hours, days off, a restart."""

    received_at: str
    restarted_at: NotRequired[str]
    clock_started_at: str
    cutoff: str | None
    #: Who states the cutoff applied (or that none applies): procedure, decision, calendar.
    cutoff_source: str
    cutoff_reach: NotRequired[str]
    cutoff_decision: NotRequired[str]
    cutoff_out_of_reach: NotRequired[str]
    cutoff_en: str
    cutoff_vi: str
    cutoff_applied: bool
    reason: str
    adjustment: str
    reason_en: str
    reason_vi: str
    skipped_days: list[SkippedDay]


class CalendarUse(TypedDict):
    id: str
    days: Literal["official", "provisional", "mixed"]
    provisional_years: list[int]
    uncertain_days: list[str]
    uncertain_days_counted_as: Literal["day_off", "working_day"]
    due_time: Literal["keep_clock_time", "end_of_day"]


class InterpretationOut(TypedDict):
    step: str | None
    text: str


class Explanation(TypedDict):
    """Why this date: the source, the clock start, the calendar, each step's window."""

    source: SourceOut
    clock: ClockStart
    calendar: CalendarUse
    steps: list[StepExplanation]
    interpretations: list[InterpretationOut]
    skipped_days: list[SkippedDay]
    summary_vi: str
    summary_en: str


class DeadlineResponse(TypedDict):
    """What ``POST /v1/deadlines`` answers: the appointment and each step's due time."""

    procedure: str
    version: VersionSummary
    variant: str | None
    calendar: str
    catalogue: CatalogueOut
    received_at: str
    clock_started_at: str
    due_at: str
    provisional: bool
    uncertain_days: list[str]
    steps: list[StepDueOut]
    explanation: NotRequired[Explanation]


class StatusResponse(TypedDict):
    """What ``POST /v1/status`` answers: the status and the working time left or over."""

    procedure: str
    version: VersionSummary
    status: StatusCode
    status_vi: str
    status_en: str
    due_at: str
    as_of: str
    working_minutes: int
    working_time_vi: str
    working_time_en: str
    label_vi: str
    label_en: str
    current_step: str | None
    provisional: bool
    uncertain_days: list[str]
    deadline: DeadlineResponse


class ProcedureSummary(TypedDict):
    """A procedure as ``GET /v1/procedures`` lists it."""

    id: str
    code: str | None
    name: str
    field: str | None
    aliases: NotRequired[list[str]]
    versions: list[VersionSummary]


class VariantAmount(TypedDict):
    variant: str
    amount: AmountOut


class TimingOut(TypedDict):
    base: AmountOut | None
    variants: list[VariantAmount]


class VariantOut(TypedDict):
    id: str
    title: str
    condition: NotRequired[str]
    cutoff: NotRequired[str]


class StepOut(TypedDict):
    id: str
    name: str
    role: Named
    other_roles: list[Named]
    performer_as_printed: str | None
    timing: TimingOut


class VersionDetail(VersionSummary):
    """A version in full (its summary's keys, then these)."""

    variants: list[VariantOut]
    total: TimingOut
    cutoff: str | None
    steps: list[StepOut]
    interpretations: list[InterpretationOut]


class ProcedureDetail(TypedDict):
    """What ``GET /v1/procedures/{id}`` answers."""

    id: str
    code: str | None
    name: str
    field: str | None
    aliases: NotRequired[list[str]]
    versions: list[VersionDetail]
