"""The exceptions tthc raises: each carries the stable code, the input field at fault
and the message in English and Vietnamese, exactly as the HTTP API's problem documents
and the command line give them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ._tthc import Diagnostic

__all__ = [
    "TthcError",
    "NotFoundError",
    "InvalidInputError",
    "TooLargeError",
    "CatalogueError",
]


class TthcError(Exception):
    """Base class of every error tthc raises about its input.

    ``code`` is stable (``unknown_procedure``, ``bad_datetime``, ``invalid_catalogue``…;
    the HTTP API's ``/problems/<code>`` pages describe each), ``field`` names the
    argument at fault as a JSON path (``received_at``, ``pauses[1].to``) when one is,
    and the message exists in both languages. ``str(e)`` is the English message.
    """

    code: str
    field: str | None
    message_en: str
    message_vi: str

    def __init__(
        self, code: str, message_en: str, message_vi: str, *, field: str | None = None
    ) -> None:
        super().__init__(message_en)
        self.code = code
        self.field = field
        self.message_en = message_en
        self.message_vi = message_vi

    def message(self, lang: Literal["en", "vi"] = "en") -> str:
        """The message in ``lang``."""
        if lang not in ("en", "vi"):
            raise ValueError(f'lang is "en" or "vi", not {lang!r}')
        return self.message_vi if lang == "vi" else self.message_en

    def __reduce__(self):  # picklable across processes (multiprocessing, Spark)
        return (_rebuild, (type(self), self.code, self.message_en, self.message_vi, self.field))

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, field={self.field!r}, message_en={self.message_en!r})"


def _rebuild(cls, code, message_en, message_vi, field):
    return cls(code, message_en, message_vi, field=field)


class NotFoundError(TthcError, LookupError):
    """Something named does not exist: a procedure, a calendar, a version on a date
    asked for directly (the HTTP API answers 404)."""


class InvalidInputError(TthcError, ValueError):
    """An input cannot be used as given: a datetime that does not read, a pause that
    runs backwards, a case the version does not have (the HTTP API answers 422)."""


class TooLargeError(TthcError, ValueError):
    """An input is larger than the service accepts, such as more than 100 pauses (the
    HTTP API answers 413)."""


class CatalogueError(TthcError):
    """A catalogue could not be loaded: ``unreadable_sources`` (a file or folder could
    not be read, or the calendars are invalid) or ``invalid_catalogue`` (the catalogue
    has errors, listed in ``diagnostics``; nothing is computed from such a catalogue)."""

    diagnostics: list[Diagnostic]

    def __init__(
        self,
        code: str,
        message_en: str,
        message_vi: str,
        *,
        field: str | None = None,
        diagnostics: list[Diagnostic] | None = None,
    ) -> None:
        super().__init__(code, message_en, message_vi, field=field)
        self.diagnostics = list(diagnostics or [])
