"""What the server answers besides diagnostics: code actions, hover and completion, worked
out from a buffer's last lint (``BufferLint``) in the client's position encoding."""

from __future__ import annotations

import functools
from collections.abc import Iterator

from lsprotocol import types

from newslint.catalogue import catalogue, render_rule
from newslint.diagnostics import Applicability, Diagnostic, Edit
from newslint.i18n import SOURCE, Translator, translator
from newslint.server.actions import disable_for_line, fix_all, minimal_edit
from newslint.server.completion import Suggestion
from newslint.server.convert import lsp_diagnostic, text_edit
from newslint.server.encoding import PositionMap
from newslint.server.linting import BufferLint

FIX_ALL = "source.fixAll.newslint"
"""The code action kind of "fix all safe problems in this file" (editors run it on save)."""


class Buffer:
    """One document as the features see it: its URI, its last lint, the diagnostics shown
    (the lint's and the file on disk's), and positions in the client's encoding."""

    def __init__(
        self,
        uri: str,
        lint: BufferLint,
        shown: list[Diagnostic],
        encoding: str,
        tr: Translator | None = None,
    ) -> None:
        self.uri = uri
        self.lint = lint
        self.shown = shown
        self.encoding = encoding
        self.tr = tr or translator(SOURCE)
        """The language of the messages shown, the actions' titles and the rule docs."""

    @functools.cached_property
    def positions(self) -> PositionMap:
        """Positions in the linted text (made when a feature first needs one)."""
        return PositionMap(self.lint.text, self.encoding)

    def at(self, start: int, end: int) -> Iterator[tuple[int, Diagnostic]]:
        """The diagnostics shown (with their numbers) whose span meets ``[start, end]``."""
        for number, diagnostic in enumerate(self.shown):
            if diagnostic.start.offset <= end and start <= diagnostic.end.offset:
                yield number, diagnostic

    def edit(self, edits: list[Edit], documents: bool) -> types.WorkspaceEdit:
        """``edits`` of this buffer as a workspace edit; with ``documents`` tied to the version
        they were made for (the client refuses them if the buffer has changed since)."""
        changes = [text_edit(e, self.positions) for e in edits]
        if not documents:
            return types.WorkspaceEdit(changes={self.uri: list(changes)})
        document = types.OptionalVersionedTextDocumentIdentifier(
            uri=self.uri, version=self.lint.version
        )
        return types.WorkspaceEdit(
            document_changes=[types.TextDocumentEdit(text_document=document, edits=list(changes))]
        )


def _wants(only: list[str] | None, kind: str) -> bool:
    """Whether a request limited to the kinds ``only`` asks for actions of ``kind``."""
    return only is None or any(kind == k or kind.startswith(k + ".") for k in only)


def code_actions(
    buffer: Buffer, params: types.CodeActionParams, documents: bool
) -> list[types.CodeAction]:
    """Quick fixes and "disable" actions for the findings in the range; "fix all"."""
    only = [str(k) for k in params.context.only] if params.context.only else None
    actions: list[types.CodeAction] = []
    positions = buffer.positions
    if _wants(only, types.CodeActionKind.QuickFix):
        start = positions.offset(params.range.start)
        end = positions.offset(params.range.end)
        for number, diagnostic in buffer.at(start, end):
            shown = [lsp_diagnostic(diagnostic, number, buffer.uri, positions)]
            fix = diagnostic.fix
            if fix is not None:
                safe = fix.applicability is Applicability.SAFE
                title = f"{fix.message} ({diagnostic.code})"
                if not safe:
                    title += buffer.tr.gettext(" — unsafe fix: check the result")
                actions.append(
                    types.CodeAction(
                        title=title,
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=shown,
                        is_preferred=safe,
                        edit=buffer.edit(list(fix.edits), documents),
                    )
                )
            suppression = disable_for_line(diagnostic, buffer.lint.text)
            if suppression is not None:
                actions.append(
                    types.CodeAction(
                        title=suppression.title,
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=shown,
                        edit=buffer.edit([suppression.edit], documents),
                    )
                )
    if _wants(only, FIX_ALL):
        action = fix_all_action(buffer, documents)
        if action is not None:
            actions.append(action)
    return actions


def fix_all_action(buffer: Buffer, documents: bool) -> types.CodeAction | None:
    """ "Fix all safe problems in this file", as ``newslint --fix`` would fix it."""
    lint = buffer.lint
    if lint.settings is None or not any(
        d.fix is not None and d.fix.applicability is Applicability.SAFE for d in lint.diagnostics
    ):
        return None
    path = lint.diagnostics[0].path
    fixed = fix_all(lint.text, path, lint.settings, lint.enabled, lint.diagnostics)
    edit = minimal_edit(lint.text, fixed)
    if edit is None:
        return None
    return types.CodeAction(
        title=buffer.tr.gettext("Fix all safe newslint problems in this file"),
        kind=FIX_ALL,
        edit=buffer.edit([edit], documents),
    )


def hover(buffer: Buffer, position: types.Position) -> types.Hover | None:
    """The documentation of the rules of the findings under the cursor."""
    offset = buffer.positions.offset(position)
    found = list(buffer.at(offset, offset))
    if not found:
        return None
    docs = catalogue()
    codes = dict.fromkeys(d.code for _, d in found if d.code in docs)
    if not codes:
        return None
    first = found[0][1]
    text = "\n\n---\n\n".join(render_rule(docs[code], buffer.tr) for code in codes)
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
        range=buffer.positions.range(first.start.offset, first.end.offset),
    )


_KINDS = {
    "field": types.CompletionItemKind.Property,
    "value": types.CompletionItemKind.Value,
    "reference": types.CompletionItemKind.Reference,
}


def completion_item(suggestion: Suggestion, positions: PositionMap) -> types.CompletionItem:
    """One suggestion as a completion item that replaces what was typed of it."""
    documentation = None
    if suggestion.documentation:
        documentation = types.MarkupContent(
            kind=types.MarkupKind.Markdown, value=suggestion.documentation
        )
    edit = types.TextEdit(
        range=positions.range(suggestion.start, suggestion.end), new_text=suggestion.insert
    )
    return types.CompletionItem(
        label=suggestion.label,
        kind=_KINDS.get(suggestion.kind, types.CompletionItemKind.Text),
        detail=suggestion.detail or None,
        documentation=documentation,
        sort_text=suggestion.sort_text or None,
        filter_text=suggestion.label,
        text_edit=edit,
    )
