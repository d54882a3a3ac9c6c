"""The language server end to end: a real JSON-RPC client (pytest-lsp) starts
``newslint server`` over stdio on a copy of the example site and talks to it as an editor."""

from __future__ import annotations

import asyncio
import shutil
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from tests.conftest import EXAMPLES, SEED_NAME, example_site


def _capabilities(encodings: tuple[str, ...] | None) -> types.ClientCapabilities:
    capabilities = client_capabilities("visual-studio-code")
    assert capabilities.workspace is not None
    # Watched files are sent by the tests themselves: no registration to answer.
    capabilities.workspace.did_change_watched_files = types.DidChangeWatchedFilesClientCapabilities(
        dynamic_registration=False
    )
    if encodings is not None:
        capabilities.general = types.GeneralClientCapabilities(position_encodings=encodings)
    return capabilities


async def _start(client: LanguageClient, root: Path, encodings: tuple[str, ...] | None) -> None:
    await client.initialize_session(
        types.InitializeParams(
            capabilities=_capabilities(encodings),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="site")],
            initialization_options={"debounceMs": 20, "cache": False},
        )
    )


CONFIG = ClientServerConfig(server_command=[sys.executable, "-m", "newslint", "server", "--stdio"])


@pytest_lsp.fixture(config=CONFIG)  # type: ignore[untyped-decorator]
async def client(lsp_client: LanguageClient, tmp_path: Path) -> AsyncIterator[LanguageClient]:
    await _start(lsp_client, example_site(tmp_path), None)
    lsp_client.root = tmp_path  # type: ignore[attr-defined]
    yield lsp_client
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG)  # type: ignore[untyped-decorator]
async def utf8_client(lsp_client: LanguageClient, tmp_path: Path) -> AsyncIterator[LanguageClient]:
    await _start(lsp_client, example_site(tmp_path), ("utf-8",))
    lsp_client.root = tmp_path  # type: ignore[attr-defined]
    yield lsp_client
    await lsp_client.shutdown_session()


def _root(client: LanguageClient) -> Path:
    root: Path = client.root  # type: ignore[attr-defined]
    return root


async def _diagnostics(
    client: LanguageClient,
    uri: str,
    until: Callable[[list[types.Diagnostic]], bool] | None = None,
) -> list[types.Diagnostic]:
    """The diagnostics published for ``uri`` since its entry was last dropped (``_forget``),
    once ``until`` holds of them."""
    for _ in range(1500):
        found = client.diagnostics.get(uri)
        if found is not None and (until is None or until(list(found))):
            return list(found)
        await asyncio.sleep(0.02)
    raise AssertionError(f"no diagnostics for {uri}: {client.diagnostics.get(uri)}")


def _forget(client: LanguageClient, *uris: str) -> None:
    """Drop what was published for ``uris``, to wait for what comes next."""
    for uri in uris:
        client.diagnostics.pop(uri, None)


def _open(client: LanguageClient, path: Path, text: str | None = None) -> str:
    uri = path.as_uri()
    _forget(client, uri)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri,
                language_id="markdown",
                version=1,
                text=path.read_text(encoding="utf-8") if text is None else text,
            )
        )
    )
    return uri


def _change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    _forget(client, uri)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def _watched(client: LanguageClient, path: Path, kind: types.FileChangeType) -> None:
    """Tell the server, as an editor's file watcher does, that ``path`` changed on disk."""
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=path.as_uri(), type=kind)])
    )


def _codes(diagnostics: list[types.Diagnostic]) -> list[str]:
    return [str(d.code) for d in diagnostics]


def _by_code(diagnostics: list[types.Diagnostic], code: str) -> types.Diagnostic:
    (found,) = [d for d in diagnostics if d.code == code]
    return found


