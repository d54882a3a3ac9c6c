"""The language server: LSP messages in; findings, fixes, rule docs and completion out.

Every call into newslint (configuration, lint, site index, fixes, completion) runs on one
worker, the main thread, in the order asked; LSP is spoken by an event loop on a second thread,
which stays free to take the next keystroke. The sites in memory and the cache's SQLite
connection are only ever touched by the worker, and a lint is bounded by the time limit per file
as on the command line.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from newslint.diagnostics import Diagnostic
from newslint.discovery import CONTENT_SUFFIXES
from newslint.errors import UsageError
from newslint.house.rules_file import rules_files
from newslint.i18n import SOURCE as SOURCE_LANGUAGE
from newslint.i18n import supported, translator
from newslint.limits import FILE_TIME_LIMIT, FileTimeout, time_limit
from newslint.reporters.localized import translated
from newslint.server.completion import complete
from newslint.server.convert import SOURCE, lsp_diagnostic
from newslint.server.encoding import PositionMap
from newslint.server.features import (
    FIX_ALL,
    Buffer,
    code_actions,
    completion_item,
    hover,
)
from newslint.server.linting import CONFIG_FILES, BufferLint, Workspace, config_location
from newslint.server.protocol import Protocol
from newslint.server.scheduler import LintQueue
from newslint.server.worker import MainThreadWorker
from newslint.version import __version__

T = TypeVar("T")

DEBOUNCE = 0.1
"""Seconds of quiet after a change before the buffer is linted (``debounceMs`` overrides)."""
TRIGGERS = [":", " ", "-", "[", ",", "/"]
"""Characters after which the client asks for completion by itself."""

log = logging.getLogger(__name__)


class NewslintServer(LanguageServer):
    """The language server's state: the workspace, each open buffer's last lint."""

    def __init__(self) -> None:
        super().__init__(
            "newslint",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            protocol_cls=Protocol,
        )
        self.debounce = DEBOUNCE
        self.translator = translator(SOURCE_LANGUAGE)
        """The language of messages and rule docs: ``lang`` of the initialization options, else
        the client's ``locale``, else English."""
        self.folders: list[Path] = []
        self.cache_dir: Path | None = None
        self._workspace: Workspace | None = None
        self.worker = MainThreadWorker()
        self.queue = LintQueue(self.lint_and_publish)
        self.results: dict[str, BufferLint] = {}
        self.disk: dict[str, Diagnostic] = {}
        """The problem of an open file on disk (not UTF-8), by URI, found at open and save."""
        self.check_disk: set[str] = set()
        self.config_uris: set[str] = set()
        """Configuration files with a diagnostic published."""
        self.shown_errors: set[str] = set()

    # -- the worker ------------------------------------------------------------------

    async def call(self, function: Callable[..., T], *args: Any) -> T:
        """Run ``function(*args)`` on the worker."""
        return await asyncio.get_running_loop().run_in_executor(self.worker, function, *args)

    def state(self) -> Workspace:
        """The workspace, made on the worker when it is first needed."""
        if self._workspace is None:
            self._workspace = Workspace(self.folders, self.cache_dir)
        return self._workspace

    # -- linting and publishing -------------------------------------------------------------

    def open_uris(self) -> list[str]:
        return list(self.workspace.text_documents)

    async def lint_and_publish(self, uri: str) -> None:
        """Lint the latest text of ``uri`` and publish its diagnostics, unless it changed or
        closed meanwhile (a newer lint is then on its way)."""
        document = self.workspace.text_documents.get(uri)
        if document is None or not _lintable(uri, document.language_id):
            return
        version, text, path = document.version, document.source, _path_of(uri)
        disk = uri in self.check_disk
        self.check_disk.discard(uri)
        try:
            result = await self.call(self._lint, uri, path, text, version, disk)
        except UsageError as exc:
            self.config_error(uri, str(exc))
            return
        except FileTimeout:
            self.results.pop(uri, None)
            self.clear(uri)
            self.show_once(
                f"newslint: linting {path.name} stopped after {FILE_TIME_LIMIT:g} s (the time "
                "limit per file); its findings are not shown; please report it if it is an "
                "ordinary post",
                types.MessageType.Warning,
            )
            return
        except Exception as exc:  # the boundary: report, keep serving
            log.exception("lint failed")
            self.show_once(
                f"newslint failed on {path.name} ({type(exc).__name__}: {exc}); "
                "please report this with the file",
                types.MessageType.Error,
            )
            return
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != version:
            return
        previous = self.results.get(uri)
        self.results[uri] = result
        self.clear_config_errors()
        self.publish(uri, result)
        if result.site is not None and (result.site_changed or previous is None):
            for other in self.open_uris():
                known = self.results.get(other)
                if other != uri and known is not None and known.site == result.site:
                    self.queue.schedule(other, self.debounce)

    def _lint(self, uri: str, path: Path, text: str, version: int | None, disk: bool) -> BufferLint:
        workspace = self.state()
        if disk:
            problem = workspace.disk_problem(path)
            if problem is None:
                self.disk.pop(uri, None)
            else:
                self.disk[uri] = problem
        with time_limit(FILE_TIME_LIMIT):
            return workspace.lint(path, text, version)

    def shown(self, uri: str, result: BufferLint) -> list[Diagnostic]:
        """The diagnostics shown for ``uri``: its lint's, then the file on disk's."""
        problem = self.disk.get(uri)
        shown = result.diagnostics if problem is None else [*result.diagnostics, problem]
        if self.translator.is_source:
            return shown
        return [translated(diagnostic, self.translator) for diagnostic in shown]

    def encoding(self) -> str:
        """The position encoding agreed with the client."""
        return str(self.workspace.position_encoding or "utf-16")

    def positions(self, text: str) -> PositionMap:
        return PositionMap(text, self.encoding())

    def publish(self, uri: str, result: BufferLint) -> None:
        positions = self.positions(result.text)
        diagnostics = [
            lsp_diagnostic(d, n, uri, positions) for n, d in enumerate(self.shown(uri, result))
        ]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=result.version)
        )

    def clear(self, uri: str) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    def lint_open(self, uris: list[str] | None = None, delay: float = 0.0) -> None:
        """Lint the open documents again (all of them, or ``uris``)."""
        for uri in self.open_uris() if uris is None else uris:
            self.queue.schedule(uri, delay)

    async def reload(self, *, fresh: bool = True) -> None:
        """Read the configuration and index the workspace's sites (again, with ``fresh``),
        then lint the open documents; a broken configuration is shown when they are linted."""
        started = time.perf_counter()

        def index() -> int:
            workspace = self.state()
            if fresh:
                workspace.reload()
            return workspace.index()

        try:
            count = await self.call(index)
        except UsageError:
            count = 0  # linting an open document says what is wrong, and where
        seconds = time.perf_counter() - started
        self.window_log_message(
            types.LogMessageParams(
                type=types.MessageType.Info,
                message=f"newslint: indexed {count} content files in {seconds:.2f} s",
            )
        )
        self.lint_open()

    # -- messages to the user ---------------------------------------------------------------

    def show_once(self, message: str, kind: types.MessageType) -> None:
        """Show ``message`` in the editor unless it was shown since the last clean lint."""
        if message in self.shown_errors:
            return
        self.shown_errors.add(message)
        self.window_show_message(types.ShowMessageParams(type=kind, message=message))

    def config_error(self, uri: str, message: str) -> None:
        """A configuration newslint cannot use: said once, marked in the file at fault; the
        document's old findings are cleared, since they may no longer hold."""
        self.show_once(f"newslint: configuration error: {message}", types.MessageType.Error)
        self.results.pop(uri, None)
        self.clear(uri)
        located = config_location(message)
        if located is None:
            return
        path, line, column = located
        config_uri = from_fs_path(os.fspath(path)) or path.as_uri()
        at = types.Position(line=line - 1, character=max(column - 1, 0))
        diagnostic = types.Diagnostic(
            range=types.Range(start=at, end=types.Position(line=line, character=0)),
            message=message,
            severity=types.DiagnosticSeverity.Error,
            source=SOURCE,
        )
        self.config_uris.add(config_uri)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=config_uri, diagnostics=[diagnostic])
        )

    def clear_config_errors(self) -> None:
        for uri in self.config_uris:
            self.clear(uri)
        self.config_uris.clear()
        self.shown_errors.clear()

    # -- the buffer as the features see it -------------------------------------------------

    async def buffer(self, uri: str, *, fresh: bool = True) -> Buffer | None:
        """The open document ``uri`` with a lint of its current text (linted now if the last
        one is older); without ``fresh``, the last lint will do, whatever its version."""
        document = self.workspace.text_documents.get(uri)
        if document is None or not _lintable(uri, document.language_id):
            return None
        result = self.results.get(uri)
        if result is None or (fresh and result.version != document.version):
            try:
                result = await self.call(
                    self._lint, uri, _path_of(uri), document.source, document.version, False
                )
            except (UsageError, FileTimeout):
                return None
            self.results[uri] = result
        return Buffer(uri, result, self.shown(uri, result), self.encoding(), self.translator)

    def versioned_edits(self) -> bool:
        """Whether the client takes workspace edits tied to a document version."""
        capabilities = self.client_capabilities.workspace
        edit = capabilities.workspace_edit if capabilities is not None else None
        return bool(edit is not None and edit.document_changes)


