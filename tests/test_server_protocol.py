"""The server's protocol forgets each notification once handled (pygls 2.1 keeps them all)."""

from __future__ import annotations

import asyncio

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol

from newslint.server.protocol import Protocol


def _kept_after_notifications(protocol: type[LanguageServerProtocol]) -> int:
    server = LanguageServer("test", "0", protocol_cls=protocol)

    async def notify() -> int:
        for _ in range(20):
            server.protocol._handle_notification(
                types.SET_TRACE, types.SetTraceParams(value=types.TraceValue.Off)
            )
        await asyncio.sleep(0.01)  # the handlers' done callbacks run
        return len(server.protocol._request_futures)

    return asyncio.run(notify())


def test_twenty_notifications_leave_nothing_behind() -> None:
    assert _kept_after_notifications(Protocol) == 0


def test_the_leak_it_mends_is_there_without_it() -> None:
    # If pygls stops keeping them, this fails, and newslint.server.protocol can go.
    assert _kept_after_notifications(LanguageServerProtocol) == 20