def _offset(text: str, position: types.Position, encoding: str) -> int:
    """A position of ``text`` counted in ``encoding``'s code units, as a code-point offset."""
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[: position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    units = 0
    for count, ch in enumerate(line):
        if units >= position.character:
            return start + count
        units += len(ch.encode(encoding)) // (2 if encoding == "utf-16-le" else 1)
    return start + len(line)


def _apply(text: str, edits: list[types.TextEdit], encoding: str = "utf-16-le") -> str:
    """``text`` with LSP ``edits`` applied, as an editor applies them (all against the
    original text)."""
    spans = sorted(
        (
            (
                _offset(text, e.range.start, encoding),
                _offset(text, e.range.end, encoding),
                e.new_text,
            )
            for e in edits
        ),
        reverse=True,
    )
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def _edits(action: types.CodeAction, uri: str) -> list[types.TextEdit]:
    edit = action.edit
    assert edit is not None
    if edit.document_changes:
        (change,) = edit.document_changes
        assert isinstance(change, types.TextDocumentEdit)
        assert change.text_document.uri == uri
        return [e for e in change.edits if isinstance(e, types.TextEdit)]
    assert edit.changes is not None
    return list(edit.changes[uri])


@pytest.mark.asyncio
async def test_the_seed_gets_ht001_at_line_32_column_209(client: LanguageClient) -> None:
    uri = _open(client, _root(client) / SEED_NAME)
    found = await _diagnostics(client, uri)
    assert _codes(found) == ["FM020", "FM019", "HT034", "HT001"]
    stray = _by_code(found, "HT001")
    assert stray.range == types.Range(
        start=types.Position(line=31, character=208), end=types.Position(line=31, character=212)
    )
    assert stray.severity == types.DiagnosticSeverity.Error
    assert stray.source == "newslint"
    assert stray.message.startswith("closing tag </b> has nothing to close")


@pytest.mark.asyncio
async def test_the_buffer_gets_what_the_command_line_reports(
    client: LanguageClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newslint.api import lint_paths
    from newslint.options import Options

    root = _root(client)
    # A twin, so that site findings name another file (shown as the command line run from the
    # site's root shows it: the server is started in the workspace folder).
    budget = root / "_posts/2024-06-12-city-council-budget.md"
    (root / "_posts/2024-06-15-budget-again.md").write_text(budget.read_text(encoding="utf-8"))
    monkeypatch.chdir(root)
    for name in (
        "_posts/2024-06-11-central-asia-energy.md",
        "_posts/2024-06-13-weather-warning.md",
        "_posts/2024-06-15-budget-again.md",
    ):
        uri = _open(client, root / name)
        found = await _diagnostics(client, uri)
        (result,) = lint_paths([name], Options(cache_dir=None))
        expected = [
            (d.code, d.message, d.start.line - 1, d.start.column - 1) for d in result.diagnostics
        ]
        shown = [(d.code, d.message, d.range.start.line, d.range.start.character) for d in found]
        assert shown == expected
    assert "_posts/2024-06-12-city-council-budget.md" in found[0].message


@pytest.mark.asyncio
async def test_columns_are_counted_in_the_encoding_the_client_chose(
    client: LanguageClient, utf8_client: LanguageClient
) -> None:
    text = "---\ntitle: 뉴스 😀\n---\n\n😀 한국 <p>x</b></p>\n"
    found = {}
    for name, each in (("utf-16", client), ("utf-8", utf8_client)):
        path = _root(each) / "_posts/2024-02-01-emoji.md"
        path.write_text(text, encoding="utf-8")
        uri = _open(each, path)
        found[name] = _by_code(await _diagnostics(each, uri), "HT001").range.start
    # "😀 한국 <p>x" before </b>: 9 code points, 10 UTF-16 units, 4 + 1 + 6 + 1 + 4 = 16 bytes.
    assert found["utf-16"] == types.Position(line=4, character=10)
    assert found["utf-8"] == types.Position(line=4, character=16)


@pytest.mark.asyncio
async def test_the_latest_text_wins_and_a_closed_document_is_cleared(
    client: LanguageClient,
) -> None:
    path = _root(client) / SEED_NAME
    text = path.read_text(encoding="utf-8")
    uri = _open(client, path)
    assert "HT001" in _codes(await _diagnostics(client, uri))
    fixed = text.replace("했다.</b></p>", "했다.</p>")
    _change(client, uri, 2, fixed.replace("</p>", "</i></p>", 1))
    _change(client, uri, 3, fixed)
    await _diagnostics(client, uri, lambda found: "HT001" not in _codes(found))
    await asyncio.sleep(0.5)  # nothing of version 2 comes after version 3
    assert "HT001" not in _codes(await _diagnostics(client, uri))
    _forget(client, uri)
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert await _diagnostics(client, uri) == []


@pytest.mark.asyncio
async def test_fix_all_gives_the_bytes_of_newslint_fix(client: LanguageClient) -> None:
    from newslint.cli import main

    root = _root(client)
    path = root / SEED_NAME
    text = path.read_text(encoding="utf-8")
    uri = _open(client, path)
    await _diagnostics(client, uri)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(
                start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)
            ),
            context=types.CodeActionContext(diagnostics=[], only=["source.fixAll.newslint"]),
        )
    )
    assert actions is not None
    (fix_all,) = [a for a in actions if isinstance(a, types.CodeAction)]
    assert fix_all.kind == "source.fixAll.newslint"
    in_editor = _apply(text, _edits(fix_all, uri))
    assert main([str(path), "--fix", "--no-cache", "-q"]) in (0, 1)
    assert in_editor.encode("utf-8") == path.read_bytes()
    assert in_editor != text


