"""Due times and statuses of whole columns of cases, over Arrow.

``compute(cases)`` takes a table of cases (a ``pyarrow.Table`` or ``RecordBatch``, a
pandas or Polars ``DataFrame``, or anything that exports an Arrow stream, such as a
DuckDB relation's ``.arrow()``) and returns a ``pyarrow.Table`` with one row per case,
in the same order::

    procedure_id     the procedure's id (the input may name it by national code)
    version          the version in force on the receipt date, numbered as
                     ``Catalogue.versions()`` (and ``tthc report``) number them
    due_at           the law's due time (timestamp[ns, +07:00])
    status           early / on_time / late for a finished case; not_due / due_soon /
                     overdue for an open one at ``at``; null when there is no ``at``
    working_minutes  working minutes left, or over (overdue, late), paused time excluded
    reason           null, or why the row has no answer: the API's stable code
                     (``bad_datetime``, ``unknown_procedure``, ``out_of_range``, ...)
    reason_field     the input column at fault

The engine is the core's bulk engine, run with the GIL released, and gives the answers
``Catalogue.due`` and ``Catalogue.status`` give for the same case (the tests compare
them row by row). A bad row never raises: its answers are null and ``reason`` says why.

Input columns (names are arguments): ``procedure`` (id or national code), ``received_at``,
and, when present, ``variant``, ``restarted_at``, ``completed_at`` and ``pauses``
(``list<struct<from, to>>``). Moments are Arrow timestamps (with a time zone: instants;
without: Vietnam time, as text without an offset is read) or text in any form the API
reads, read row by row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa

    from ._tthc import Catalogue, Moment

__all__ = ["compute", "moments", "OUTPUT_COLUMNS"]

OUTPUT_COLUMNS = (
    "procedure_id",
    "version",
    "due_at",
    "status",
    "working_minutes",
    "reason",
    "reason_field",
)


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            "tthc.columns needs pyarrow (pip install pyarrow): columns cross over Arrow"
        ) from e
    return pyarrow


def _table(cases: Any) -> pa.Table:
    pa = _pyarrow()
    if isinstance(cases, pa.Table):
        return cases
    if isinstance(cases, pa.RecordBatch):
        return pa.Table.from_batches([cases])
    module = type(cases).__module__.split(".")[0]
    if module == "pandas":
        return pa.Table.from_pandas(cases, preserve_index=False)
    if module == "polars":
        return cases.to_arrow()
    # Dicts of arrays, and any object with __arrow_c_stream__ / __arrow_c_array__.
    return pa.table(cases)


def _column(batch: pa.RecordBatch, name: str | None, required: bool) -> Any:
    pa = _pyarrow()
    if name is None:
        return None
    i = batch.schema.get_field_index(name)
    if i < 0:
        if required:
            raise KeyError(f"the cases have no column {name!r} (columns: {batch.schema.names})")
        return None
    col = batch.column(i)
    t = col.type
    if pa.types.is_dictionary(t):
        col = col.cast(t.value_type)
        t = col.type
    if pa.types.is_large_list(t) or pa.types.is_list_view(t) or pa.types.is_large_list_view(t):
        col = col.cast(pa.list_(t.value_type))
    elif pa.types.is_date(t):
        # A bare date is read as its midnight in Vietnam time.
        col = col.cast(pa.timestamp("s"))
    return col


def compute(
    cases: Any,
    *,
    at: Moment | pa.Array | str | None = None,
    due_soon_minutes: int | None = None,
    calendar: str | None = None,
    catalogue: Catalogue | None = None,
    procedure: str = "procedure",
    received_at: str = "received_at",
    variant: str | None = "variant",
    restarted_at: str | None = "restarted_at",
    completed_at: str | None = "completed_at",
    pauses: str | None = "pauses",
) -> pa.Table:
    """The due time, status and reason of every case of ``cases`` (see the module's
    documentation), on ``catalogue`` (default: the bundled one).

    ``at`` is where open cases are looked at: one moment for every row (text or a
    ``datetime``), the name of a column of ``cases``, or an Arrow array; without it open
    cases get a due time and no status. ``due_soon_minutes`` is the threshold of
    ``due_soon`` (default: one working day, 480). Missing optional columns are simply
    absent from the cases.
    """
    pa = _pyarrow()
    if catalogue is None:
        from . import bundled

        catalogue = bundled()
    table = _table(cases)
    at_column = isinstance(at, str) and at in table.column_names
    batches = table.to_batches() or [pa.RecordBatch.from_pylist([], schema=table.schema)]
    out = []
    for batch in batches:
        when = _column(batch, at, True) if at_column else at
        answer = catalogue._columns(
            _column(batch, procedure, True),
            _column(batch, received_at, True),
            variant=_column(batch, variant, False),
            restarted_at=_column(batch, restarted_at, False),
            completed_at=_column(batch, completed_at, False),
            pauses=_column(batch, pauses, False),
            at=when,
            due_soon_minutes=due_soon_minutes,
            calendar=calendar,
        )
        out.append(pa.record_batch(answer))
    return pa.Table.from_batches(out)


def moments(
    values: Any, *, calendar: str | None = None, catalogue: Catalogue | None = None
) -> pa.Table:
    """A column of moments (text in any form the API reads, or timestamps) read as
    ``compute`` reads them: a table of ``at`` (timestamp[ns, +07:00]) and ``reason``
    (``bad_datetime``, ``impossible_datetime``, ``out_of_range``, or null)."""
    pa = _pyarrow()
    if catalogue is None:
        from . import bundled

        catalogue = bundled()
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    elif not hasattr(values, "__arrow_c_array__"):
        values = pa.array(values)
    if pa.types.is_dictionary(values.type):
        values = values.cast(values.type.value_type)
    return pa.Table.from_batches([pa.record_batch(catalogue._moments(values, calendar=calendar))])
