"""The web UI without a browser: the HTML views, and the handler's input and error paths."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from summarizer.document import Article, Notice, Result, Sentence
from summarizer.ui import views

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _result(*, digest_only: bool = False, evil: str = "") -> Result:
    """A small two-paragraph result: one key sentence per paragraph, one flagged sentence."""
    article = Article(
        paragraphs=[
            f"Harga beras naik 5 persen.{evil} Pedagang mengeluh.",
            "Pemerintah akan menambah stok. Operasi pasar dimulai Senin.",
        ],
        title=f"Harga beras naik{evil}",
        site="Contoh",
        url="https://example.id/berita?a=1&b=2",
        removed=[f"Baca juga: Berita lain{evil}", "Iklan"],
        warnings=[Notice("short", f"The article is short.{evil}")],
    )
    english = [
        ("Rice prices rose 5 percent." + evil, "high", []),
        ("Traders complained.", "low", []),
        ("The government will add stock.", "check", [Notice("number", f"A number differs.{evil}")]),
        ("Market operations start on Monday.", "high", []),
    ]
    places = [(0, 0), (0, 1), (1, 0), (1, 1)]
    sentences = [
        Sentence(source=src, text=text, paragraph=p, index=i, confidence=conf, warnings=warn)
        for (p, i), (text, conf, warn), src in zip(
            places,
            english,
            [
                f"Harga beras naik 5 persen.{evil}",
                "Pedagang mengeluh.",
                "Pemerintah akan menambah stok.",
                "Operasi pasar dimulai Senin.",
            ],
        )
    ]
    keys = [dataclasses.replace(sentences[0], key=0.9), dataclasses.replace(sentences[2], key=0.7)]
    if digest_only:  # only the key sentences have their English
        sentences = [
            s if k in (0, 2) else dataclasses.replace(s, text="", confidence=None, warnings=[])
            for k, s in enumerate(sentences)
        ]
    return Result(
        article=article,
        title=f"Rice prices rise{evil}",
        paragraphs=[] if digest_only else ["x", "y"],
        sentences=sentences,
        key_points=keys,
        summary=[f"Prices rose.{evil}"],
        warnings=[*article.warnings, Notice("long-sentence", "A long sentence was split.")],
        timings={"strip": 0.01, "load": 2.5, "translate": 12.25, "digest": 0.2},
        model="opus-mt",
    )


def _all_views(result: Result) -> list[str]:
    return [
        views.summary_html(result),
        views.run_info_html(result),
        views.key_points_html(result),
        views.side_by_side_html(result),
        views.removed_html(result.article),
    ]


def _column(html: str, element_id: str) -> str:
    """The inner HTML of the section with ``element_id``."""
    match = re.search(rf'<section id="{element_id}"[^>]*>(.*?)</section>', html, re.S)
    assert match, element_id
    return match.group(1)


def test_everything_from_the_input_or_a_model_is_escaped() -> None:
    for html in _all_views(_result(evil=EVIL)):
        assert "<script" not in html and "<img" not in html
        assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.id/a", True),
        ("HTTP://example.id/a", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,<b>x</b>", False),
    ],
)
def test_only_web_addresses_become_links(url: str, linked: bool) -> None:
    result = Result(article=Article(paragraphs=["Isi."], url=url))
    html = views.summary_html(result)
    assert ("<a href=" in html) is linked
    assert "<b>" not in html


def test_key_points_expand_to_their_indonesian_source() -> None:
    html = views.key_points_html(_result())
    items = re.findall(r'<li class="kp".*?</li>', html, re.S)
    assert len(items) == 2
    assert "<details><summary>" in items[0]
    assert "Rice prices rose 5 percent." in items[0]
    assert '<span lang="id">Harga beras naik 5 persen.</span>' in items[0]
    assert 'href="#para-1"' in items[1]
    # The flagged key point says so, with the reason on hover.
    assert "kp-flag" not in items[0]
    assert 'title="A number differs."' in items[1]
    assert "Prices rose." in html  # the abstractive summary follows


def test_key_points_without_any() -> None:
    result = Result(article=Article(paragraphs=["Pendek."]))
    assert "No key points" in views.key_points_html(result)


def test_side_by_side_aligns_paragraphs_and_highlights_key_sentences() -> None:
    html = views.side_by_side_html(_result())
    english = _column(html, "translation-output")
    source = _column(html, "clean-text-output")
    assert english.count('<p class="para') == source.count('<p class="para') == 2
    assert english.count('class="s key') == source.count('class="s key') == 2
    assert 'id="para-0"' in english
    assert "Market operations start on Monday." in english
    assert "Operasi pasar dimulai Senin." in source
    # Each sentence is paired with its translation (hovering one highlights both).
    assert re.findall(r'data-s="([\d-]+)"', english) == re.findall(r'data-s="([\d-]+)"', source)
    # English comes first (left on a wide screen).
    assert html.index("translation-output") < html.index("clean-text-output")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Traders complained.", "The model is not confident of this translation."),
        ("The government will add stock.", "A number differs."),
    ],
)
def test_doubtful_sentences_carry_their_reason_on_hover(text: str, reason: str) -> None:
    english = _column(views.side_by_side_html(_result()), "translation-output")
    span = re.search(rf"<span ([^>]*)>{re.escape(text)}</span>", english)
    assert span, text
    attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', span.group(1)))
    assert "flag" in attrs["class"].split()
    assert reason in attrs["title"]


def test_confident_sentences_are_not_flagged() -> None:
    english = _column(views.side_by_side_html(_result()), "translation-output")
    span = re.search(r"<span([^>]*)>Market operations start on Monday.</span>", english)
    assert span and "title" not in span.group(1) and "flag" not in span.group(1)


def test_digest_only_keeps_paragraphs_aligned() -> None:
    html = views.side_by_side_html(_result(digest_only=True))
    english = _column(html, "translation-output")
    assert "key sentences only" in english
    assert english.count('<p class="para') == 2
    assert "Traders complained." not in english
    assert "Rice prices rose 5 percent." in english
    source = _column(html, "clean-text-output")
    assert "Pedagang mengeluh." in source  # the whole source is still shown


def test_sentences_not_translated_yet_are_shown_from_their_records() -> None:
    """The view reads the pipeline's sentence records (it never splits text again)."""
    from summarizer.segment import sentences

    article = Article(paragraphs=["Satu dua. Tiga empat."])
    html = views.side_by_side_html(
        Result(article=article, sentences=sentences(article.paragraphs)), translating=True
    )
    source = _column(html, "clean-text-output")
    assert source.count('<span class="s" data-s=') == 2
    assert "muted" in _column(html, "translation-output")  # nothing translated: a placeholder


