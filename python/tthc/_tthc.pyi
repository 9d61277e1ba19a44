"""Type stubs of the extension module (crates/tthc-python), re-exported by ``tthc``."""

import datetime
import os
from collections.abc import Iterator, Mapping, Sequence
from typing import Literal, final

from .types import DeadlineResponse, ProcedureDetail, ProcedureSummary, StatusResponse

__version__: str

StrPath = str | os.PathLike[str]
#: A moment: text as the API reads it (``2025-03-04 09:15``, ``04/03/2025 09:15``, RFC 3339),
#: or a ``datetime.datetime`` (naive = Vietnam time).
Moment = str | datetime.datetime
#: A pause: ``(from, to)``, ``{"from": …, "to": …}``, or the command line's ``"FROM/TO"``.
Pause = tuple[Moment, Moment] | Mapping[str, Moment] | str
Lang = Literal["en", "vi"]
DueTime = Literal["keep_clock_time", "end_of_day"]

@final
class Catalogue:
    """A catalogue of procedures with its working calendars, checked and ready to answer."""

    @staticmethod
    def bundled() -> Catalogue:
        """The catalogue and calendars compiled into tthc."""

    @staticmethod
    def load(path: StrPath | Sequence[StrPath], calendars: StrPath | None = None) -> Catalogue:
        """Reads and checks a catalogue folder (or files in one); raises ``CatalogueError``."""

    @property
    def origin(self) -> Literal["bundled", "folder", "files"]: ...
    @property
    def path(self) -> str | None: ...
    @property
    def version(self) -> str: ...
    @property
    def calendars(self) -> list[str]: ...
    def __len__(self) -> int: ...
    def __contains__(self, procedure: str) -> bool: ...
    def due(
        self,
        procedure: str,
        received_at: Moment,
        *,
        variant: str | None = None,
        pauses: Sequence[Pause] | None = None,
        restarted_at: Moment | None = None,
        calendar: str | None = None,
        due_time: DueTime | None = None,
        explain: bool = False,
    ) -> DeadlineResponse:
        """What ``POST /v1/deadlines`` answers for the same fields."""

    def status(
        self,
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
    ) -> StatusResponse:
        """What ``POST /v1/status`` answers for the same fields (exactly one of ``at``, ``completed_at``)."""

    def procedures(
        self,
        q: str | None = None,
        *,
        code: str | None = None,
        field: str | None = None,
        authority: str | None = None,
        decision: str | None = None,
        at: str | datetime.date | None = None,
    ) -> list[ProcedureSummary]:
        """The ``procedures`` that ``GET /v1/procedures`` lists for the same filters."""

    def procedure(self, procedure: str, at: str | datetime.date | None = None) -> ProcedureDetail:
        """What ``GET /v1/procedures/{id}`` answers (id or national code)."""

    def versions(self) -> list[dict[str, str | int | None]]:
        """Every procedure version, numbered as ``tthc.columns.compute``'s ``version``."""

    def _columns(
        self,
        procedure: object,
        received_at: object,
        *,
        variant: object | None = None,
        restarted_at: object | None = None,
        completed_at: object | None = None,
        pauses: object | None = None,
        at: object | None = None,
        due_soon_minutes: int | None = None,
        calendar: str | None = None,
    ) -> ArrowArray:
        """The engine of ``tthc.columns.compute``: Arrow arrays (``__arrow_c_array__``) in."""

    def _moments(self, values: object, *, calendar: str | None = None) -> ArrowArray:
        """The engine of ``tthc.columns.moments``."""

    def horizon(self, calendar: str | None = None) -> tuple[int, int]:
        """The first and last year whose days off the calendar knows."""

@final
class ArrowArray:
    """A struct array of answers, exported through the Arrow PyCapsule interface."""

    def __arrow_c_array__(self, requested_schema: object | None = None) -> tuple[object, object]: ...
    def __len__(self) -> int: ...

@final
class Label:
    """Another place a diagnostic points at."""

    @property
    def file(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...
    @property
    def message_en(self) -> str: ...
    @property
    def message_vi(self) -> str: ...

@final
class Diagnostic:
    """One finding of the checker, in both languages, with its place."""

    @property
    def code(self) -> str: ...
    @property
    def severity(self) -> Literal["error", "warning"]: ...
    @property
    def is_error(self) -> bool: ...
    @property
    def message_en(self) -> str: ...
    @property
    def message_vi(self) -> str: ...
    @property
    def help_en(self) -> str: ...
    @property
    def help_vi(self) -> str: ...
    @property
    def file(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...
    @property
    def end_line(self) -> int: ...
    @property
    def end_column(self) -> int: ...
    @property
    def labels(self) -> list[Label]: ...
    def message(self, lang: Lang = "en") -> str: ...
    def help(self, lang: Lang = "en") -> str: ...
    def to_dict(self, lang: Lang = "en") -> dict[str, object]:
        """The entry ``tthc check --format json`` prints for it in ``lang``."""

@final
class CheckResult:
    """What a check found."""

    @property
    def diagnostics(self) -> list[Diagnostic]: ...
    @property
    def errors(self) -> int: ...
    @property
    def warnings(self) -> int: ...
    @property
    def procedures(self) -> int: ...
    @property
    def files(self) -> int: ...
    @property
    def catalogue(self) -> str | None: ...
    @property
    def elsewhere(self) -> tuple[int, int] | None: ...
    @property
    def ok(self) -> bool: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Diagnostic]: ...

def check(
    path: StrPath | Sequence[StrPath],
    *,
    at: str | datetime.date | None = None,
    calendars: StrPath | None = None,
) -> CheckResult:
    """Checks a catalogue as ``tthc check PATH --at AT`` does."""
