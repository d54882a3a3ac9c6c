"""Messages in Korean: the catalogues are complete and in step, and every report says them."""

from __future__ import annotations

import gettext
import json
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from newslint.cli import main
from newslint.i18n import LOCALE_DIR, Translator, environment_language, supported, translator
from newslint.messages import Text, from_data, t, to_data
from tests.conftest import REPO, SEED_NAME, example_site

PO = LOCALE_DIR / "ko" / "LC_MESSAGES" / "newslint.po"
FIELD = re.compile(r"(?<!\{)\{([A-Za-z_]\w*)[^{}]*\}(?!\})")


def _fields(template: str) -> set[str]:
    return set(FIELD.findall(template))


def _catalogue() -> list[tuple[str, str, list[str], bool]]:
    """(msgid, msgstr, locations, fuzzy) of every message; plural forms as separate rows."""
    with PO.open("rb") as stream:
        catalog = read_po(stream, locale="ko")
    rows = []
    for message in catalog:
        if not message.id:
            continue
        places = [place for place, _ in message.locations]
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for msgid in ids:
            for msgstr in strings:
                rows.append((str(msgid), str(msgstr or ""), places, message.fuzzy))
    return rows


def test_the_catalogues_are_in_step_with_the_code() -> None:
    """The template, the .po and the compiled .mo are what scripts/messages.py makes now."""
    done = subprocess.run(
        [sys.executable, "scripts/messages.py", "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_message_and_rule_doc_is_translated_with_the_same_fields() -> None:
    missing, fields = [], []
    for msgid, msgstr, _places, fuzzy in _catalogue():
        if not msgstr or fuzzy:
            missing.append(msgid)
        elif _fields(msgid) != _fields(msgstr):
            fields.append((msgid, msgstr))
    assert missing == []
    assert fields == []


def test_every_rule_doc_reads_in_korean() -> None:
    from newslint.catalogue import catalogue

    tr = translator("ko")
    english = [
        (doc.code, text.strip())
        for doc in catalogue().values()
        for text in (doc.summary, doc.rationale, doc.fix_title)
        if text
    ]
    assert [(code, text) for code, text in english if not _korean(tr.gettext(text))] == []


def _korean(text: str) -> bool:
    return re.search("[가-힣]", text) is not None


def test_a_message_keeps_its_template_through_the_cache_and_processes() -> None:
    inner = t("kramdown prints it as text")
    message = t("closing tag </{name}> has nothing to close: {effect}", name="b", effect=inner)
    assert message == "closing tag </b> has nothing to close: kramdown prints it as text"
    again = from_data(json.loads(json.dumps(to_data(message))))
    assert isinstance(again, Text) and again == message
    assert again.template == message.template and again.args["effect"] == inner
    copied = pickle.loads(pickle.dumps(message))
    assert isinstance(copied, Text) and copied.args == message.args


def test_a_catalogue_whose_fields_differ_says_english_not_a_traceback() -> None:
    class Broken(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return "{counted}개 고칠 수 있음"

    tr = Translator("ko")
    tr._catalogue = Broken()
    message = t("{count} fixable with --fix.", count=3)
    assert tr.say(message) == "3 fixable with --fix."


def test_languages_are_read_from_tags_and_the_environment() -> None:
    assert supported("ko_KR.UTF-8") == "ko" and supported("ko-KR") == "ko"
    assert supported("ja_JP") == "" and supported("en-GB") == "en"
    assert environment_language({"LANG": "ko_KR.UTF-8"}) == "ko"
    assert environment_language({"LC_ALL": "C.UTF-8", "LANG": "ko_KR.UTF-8"}) == ""
    assert environment_language({"LC_MESSAGES": "ko_KR", "LANG": "en_US"}) == "ko"


def _run(
    capsys: pytest.CaptureFixture[str], args: list[str], env: dict[str, str] | None = None
) -> tuple[int, str]:
    """Run the command line with ``env`` set for the run; its exit status and output."""
    saved = {name: os.environ.get(name) for name in env or {}}
    os.environ.update(env or {})
    try:
        code = main(args)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return code, capsys.readouterr().out


SEED_HT001 = (
    "32:209: HT001 닫는 태그 </b>에 대응하는 여는 태그가 없습니다: "
    "kramdown이 이를 글자 그대로 화면에 보여 줍니다"
)


def test_the_seed_in_korean_keeps_its_span(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = example_site(tmp_path)
    post = str(root / SEED_NAME)
    code, out = _run(capsys, ["--no-cache", "--lang", "ko", "--select", "HT001", post])
    assert code == 1
    assert out.splitlines()[0] == f"{post}:{SEED_HT001}"
    assert out.splitlines()[4] == "   = 도움말: </b> 지우기"
    assert out.splitlines()[-2:] == [
        "파일 1개에서 오류 1건을 찾았습니다.",
        "1건은 --fix로 고칠 수 있습니다.",
    ]
    english = _run(capsys, ["--no-cache", "--select", "HT001", "--format", "json", post])[1]
    start = json.loads(english)["diagnostics"][0]["start"]
    assert (start["line"], start["column"]) == (32, 209)


def test_text_reports_follow_the_site_then_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = example_site(tmp_path)
    args = ["--no-cache", "--select", "HT001", str(root / SEED_NAME)]
    english = _run(capsys, args)[1]
    assert english.splitlines()[-2:] == ["Found 1 error in 1 file.", "1 fixable with --fix."]
    korean = _run(capsys, args, {"LANG": "ko_KR.UTF-8"})[1]
    assert korean.splitlines()[0].endswith(SEED_HT001)
    assert _run(capsys, args, {"LC_ALL": "C", "LANG": "ko_KR.UTF-8"})[1] == english
    config = root / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + "lang: ko-KR\n", encoding="utf-8")
    assert _run(capsys, args)[1] == korean
    assert _run(capsys, ["--lang", "en", *args])[1] == english


def test_machine_reports_keep_english_and_add_the_translation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = example_site(tmp_path)
    config = root / "_config.yml"  # a Korean site: the machine formats keep English anyway
    config.write_text(config.read_text(encoding="utf-8") + "lang: ko-KR\n", encoding="utf-8")
    args = ["--no-cache", "--select", "HT001", str(root / SEED_NAME)]
    english = json.loads(_run(capsys, [*args, "--format", "json"])[1])["diagnostics"][0]
    assert "translations" not in english
    korean = json.loads(_run(capsys, [*args, "--format", "json", "--lang", "ko"])[1])
    translated = korean["diagnostics"][0]
    assert translated.pop("translations") == {"ko": SEED_HT001.split(" HT001 ", 1)[1]}
    assert translated == english
    sarif = json.loads(_run(capsys, [*args, "--format", "sarif", "--lang", "ko"])[1])
    result = sarif["runs"][0]["results"][0]
    assert result["message"]["text"] == english["message"]
    assert result["properties"] == {"translations": {"ko": SEED_HT001.split(" HT001 ", 1)[1]}}


def test_a_cached_result_is_said_in_korean_as_a_fresh_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = example_site(tmp_path)
    args = ["--cache-dir", str(tmp_path / "cache"), "--lang", "ko", str(root / SEED_NAME)]
    cold = _run(capsys, args)[1]
    assert any(line.endswith(SEED_HT001) for line in cold.splitlines())
    assert (tmp_path / "cache" / ".newslint_cache").is_dir()
    assert _run(capsys, args)[1] == cold


def test_rule_docs_in_korean(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(capsys, ["rule", "HT001", "--lang", "ko"])
    assert code == 0
    lines = out.splitlines()
    assert lines[:3] == ["# HT001 stray-end-tag", "", "닫는 태그는 열려 있는 요소를 닫아야 합니다."]
    assert "## 이유" in lines
    assert _run(capsys, ["rule", "HT001"])[1].splitlines()[2] == (
        "Every end tag should close an element that is open."
    )
