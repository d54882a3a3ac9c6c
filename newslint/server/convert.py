"""newslint's diagnostics and edits as LSP messages."""

from __future__ import annotations

from lsprotocol import types

from newslint.diagnostics import Diagnostic, Edit, Severity
from newslint.server.encoding import PositionMap

SOURCE = "newslint"

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def lsp_diagnostic(
    diagnostic: Diagnostic, number: int, uri: str, positions: PositionMap
) -> types.Diagnostic:
    """``diagnostic`` as the client shows it; ``number`` (its place in the document's list)
    travels in ``data`` so a code action finds the fix that belongs to it."""
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(
                uri=uri, range=positions.range(r.position.offset, r.position.offset)
            ),
            message=r.message,
        )
        for r in diagnostic.related
    ]
    return types.Diagnostic(
        range=positions.range(diagnostic.start.offset, diagnostic.end.offset),
        message=diagnostic.message,
        severity=_SEVERITY[diagnostic.severity],
        code=diagnostic.code,
        source=SOURCE,
        related_information=related or None,
        data={"n": number, "rule": diagnostic.rule},
    )


def text_edit(edit: Edit, positions: PositionMap) -> types.TextEdit:
    """A code-point edit of the document's text as an LSP text edit."""
    return types.TextEdit(range=positions.range(edit.start, edit.end), new_text=edit.replacement)