def _path_of(uri: str) -> Path:
    """The file of a document; a buffer never saved is linted as a post in the current
    directory."""
    path = to_fs_path(uri) if uri.startswith("file:") else None
    return Path(path) if path else Path.cwd() / "untitled.md"


def _folders(folders: Sequence[types.WorkspaceFolder]) -> list[Path]:
    """The directories of workspace folders (folders not on this machine's disk left out)."""
    paths = [to_fs_path(folder.uri) for folder in folders]
    return [Path(p) for p in paths if p and Path(p).is_dir()]


def _lintable(uri: str, language: str | None) -> bool:
    """Whether the document is content newslint lints: a file with a content suffix (a client
    may attach the server to its configuration files too), or an unsaved Markdown or HTML
    buffer."""
    if uri.startswith("file:"):
        return _path_of(uri).suffix.lower() in CONTENT_SUFFIXES
    return language in ("markdown", "html")


def _is_config(path: Path) -> bool:
    """A configuration file, or a house-rules file one of them names."""
    return path.name in CONFIG_FILES or path.absolute() in rules_files()


def create_server() -> NewslintServer:
    """The server with every feature it offers registered."""
    server = NewslintServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: NewslintServer, params: types.InitializeParams) -> None:
        options = params.initialization_options
        options = options if isinstance(options, dict) else {}
        debounce = options.get("debounceMs")
        if isinstance(debounce, (int, float)) and debounce >= 0:
            ls.debounce = debounce / 1000
        language = options.get("lang") or params.locale or ""
        ls.translator = translator(supported(str(language)) or SOURCE_LANGUAGE)
        folders = list(params.workspace_folders or [])
        if not folders and params.root_uri:
            folders = [types.WorkspaceFolder(uri=params.root_uri, name="root")]
        ls.folders = _folders(folders)
        if ls.folders:
            # Files are shown relative to the first folder, as a run of the command line there
            # shows them (most clients start the server there anyway).
            os.chdir(ls.folders[0])
        if ls.folders and options.get("cache", True) is not False:
            ls.cache_dir = ls.folders[0]

    @server.feature(types.INITIALIZED)
    async def initialized(ls: NewslintServer, params: types.InitializedParams) -> None:
        watched = ls.client_capabilities.workspace
        dynamic = watched.did_change_watched_files if watched is not None else None
        if dynamic is not None and dynamic.dynamic_registration:
            suffixes = ",".join(s.lstrip(".") for s in sorted(CONTENT_SUFFIXES))
            names = ",".join(sorted(CONFIG_FILES | {"*.yaml", "*.yml"}))
            watchers = [
                types.FileSystemWatcher(glob_pattern=f"**/*.{{{suffixes}}}"),
                types.FileSystemWatcher(glob_pattern=f"**/{{{names}}}"),
            ]
            registration = types.Registration(
                id="newslint-watched-files",
                method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
            )
            ls.client_register_capability(types.RegistrationParams(registrations=[registration]))
        await ls.reload(fresh=False)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: NewslintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.check_disk.add(params.text_document.uri)
        ls.queue.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: NewslintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.queue.schedule(params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: NewslintServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if _is_config(_path_of(uri)):
            await ls.reload()
            return
        ls.check_disk.add(uri)
        ls.queue.schedule(uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: NewslintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.queue.cancel(uri)
        result = ls.results.pop(uri, None)
        ls.disk.pop(uri, None)
        ls.clear(uri)
        if result is not None and result.site is not None:
            # The buffer's unsaved text no longer counts: the site sees the file on disk.
            await ls.call(lambda: ls.state().file_changed(_path_of(uri)))
            ls.lint_open([u for u, r in ls.results.items() if r.site == result.site])

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def watched_files(ls: NewslintServer, params: types.DidChangeWatchedFilesParams) -> None:
        paths = [_path_of(change.uri) for change in params.changes]
        if any(_is_config(p) for p in paths):
            await ls.reload()
            return
        open_uris = set(ls.open_uris())
        changed = [
            p
            for p in paths
            if p.suffix.lower() in CONTENT_SUFFIXES
            and (from_fs_path(os.fspath(p)) or "") not in open_uris
        ]

        def index() -> set[str]:
            roots = {ls.state().file_changed(p) for p in changed}
            return {r for r in roots if r is not None}

        roots = await ls.call(index)
        ls.lint_open([u for u, r in ls.results.items() if r.site in roots])

    @server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    async def folders_changed(
        ls: NewslintServer, params: types.DidChangeWorkspaceFoldersParams
    ) -> None:
        added = _folders(params.event.added)
        removed = set(_folders(params.event.removed))

        def update() -> None:
            workspace = ls.state()
            kept = [f for f in workspace.folders if f not in removed]
            workspace.folders = kept + [f for f in added if f not in kept]

        await ls.call(update)
        await ls.reload(fresh=False)  # indexes the folders added

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL],
            resolve_provider=False,
        ),
    )
    async def code_action(
        ls: NewslintServer, params: types.CodeActionParams
    ) -> list[types.CodeAction] | None:
        buffer = await ls.buffer(params.text_document.uri)
        if buffer is None:
            return None
        return await ls.call(code_actions, buffer, params, ls.versioned_edits())

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def on_hover(ls: NewslintServer, params: types.HoverParams) -> types.Hover | None:
        # The findings the editor shows are those last published: no lint to wait for.
        buffer = await ls.buffer(params.text_document.uri, fresh=False)
        return None if buffer is None else hover(buffer, params.position)

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=TRIGGERS)
    )
    async def completion(
        ls: NewslintServer, params: types.CompletionParams
    ) -> types.CompletionList | None:
        # The current text, with the settings and site vocabulary of the last lint: completion
        # never waits for a lint (a lint of a long post may be running).
        uri = params.text_document.uri
        buffer = await ls.buffer(uri, fresh=False)
        document = ls.workspace.text_documents.get(uri)
        if buffer is None or document is None or buffer.lint.settings is None:
            return None
        positions = ls.positions(document.source)
        offset = positions.offset(params.position)
        found = complete(document.source, offset, buffer.lint.settings, buffer.lint.vocabulary)
        items = [completion_item(s, positions) for s in found]
        return types.CompletionList(is_incomplete=False, items=items)

    return server


def serve() -> None:
    """Speak LSP over standard input and output until the client exits: the event loop on a
    thread of its own, the worker on this one (the main thread)."""
    server = create_server()
    # The event loop reads each message in several steps, each needing the interpreter lock,
    # which a running lint gives up every 5 ms by default: 0.5 ms keeps typing flowing in
    # (a burst of 10 changes during lints: 366 -> 121 ms to its diagnostics, bench/lsp.py).
    sys.setswitchinterval(0.0005)

    def speak() -> None:
        try:
            server.start_io()
        finally:
            server.worker.shutdown()

    threading.Thread(target=speak, name="newslint-lsp", daemon=True).start()
    server.worker.run()
