"""Every error Truceline raises on purpose.

    TrucelineError                 base: a message a user can act on, with its context
    ├── InputError                 a bad input file, line or field (ingest, extract, geoparse)
    │   └── ReportError            one structured report that cannot be taken
    ├── GazetteerError             the gazetteer is missing, broken or cannot be built
    ├── AgreementError             an agreement file that does not validate (names the clause and field)
    ├── StoreError                 the database cannot be opened, migrated or written
    ├── AuditError                 the audit chain does not verify (names the row)
    └── AccessError                a caller lacks the role for an action (the API maps it to 401/403)

The CLI prints ``str(error)`` as one line and exits non-zero; it never shows a
traceback for a TrucelineError.  Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

__all__ = [
    "AccessError",
    "AgreementError",
    "AuditError",
    "GazetteerError",
    "InputError",
    "ReportError",
    "StoreError",
    "TrucelineError",
]


class TrucelineError(Exception):
    """Base class. ``hint`` says what the user should do next."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InputError(TrucelineError):
    """A bad input: carries the source (file or URL), the line and the field."""

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.source = source
        self.line = line
        self.field = field

    def __str__(self) -> str:
        where = self.source or "<input>"
        if self.line is not None:
            where += f":{self.line}"
        if self.field:
            where += f": field '{self.field}'"
        return f"{where}: {super().__str__()}"


class ReportError(InputError):
    """One structured report (a JSONL or CSV row) that cannot be taken."""


class GazetteerError(TrucelineError):
    """The gazetteer cannot be built, loaded or imported."""


class AgreementError(TrucelineError):
    """An agreement file that does not validate."""

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        clause: str | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.source = source
        self.clause = clause
        self.field = field

    def __str__(self) -> str:
        parts = [self.source or "<agreement>"]
        if self.clause:
            parts.append(f"clause '{self.clause}'")
        if self.field:
            parts.append(f"field '{self.field}'")
        return ": ".join(parts) + f": {super().__str__()}"


class StoreError(TrucelineError):
    """The database cannot be opened, migrated or written."""


class AuditError(TrucelineError):
    """The audit chain is broken: names the first row that does not verify."""

    def __init__(self, message: str, *, seq: int | None = None, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.seq = seq


class AccessError(TrucelineError):
    """The caller is not authenticated (``status=401``) or lacks the role (403)."""

    def __init__(self, message: str, *, status: int = 403) -> None:
        super().__init__(message)
        self.status = status