@pytest.mark.asyncio
async def test_quick_fix_and_disable_line_for_the_stray_tag(client: LanguageClient) -> None:
    path = _root(client) / SEED_NAME
    text = path.read_text(encoding="utf-8")
    uri = _open(client, path)
    stray = _by_code(await _diagnostics(client, uri), "HT001")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=stray.range,
            context=types.CodeActionContext(diagnostics=[stray], only=["quickfix"]),
        )
    )
    assert actions is not None
    titles = [a.title for a in actions if isinstance(a, types.CodeAction)]
    assert titles == ["remove </b> (HT001)", "Disable HT001 (stray-end-tag) for this line"], titles
    quick, disable = (a for a in actions if isinstance(a, types.CodeAction))
    assert quick.is_preferred
    assert _apply(text, _edits(quick, uri)) == text.replace("했다.</b></p>", "했다.</p>")
    silenced = _apply(text, _edits(disable, uri))
    _change(client, uri, 2, silenced)
    found = await _diagnostics(client, uri)
    assert "HT001" not in _codes(found)
    assert "NL101" not in _codes(found)


@pytest.mark.asyncio
async def test_hover_shows_the_rule_documentation(client: LanguageClient) -> None:
    uri = _open(client, _root(client) / SEED_NAME)
    stray = _by_code(await _diagnostics(client, uri), "HT001")
    found = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=stray.range.start
        )
    )
    assert found is not None
    assert isinstance(found.contents, types.MarkupContent)
    assert found.contents.kind == types.MarkupKind.Markdown
    assert found.contents.value.startswith("# HT001 stray-end-tag\n")
    assert found.range == stray.range


@pytest.mark.asyncio
async def test_front_matter_completion_offers_missing_schema_keys(client: LanguageClient) -> None:
    path = _root(client) / "_posts/2024-06-20-draft.md"
    text = "---\ntitle: 새 기사\nim\n---\n\n본문\n"
    path.write_text(text, encoding="utf-8")
    uri = _open(client, path)
    await _diagnostics(client, uri)
    found = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=2, character=2),
        )
    )
    assert isinstance(found, types.CompletionList)
    labels = [item.label for item in found.items]
    assert "image" in labels
    assert "title" not in labels  # already there


@pytest.mark.asyncio
async def test_watched_files_bring_site_clashes_and_take_them_away(
    client: LanguageClient,
) -> None:
    root = _root(client)
    path = root / "_posts/2024-06-12-city-council-budget.md"
    uri = _open(client, path)
    before = await _diagnostics(client, uri)
    assert "SI002" not in _codes(before)
    twin = root / "_posts/2024-06-15-city-council-budget-copy.md"
    twin.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    _forget(client, uri)
    _watched(client, twin, types.FileChangeType.Created)
    clash = await _diagnostics(client, uri, lambda found: "SI002" in _codes(found))
    assert _codes(clash) == [*_codes(before), "SI002", "SI011"]
    twin.unlink()
    _forget(client, uri)
    _watched(client, twin, types.FileChangeType.Deleted)
    assert _codes(await _diagnostics(client, uri, lambda f: "SI002" not in _codes(f))) == _codes(
        before
    )


@pytest.mark.asyncio
async def test_a_broken_configuration_is_shown_not_a_crash(client: LanguageClient) -> None:
    root = _root(client)
    config = root / "newslint.toml"
    config.write_text('schema = "news-post"\nselect = [\n', encoding="utf-8")
    _watched(client, config, types.FileChangeType.Changed)
    uri = _open(client, root / SEED_NAME)
    on_config = await _diagnostics(client, config.as_uri())
    assert len(on_config) == 1 and "not valid TOML" in on_config[0].message
    (message,) = client.messages
    assert message.type == types.MessageType.Error
    assert "newslint.toml" in message.message
    assert uri


@pytest.mark.asyncio
async def test_a_post_that_is_not_utf8_is_reported_and_the_rest_still_linted(
    client: LanguageClient,
) -> None:
    root = _root(client)
    latin = root / "_posts/2024-06-16-latin.md"
    latin.write_bytes("---\ntitle: Café\n---\n\nUn café.\n".encode("latin-1"))
    uri = _open(client, latin, latin.read_bytes().decode("latin-1"))
    found = await _diagnostics(client, uri)
    assert "NL001" in _codes(found)
    other = _open(client, root / SEED_NAME)
    assert "HT001" in _codes(await _diagnostics(client, other))


