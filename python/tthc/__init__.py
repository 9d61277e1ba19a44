"""tthc: Vietnamese administrative procedures as code, and their deadlines in working time.

The engine in-process: load a catalogue (the bundled one, or a folder of ``.tthc``
files) with its working calendars, check a catalogue and read its findings, and compute
a case's appointment and status with the same inputs and the same answers as the HTTP
API (``POST /v1/deadlines``, ``POST /v1/status``) and ``tthc due --json``::

    import tthc

    cat = tthc.Catalogue.bundled()
    answer = cat.due("cap-giay-xac-nhan-tinh-trang-hon-nhan", "2025-01-24 10:00")
    answer["due_at"]                                  # '2025-02-05T10:00:00+07:00'

Whole columns of cases (pyarrow, pandas, Polars, DuckDB, Spark) go through
``tthc.columns.compute``, over Arrow.

The same wheel installs the ``tthc`` command (and ``tthc-report``, which runs
``tthc report``). See docs/python.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from ._errors import (
    CatalogueError,
    InvalidInputError,
    NotFoundError,
    TooLargeError,
    TthcError,
)
from . import columns
from ._tthc import ArrowArray, Catalogue, CheckResult, Diagnostic, Label, __version__, check
from .types import DeadlineResponse, StatusResponse

if TYPE_CHECKING:
    from ._tthc import DueTime, Moment, Pause

__all__ = [
    "Catalogue",
    "CheckResult",
    "Diagnostic",
    "Label",
    "check",
    "columns",
    "ArrowArray",
    "due",
    "status",
    "bundled",
    "TthcError",
    "NotFoundError",
    "InvalidInputError",
    "TooLargeError",
    "CatalogueError",
    "__version__",
]


@lru_cache(maxsize=1)
def bundled() -> Catalogue:
    """The bundled catalogue, loaded once per process and shared (a ``Catalogue`` is
    immutable and safe to use from several threads)."""
    return Catalogue.bundled()


def due(
    procedure: str,
    received_at: Moment,
    *,
    variant: str | None = None,
    pauses: Sequence[Pause] | None = None,
    restarted_at: Moment | None = None,
    calendar: str | None = None,
    due_time: DueTime | None = None,
    explain: bool = False,
    catalogue: Catalogue | None = None,
) -> DeadlineResponse:
    """``catalogue.due(...)``, by default on the bundled catalogue: what ``POST
    /v1/deadlines`` answers for the same fields."""
    return (catalogue or bundled()).due(
        procedure,
        received_at,
        variant=variant,
        pauses=pauses,
        restarted_at=restarted_at,
        calendar=calendar,
        due_time=due_time,
        explain=explain,
    )


def status(
    procedure: str,
    received_at: Moment,
    *,
    at: Moment | None = None,
    completed_at: Moment | None = None,
    due_soon_minutes: int | None = None,
    variant: str | None = None,
    pauses: Sequence[Pause] | None = None,
    restarted_at: Moment | None = None,
    calendar: str | None = None,
    due_time: DueTime | None = None,
    explain: bool = False,
    catalogue: Catalogue | None = None,
) -> StatusResponse:
    """``catalogue.status(...)``, by default on the bundled catalogue: what ``POST
    /v1/status`` answers for the same fields."""
    return (catalogue or bundled()).status(
        procedure,
        received_at,
        at=at,
        completed_at=completed_at,
        due_soon_minutes=due_soon_minutes,
        variant=variant,
        pauses=pauses,
        restarted_at=restarted_at,
        calendar=calendar,
        due_time=due_time,
        explain=explain,
    )
