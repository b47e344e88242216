"""The stripper on current Indonesian news layouts (2023-2024): each fixture against its gold body."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.evaluate.metrics import token_f1

MODERN = Path(__file__).parent / "data" / "strip" / "modern"
CASES = json.loads((MODERN / "gold.json").read_text(encoding="utf-8"))
# Clutter that none of the bodies holds: if it shows up, a rule let it through.
CLUTTER = [
    "ADVERTISEMENT",
    "SCROLL TO CONTINUE",
    "Baca juga",
    "Baca Juga",
    "Gambas",
    "selengkapnya http",
    "Google News",
    "Copyright",
    "Editor",
    "Laporan Wartawan",
    "Artikel ini telah tayang",
    "berlangganan",
    "cookie",
    "Disclaimer",
    "Komentar",
    "Terpopuler",
]


def _name(case: dict[str, str]) -> str:
    return case.get("pasted") or case["page"]


@pytest.mark.parametrize("case", CASES, ids=_name)
def test_modern_fixture_body(case: dict[str, str]) -> None:
    from summarizer import strip

    article = strip((MODERN / _name(case)).read_bytes())
    gold = case["body"].split("\n")
    assert token_f1(article.text, case["body"]) >= 97
    assert article.paragraphs[0] == gold[0], "the lead, dateline included"
    assert article.paragraphs[-1] == gold[-1], "the last paragraph, without initials"
    for clutter in CLUTTER:
        if clutter not in case["body"]:
            assert clutter not in article.text
    assert article.title == case["title"]


@pytest.mark.parametrize("case", CASES, ids=_name)
def test_modern_fixture_language(case: dict[str, str]) -> None:
    from summarizer import strip

    article = strip((MODERN / _name(case)).read_bytes())
    warned = any(w.kind == "language" for w in article.warnings)
    assert warned is (case["lang"] == "en"), (
        "English pages warn; Indonesian ones, quotes and all, do not"
    )


def test_modern_fixtures_cover_the_cases_the_tool_must_handle() -> None:
    names = {_name(c) for c in CASES}
    assert any(n.endswith(".html") for n in names) and any(n.endswith(".txt") for n in names)
    assert any(c["lang"] == "en" for c in CASES)
    assert len({c["site"] for c in CASES}) >= 20