def test_summary_shows_titles_stats_timings_and_grouped_notices() -> None:
    result = _result()
    html = views.summary_html(result) + views.run_info_html(result)
    assert "Rice prices rise" in html and "Harga beras naik" in html
    assert "2 paragraphs, 4 sentences translated by opus-mt." in html
    assert "2 sentences to check" in html
    checks = re.search(r'<details class="checks">.*?</details>', html, re.S)
    assert checks and checks.group(0).count("<li>") == 2
    assert "A number differs." in checks.group(0)
    assert "not confident" in checks.group(0)
    assert "&amp;b=2" in html  # the URL, escaped inside href and text
    for label in ("strip", "load model", "translate", "digest", "total"):
        assert f'<span class="timing-label">{label}</span>' in html
    assert "14.96 s" not in html and "15 s" in html  # total of the four stages
    notes = views.notices_html(
        [Notice("long-sentence", "one"), Notice("long-sentence", "two"), Notice("x", "three")]
    )
    assert notes.count("<li") == 2 and "(and 1 more like it)" in notes


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0.004, "0.00 s"),
        (0.06, "0.06 s"),
        (1.25, "1.2 s"),
        (9.96, "10.0 s"),
        (42.4, "42 s"),
        (125, "2 min 5 s"),
    ],
)
def test_format_seconds(seconds: float, text: str) -> None:
    assert views.format_seconds(seconds) == text


def test_removed_lists_the_boilerplate_in_order() -> None:
    article = _result().article
    html = views.removed_html(article)
    assert html.index("Baca juga") < html.index("Iklan")
    assert "2 blocks" in html
    assert views.removed_label(article) == "Removed from the page (2)"
    assert "stripping was off" in views.removed_label(article, stripped=False)
    assert "Nothing was removed" in views.removed_html(Article(paragraphs=["Isi."]))


# The handler's paths, without a browser (Gradio is imported for gr.Error).


@pytest.fixture(scope="module")
def app_module():
    pytest.importorskip("gradio")
    from summarizer.ui import app

    return app


def _request(app_module, **changes):
    fields = dict(
        mode="paste",
        text="",
        file=None,
        url="",
        strip=True,
        model="opus-mt",
        points=3,
        digest="extractive",
        digest_only=False,
    )
    fields.update(changes)
    return app_module.Request(**fields)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"text": "  \n "}, "nothing to translate"),
        ({"mode": "upload"}, "choose a file"),
        ({"mode": "url"}, "enter the address"),
        ({"mode": "url", "url": "file:///etc/passwd"}, "file"),
        ({"mode": "url", "url": "http://127.0.0.1:1/x"}, "127.0.0.1"),
        ({"text": "Teks.", "model": "not a model!"}, "unknown translation model"),
        ({"text": "Teks.", "points": 50}, "key points must be a whole number from 0 to 20"),
        ({"text": "Beranda\nBerita\nOlahraga\nLogin\nDaftar\nKontak"}, "no article"),
    ],
)
def test_bad_input_becomes_a_clear_error(app_module, changes, message) -> None:
    import gradio as gr

    with pytest.raises(gr.Error) as caught:
        app_module.run_request(_request(app_module, **changes))
    assert message in str(caught.value.message).lower()
    assert "Traceback" not in str(caught.value.message)


