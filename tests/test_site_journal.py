"""The journal of index entries: parked on disk, given back a site at a time, in their order."""

from __future__ import annotations

from dataclasses import replace

from newslint.site_rules.index import Entry, Located, encode
from newslint.site_rules.journal import Journal


def _entry(site: str, rel: str, path: str = "") -> Entry:
    return Entry(
        path=path or f"{site}/{rel}",
        site=site,
        rel=rel,
        collection="posts",
        draft=False,
        named_as_post=True,
        published=True,
        file_date="2024-01-01",
        date="2024-01-01T00:00:00",
        date_field=None,
        url=f"/{rel}/",
        url_from="site",
        permalink_span=None,
        slug=None,
        title=Located("Tïtle", (4, 9)),
        excerpt=None,
        categories=(Located("news", None),),
        tags=(),
    )


def test_entries_come_back_by_site_owned_first_each_in_order() -> None:
    a1, a2, a3 = _entry("/a", "_posts/1.md"), _entry("/a", "_posts/2.md"), _entry("/a", "x.md")
    a4 = _entry("/a", "_posts/4.md")
    b1, c1 = _entry("/b", "_posts/1.md"), _entry("/c", "_posts/1.md")
    stored = {"k-a2": encode(a2)}
    with Journal() as journal:
        journal.add(a4.path, encode(a4), owned=False, context=True)
        journal.add(a3.path, encode(a3), owned=False)
        journal.add(c1.path, encode(c1), owned=False)
        journal.add(b1.path, encode(b1), owned=True)
        journal.add_stored(a2.path, "k-a2")
        journal.add(a1.path, encode(a1), owned=True)
        sites = list(journal.sites(stored.get, lambda display, owned: None))
    assert sites == [
        ("/a", [a2, a1, a3, a4], {a1.path, a2.path}, {a4.path}),
        ("/b", [b1], {b1.path}, set()),
    ]


def test_a_missing_or_broken_stored_entry_is_rebuilt() -> None:
    good, gone, broken = (_entry("/a", f"_posts/{n}.md") for n in range(3))
    rebuilt = {e.path: replace(e, url="/rebuilt/") for e in (gone, broken)}
    asked: list[tuple[str, bool]] = []

    def rebuild(display: str, owned: bool) -> Entry | None:
        asked.append((display, owned))
        return rebuilt.get(display)

    stored = {"good": encode(good), "broken": '["/a", "not an entry"]'}
    with Journal() as journal:
        journal.add_stored(good.path, "good")
        journal.add_stored(gone.path, "gone")
        journal.add_stored(broken.path, "broken")
        journal.add("/nowhere/x.md", '{"site": 1}', owned=False)
        ((root, entries, owned, _),) = journal.sites(stored.get, rebuild)
    assert (root, owned) == ("/a", {good.path, gone.path, broken.path})
    assert entries == [good, rebuilt[gone.path], rebuilt[broken.path]]
    assert asked == [(gone.path, True), ("/nowhere/x.md", False), (broken.path, True)]


def test_an_empty_journal_has_no_sites() -> None:
    with Journal() as journal:
        assert list(journal.sites(lambda key: None, lambda display, owned: None)) == []