@pytest.mark.asyncio
async def test_site_rules_judge_the_unsaved_buffer(client: LanguageClient) -> None:
    root = _root(client)
    path = root / "_posts/2024-06-12-city-council-budget.md"
    text = path.read_text(encoding="utf-8")
    uri = _open(client, path)
    before = await _diagnostics(client, uri)
    # A permalink that another post already has, and a link to a post that does not exist.
    clashing = text.replace(
        "image: /assets/img/breaking.gif\n",
        "image: /assets/img/breaking.gif\npermalink: /news/2024/06/11/central-asia-energy.html\n",
    )
    clashing += "\nSee {% post_url 2024-06-01-deleted-story %}.\n"
    _change(client, uri, 2, clashing)
    found = await _diagnostics(client, uri, lambda f: "SI008" in _codes(f))
    assert sorted(set(_codes(found)) - set(_codes(before))) == ["SI001", "SI008"]
    duplicate = _by_code(found, "SI001")
    assert duplicate.range.start == types.Position(line=7, character=11)
    _change(client, uri, 3, text)
    assert _codes(await _diagnostics(client, uri, lambda f: "SI008" not in _codes(f))) == _codes(
        before
    )


@pytest.mark.asyncio
async def test_saving_lints_again_and_configuration_files_are_not_linted(
    client: LanguageClient,
) -> None:
    root = _root(client)
    config = root / "newslint.toml"
    config_uri = _open(client, config)
    path = root / SEED_NAME
    uri = _open(client, path)
    assert "HT001" in _codes(await _diagnostics(client, uri))
    path.write_text(path.read_text(encoding="utf-8").replace("</b></p>", "</p>"), encoding="utf-8")
    _change(client, uri, 2, path.read_text(encoding="utf-8"))
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert "HT001" not in _codes(await _diagnostics(client, uri))
    assert config_uri not in client.diagnostics  # a TOML file is no post: never "no front matter"


@pytest.mark.asyncio
async def test_completion_offers_site_categories_and_post_url_targets(
    client: LanguageClient,
) -> None:
    path = _root(client) / "_posts/2024-06-20-draft.md"
    text = "---\ntitle: 새 기사\ncategories:\n  - \n---\n\n{% post_url 2024-06-1 %}\n"
    path.write_text(text, encoding="utf-8")
    uri = _open(client, path)
    await _diagnostics(client, uri)

    async def labels(line: int, character: int) -> list[str]:
        found = await client.text_document_completion_async(
            types.CompletionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(line=line, character=character),
            )
        )
        assert isinstance(found, types.CompletionList)
        return [item.label for item in found.items]

    assert "News" in await labels(3, 4)
    assert await labels(6, 21) == [
        "2024-06-14-no-front-matter",
        "2024-06-13-weather-warning",
        "2024-06-12-city-council-budget",
        "2024-06-11-central-asia-energy",
    ]


@pytest.mark.asyncio
async def test_a_workspace_folder_added_is_indexed(
    client: LanguageClient, tmp_path_factory: pytest.TempPathFactory
) -> None:
    other = tmp_path_factory.mktemp("other")
    shutil.copytree(EXAMPLES, other, dirs_exist_ok=True)
    client.workspace_did_change_workspace_folders(
        types.DidChangeWorkspaceFoldersParams(
            event=types.WorkspaceFoldersChangeEvent(
                added=[types.WorkspaceFolder(uri=other.as_uri(), name="other")], removed=[]
            )
        )
    )
    for _ in range(500):
        if any(
            m.message.startswith("newslint: indexed 4 content files") for m in client.log_messages
        ):
            break
        await asyncio.sleep(0.02)
    else:
        raise AssertionError([m.message for m in client.log_messages])
    uri = _open(client, other / "_posts/2024-06-13-weather-warning.md")
    # The folder's copy of the example's house rules is the same rules: no clash of codes.
    assert _codes(await _diagnostics(client, uri)) == ["FM010", "FM004", "X003", "X002", "X001"]


@pytest.mark.asyncio
async def test_a_changed_house_rules_file_is_read_again(client: LanguageClient) -> None:
    root = _root(client)
    uri = _open(client, root / "_posts/2024-06-13-weather-warning.md")
    (x002,) = [d for d in await _diagnostics(client, uri) if d.code == "X002"]
    assert (x002.range.start.line, x002.range.start.character) == (9, 72)
    assert x002.message == 'house style writes "percent", not "per cent"'
    rules = root / "newslint-rules.yaml"
    text = rules.read_text(encoding="utf-8")
    rules.write_text(text.replace("house style writes", "our style guide writes"), encoding="utf-8")
    _forget(client, uri)
    _watched(client, rules, types.FileChangeType.Changed)
    new = 'our style guide writes "percent", not "per cent"'
    found = await _diagnostics(client, uri, until=lambda found: new in {d.message for d in found})
    assert [d.message for d in found if d.code == "X002"] == [new]