def test_an_upload_that_is_not_a_page_is_refused(app_module, tmp_path: Path) -> None:
    import gradio as gr

    path = tmp_path / "photo.png"
    path.write_bytes(b"\x89PNG\r\n")
    with pytest.raises(gr.Error, match=r"give a \.html"):
        app_module.run_request(_request(app_module, mode="upload", file=str(path)))


def test_input_over_the_size_limit_is_refused(app_module) -> None:
    import gradio as gr

    from summarizer.stripping import MAX_INPUT_BYTES

    text = "Harga beras naik lagi. " * (MAX_INPUT_BYTES // 20)
    with pytest.raises(gr.Error) as caught:
        app_module.run_request(_request(app_module, text=text))
    assert caught.value.title == "Input too large"


def test_an_upload_is_read_as_bytes(app_module, tmp_path: Path) -> None:
    from summarizer.sources import Source

    page = tmp_path / "berita.HTML"
    page.write_bytes("<html><body><p>Harga naik.</p></body></html>".encode("latin-1"))
    request = _request(app_module, mode="upload", file=str(page))
    assert app_module.read_source(request) == Source("page", page.read_bytes())


def test_an_uploaded_markdown_file_is_read_as_the_batch_reads_it(
    app_module, tmp_path: Path
) -> None:
    """One loader: the UI reads a .md upload as Markdown, as batch does (no ``#`` left)."""
    from summarizer.pipeline import Options
    from summarizer.sources import read_file, to_article

    path = tmp_path / "berita.md"
    path.write_text(
        "# Harga Cabai Naik\n\nHarga cabai di **Pasar Minggu** naik tajam pekan ini, kata "
        "para pedagang. Pembeli mengeluh karena harga naik dua kali lipat.\n",
        encoding="utf-8",
    )
    request = _request(app_module, mode="upload", file=str(path), strip=False)
    source = app_module.read_source(request)
    assert source == read_file(path)
    article = to_article(source, Options(strip=False))
    assert "#" not in article.text and "**" not in article.text
    assert "Pasar Minggu" in article.text


def test_a_page_fetched_without_stripping_keeps_its_address_and_charset(
    app_module, monkeypatch
) -> None:
    from summarizer.stripping import fetch as fetch_module

    text = "Harga cabai naik – kata pedagang di pasar.\n\nPembeli mengeluh."
    page = fetch_module.Page(
        url="https://berita.example.id/final",
        content=text.encode("cp1252"),
        charset="windows-1252",
        content_type="text/plain",
    )
    monkeypatch.setattr(fetch_module, "fetch", lambda url: page)
    request = _request(app_module, mode="url", url="https://berita.example.id/x", strip=False)
    article = app_module.read_source(request)
    assert article.url == "https://berita.example.id/final"
    assert article.paragraphs == text.split("\n\n")


def test_a_missing_model_says_how_to_get_it(app_module, monkeypatch) -> None:
    import gradio as gr

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    text = (Path(__file__).parent / "data/ui/inews-ev-korea.txt").read_text(encoding="utf-8")
    request = _request(app_module, text=text, model="nobody/no-such-model-here")
    with pytest.raises(gr.Error) as caught:
        app_module.run_request(request)
    assert "summarizer download nobody/no-such-model-here" in caught.value.message
    assert caught.value.title == "Model not available"


def test_the_default_model_comes_from_the_environment(app_module, monkeypatch) -> None:
    monkeypatch.setenv(app_module.MODEL_ENV, "nllb-600m")
    assert app_module.default_model() == "nllb-600m"
    assert app_module.default_model("madlad-3b") == "madlad-3b"
    monkeypatch.delenv(app_module.MODEL_ENV)
    assert app_module.default_model() == "opus-mt"


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ("Rice prices rise 5% in Jakarta!", "rice-prices-rise-5-in-jakarta"),
        ("", ""),
        ("«»", ""),
        ("word " * 40, "-".join(["word"] * 12)),
    ],
)
def test_slug(app_module, title: str, stem: str) -> None:
    assert app_module.slug(title) == stem


def test_downloads_hold_the_result_in_three_formats(app_module, tmp_path: Path) -> None:
    paths = app_module.write_downloads(_result(), tmp_path / "req")
    assert sorted(paths) == ["json", "md", "txt"]
    assert paths["md"].name == "rice-prices-rise.md"
    assert json.loads(paths["json"].read_text(encoding="utf-8"))["title"] == "Rice prices rise"
    assert paths["md"].read_text(encoding="utf-8").startswith("# Rice prices rise")
    assert paths["txt"].read_text(encoding="utf-8").splitlines()[0] == "Rice prices rise"


def test_build_app_loads_no_model_and_keeps_the_stable_ids(app_module, monkeypatch) -> None:
    import summarizer.translate.translator as translator

    def refuse(*args, **kwargs):
        raise AssertionError("build_app loaded a model")

    monkeypatch.setattr(translator, "load_backend", refuse)
    app = app_module.build_app(model="opus-mt")
    config = app.get_config_file()
    ids = {c.get("props", {}).get("elem_id") for c in config["components"]}
    assert {"article-input", "run-button", "key-points-output", "side-by-side"} <= ids
    assert "summarize" in {d.get("api_name") for d in config["dependencies"]}


def test_run_request_with_the_toy_model(app_module, toy_marian_dir: Path, tmp_path: Path) -> None:
    from toy_models import TOY_EXAMPLES

    text = "\n\n".join(source for source, _ in TOY_EXAMPLES[:4])
    request = _request(app_module, text=text, model=str(toy_marian_dir), strip=False, points=2)
    steps: list[str] = []
    result = app_module.run_request(request, lambda stage, done, total: steps.append(stage))
    assert [t for _, t in TOY_EXAMPLES[:4]] == result.paragraphs
    assert len(result.key_points) == 2
    assert "translate" in steps and set(result.timings) >= {"strip", "translate", "digest"}
    html = views.side_by_side_html(result)
    assert _column(html, "translation-output").count('<p class="para') == 4


def _handler_outputs(app_module, tmp_path: Path, monkeypatch, **changes) -> list[tuple]:
    """Every tuple of outputs the Run handler yields for a request."""
    import gradio as gr

    app = app_module.build_app(model="opus-mt")
    monkeypatch.setattr(app, "GRADIO_CACHE", str(tmp_path), raising=False)
    request = _request(app_module, **changes)
    fields = [getattr(request, name) for name in app_module.Request.__dataclass_fields__]
    return list(app_module._handler(app)(*fields, progress=gr.Progress()))


def test_an_error_stays_in_the_result_area_with_its_fix(
    app_module, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    text = (Path(__file__).parent / "data/ui/inews-ev-korea.txt").read_text(encoding="utf-8")
    *_, last = _handler_outputs(
        app_module, tmp_path, monkeypatch, text=text, model="nobody/no-such-model-here"
    )
    summary = last[0]
    assert 'role="alert"' in summary and "Model not available" in summary
    assert "summarizer download nobody/no-such-model-here" in summary
    assert "Options → Translation model" in summary  # where a local folder can be given
    assert "Traceback" not in summary


@pytest.mark.parametrize(
    ("changes", "title", "fix"),
    [
        ({"text": " "}, "Nothing to translate", None),
        ({"mode": "url", "url": "http://127.0.0.1:1/x"}, "Could not fetch the page", "Upload tab"),
        ({"text": "Teks.", "model": "/no/such/folder"}, "Model not available", "Options →"),
    ],
)
def test_every_error_is_shown_on_the_page(
    app_module, tmp_path: Path, monkeypatch, changes, title, fix
) -> None:
    (outputs,) = _handler_outputs(app_module, tmp_path, monkeypatch, **changes)
    assert title in outputs[0] and 'class="error-message"' in outputs[0]
    if fix:
        assert fix in outputs[0]
    assert "No such folder" in outputs[0] or changes.get("model") != "/no/such/folder"


def test_the_handler_streams_the_article_then_the_english_then_the_result(
    app_module, toy_marian_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    from toy_models import TOY_EXAMPLES

    text = "\n\n".join(source for source, _ in TOY_EXAMPLES[:12])
    outputs = _handler_outputs(
        app_module, tmp_path, monkeypatch, text=text, model=str(toy_marian_dir), strip=False
    )
    first, *middle, last = outputs
    # At once: the cleaned Indonesian, no English yet.
    assert "Translating" in first[1] and "pending" in first[3]
    assert TOY_EXAMPLES[0][0] in _column(first[3], "clean-text-output")
    assert TOY_EXAMPLES[0][1] not in first[3]
    # Then the first paragraph in English while the rest is still pending.
    assert middle and TOY_EXAMPLES[0][1] in _column(middle[0][3], "translation-output")
    assert "pending" in middle[0][3]
    # Last: the key points and no placeholder left.
    assert (
        "kp-list" in last[1] and "pending" not in last[3] and "English (translating" not in last[3]
    )
