"""Tests of the batch runner: inputs, manifest, cache, resume after kill -9, bad files, full disk."""

from __future__ import annotations

import errno
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from summarizer.batch import runner
from summarizer.batch.cache import CACHE_FILE, CachedTranslator, TranslationCache, model_identity
from summarizer.batch.inputs import Unit, discover, read_units, to_article
from summarizer.batch.manifest import DONE, FAILED, SKIPPED, Entry, Manifest
from summarizer.batch.progress import LogReporter, NullReporter, TqdmReporter, reporter_for
from summarizer.batch.runner import OutputError, run_batch, run_folder
from summarizer.cli import main
from summarizer.document import Notice
from summarizer.errors import EmptyInputError, InputError, NoArticleError
from summarizer.pipeline import Options
from summarizer.sources import markdown_text, reflow
from summarizer.translate import Translation

REPO = Path(__file__).resolve().parent.parent

# Sentences the toy model knows (tests/toy_models.py): three paragraphs per article.
_TOY_SENTENCES = [
    "Saya pergi ke pasar pada hari Senin.",
    "Harga naik 5 persen.",
    "Kami membeli 17 buku.",
    "Mereka pergi ke sekolah pada hari Kamis.",
    "Rumah itu besar.",
    "Mobil itu merah.",
    "Saya punya dua rumah.",
    "Ada 3 meja di kantor.",
    "Harga turun 42 persen.",
    "Mereka punya satu kucing.",
    "Kami pergi ke kantor.",
    "Saya melihat anjing kecil.",
]


def toy_article(i: int) -> str:
    """A small article of toy sentences; each article differs (rotation + a number)."""
    s = _TOY_SENTENCES[i % len(_TOY_SENTENCES) :] + _TOY_SENTENCES[: i % len(_TOY_SENTENCES)]
    return (
        f"Kabar Hari Ini {i}\n\n"
        f"{s[0]} {s[1]} {s[2]} Kami membeli {i + 2} buku.\n\n"
        f"{s[3]} {s[4]} {s[5]} {s[6]}\n\n"
        f"{s[7]} {s[8]} {s[9]} {s[10]}\n"
    )


def toy_page(i: int) -> str:
    paragraphs = toy_article(i).split("\n\n")
    body = "".join(f"<p>{p.strip()}</p>" for p in paragraphs[1:])
    return (
        f"<!doctype html><html><head><title>Berita {i}</title></head><body>"
        "<nav><a href='/'>Beranda</a> <a href='/n'>Nasional</a></nav>"
        f"<article><h1>Berita hari ini {i}</h1>{body}</article></body></html>"
    )


class FakeTranslator:
    """A stand-in translator: upper-cases sentences, counts them, fails on 'BOOM'."""

    name = "fake"
    loaded = True

    def __init__(self) -> None:
        self.sentences: list[str] = []

    def load(self) -> None:
        return None

    def translate_sentences(
        self, sentences: Sequence[str], progress: Callable[[int, int], None] | None = None
    ) -> list[Translation]:
        if any("BOOM" in s for s in sentences):
            raise RuntimeError("the model crashed on BOOM")
        self.sentences += sentences
        if progress:
            progress(len(sentences), len(sentences))
        notices = [Notice("test", "a notice")]
        return [Translation(s, s.upper(), -0.25, notices if "17" in s else []) for s in sentences]


class CountingTranslator:
    """Wraps a real translator and counts the sentences it is asked to translate."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.sentences = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def translate_sentences(self, sentences: Sequence[str], progress: Any = None) -> Any:
        self.sentences += len(sentences)
        return self.inner.translate_sentences(sentences, progress=progress)


def write_folder(root: Path, count: int = 6) -> Path:
    """A folder of good inputs: .txt, .html, .md in sub-folders and a .jsonl of records."""
    for i in range(count):
        folder = root / ("sub" if i % 2 else "") / ("deep" if i % 3 == 0 else "")
        folder.mkdir(parents=True, exist_ok=True)
        if i % 3 == 1:
            (folder / f"page{i}.html").write_text(toy_page(i), encoding="utf-8")
        elif i % 3 == 2:
            (folder / f"note{i}.md").write_text("# " + toy_article(i), encoding="utf-8")
        else:
            (folder / f"article{i}.txt").write_text(toy_article(i), encoding="utf-8")
    records = [{"text": toy_article(100 + i), "title": f"Judul {i}"} for i in range(3)]
    (root / "feed.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8"
    )
    return root


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``root``: its bytes and modification time."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def outputs(out_dir: Path) -> dict[str, Any]:
    """The article outputs of a run, JSON without its timings (they differ run to run)."""
    found: dict[str, Any] = {}
    for path in sorted(out_dir.rglob("*")):
        name = path.relative_to(out_dir).as_posix()
        if not path.is_file() or name.startswith(("manifest", ".manifest")) or CACHE_FILE in name:
            continue  # the manifest (timings), its lock, the cache
        data = path.read_bytes()
        if name.endswith(".json"):
            loaded = json.loads(data)
            loaded.pop("timings")
            found[name] = loaded
        else:
            found[name] = data
    return found


def statuses(out_dir: Path) -> dict[str, str]:
    return {k: e.status for k, e in Manifest(out_dir / "manifest.jsonl").entries.items()}


# ---------------------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------------------


def test_discover_recurses_sorts_and_leaves_out_hidden_excluded_and_other_types(
    tmp_path: Path,
) -> None:
    root = tmp_path / "in"
    for name in ["b.html", "a/c.TXT", "a/z.md", ".hidden.txt", ".git/x.txt", "out/o.txt", "x.csv"]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x")
    found = discover(root, exclude=[root / "out"])
    assert [p.relative_to(root).as_posix() for p in found.files] == ["a/c.TXT", "a/z.md", "b.html"]
    assert [p.name for p in found.ignored] == ["x.csv"]


def test_output_names_keep_the_input_suffix_and_record_index() -> None:
    assert Unit("a/page.html", None, "").output("md") == "a/page.html.md"
    assert Unit("feed.jsonl", 3, "").key == "feed.jsonl#3"
    assert Unit("feed.jsonl", 3, "").output("json") == "feed.jsonl.3.json"


def test_jsonl_records_are_articles_with_metadata_and_per_record_errors(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"body": "Teks satu.", "title": "Judul", "url": "https://x.id/1"}),
        "",
        "{not json",
        json.dumps({"title": "no body"}),
        json.dumps(["a", "list"]),
        json.dumps({"body": 42}),
    ]
    path.write_text("\n".join(lines) + "\n")
    units = list(read_units(path, tmp_path, field="body"))
    assert [u.record for u in units] == [0, 1, 2, 3, 4]
    assert units[0].payload == "Teks satu."
    assert units[0].metadata == {"title": "Judul", "url": "https://x.id/1"}
    assert units[0].error is None
    assert "not valid JSON" in str(units[1].error)
    assert "has no 'body' field" in str(units[2].error) and "--field" in str(units[2].error)
    assert "not an object" in str(units[3].error)
    assert "non-text" in str(units[4].error)
    assert len({u.sha256 for u in units}) == 5


@pytest.mark.parametrize(
    ("content", "records", "error"),
    [
        ('[{"text": "a"}, {"text": "b"}]', 2, None),
        ('{"text": "a"}', 1, None),
        ("[]", 1, "no records"),
        ("{oops", 1, "not valid JSON"),
        (b'{"text": "\xff\xfe\x00"}', 1, "not valid UTF-8"),
    ],
)
def test_json_files(tmp_path: Path, content: str | bytes, records: int, error: str | None) -> None:
    path = tmp_path / "a.json"
    if isinstance(content, str):
        path.write_text(content)
    else:
        path.write_bytes(content)
    units = list(read_units(path, tmp_path))
    assert len(units) == records
    if error is None:
        assert all(u.error is None for u in units)
    else:
        assert error in str(units[0].error)


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("# Judul\n\nTeks **tebal** dan *miring*.", "Judul\n\nTeks tebal dan miring."),
        ("Lihat [tautan](https://x.id) ini. ![foto](a.png)", "Lihat tautan ini. "),
        ("---\ntitle: Berita\n---\n> Kutipan `kode`.", "Berita\n\nKutipan kode."),
        ("- satu\n- dua\n\n***\n", "satu\ndua\n\n\n"),
        ("snake_case_name tetap", "snake_case_name tetap"),
    ],
)
def test_markdown_text(markdown: str, expected: str) -> None:
    assert markdown_text(markdown) == expected


def test_reflow_joins_wrapped_pdf_lines_into_paragraphs() -> None:
    page = (
        "Banjir merendam ratusan rumah di Kecamatan Cileungsi pada Senin pagi dan\n"
        "anak-anak diungsikan ke sekolah terdekat oleh petugas setempat. Air naik\n"
        "cepat sekali.\n"
        "Kata dia, warga dievakuasi ke masjid dan sekolah di sekitar lokasi banjir itu\n"
        "oleh anak-\n"
        "anak muda setempat.\n"
    )
    paragraphs = reflow(page).split("\n\n")
    assert paragraphs[0].endswith("Air naik cepat sekali.")
    assert "pagi dan anak-anak" in paragraphs[0]
    assert paragraphs[1].endswith("oleh anak-anak muda setempat.")
    assert len(paragraphs) == 2


def _pdf(lines: Sequence[str], title: str | None = None) -> bytes:
    """A minimal one-page PDF with a Helvetica text layer (or none, for no lines)."""
    text = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({line}) Tj T*" for line in lines) + " ET"
    stream = text.encode("latin-1") if lines else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Title (%s) >>" % (title or "").encode(),
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def _docx(path: Path, title: str, paragraphs: Sequence[str]) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.save(str(path))


def test_docx_and_pdf_give_their_text_and_title(tmp_path: Path) -> None:
    _docx(tmp_path / "a.docx", "Judul Dokumen", ["Paragraf satu.", "Paragraf dua."])
    (tmp_path / "b.pdf").write_bytes(_pdf(["Baris pertama.", "Baris kedua."], title="Judul PDF"))
    (docx_unit,) = read_units(tmp_path / "a.docx", tmp_path)
    (pdf_unit,) = read_units(tmp_path / "b.pdf", tmp_path)
    assert docx_unit.error is None and pdf_unit.error is None
    assert docx_unit.payload == "Judul Dokumen\n\nParagraf satu.\n\nParagraf dua."
    assert docx_unit.metadata == {"title": "Judul Dokumen"}
    assert isinstance(pdf_unit.payload, str) and "Baris pertama." in pdf_unit.payload
    assert "Baris kedua." in pdf_unit.payload
    assert pdf_unit.metadata == {"title": "Judul PDF"}


def test_record_metadata_fills_what_the_stripper_did_not_find() -> None:
    unit = Unit("f.jsonl", 0, "x", "page", toy_article(1), {"title": "Dari Rekaman", "url": "u"})
    article = to_article(unit, Options(strip=False))
    assert article.title == "Dari Rekaman"
    assert article.url == "u"
    with pytest.raises(EmptyInputError):
        to_article(Unit("e.txt", None, "", error=EmptyInputError("empty")), Options())


# ---------------------------------------------------------------------------------------
# Manifest
# ---------------------------------------------------------------------------------------


def _entry(key: str, status: str = DONE, sha: str = "s") -> Entry:
    return Entry(key, None, sha, "c", status, outputs=[f"{key}.md"])


def test_manifest_last_line_wins_and_a_torn_last_line_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "manifest.jsonl"
    manifest = Manifest(path)
    manifest.append(_entry("a", FAILED))
    manifest.append(_entry("b"))
    manifest.append(_entry("a", DONE, sha="t"))
    with path.open("ab") as handle:
        handle.write(b'{"input": "c", "record": nu')  # killed mid-line
    again = Manifest(path)
    assert {k: (e.status, e.sha256) for k, e in again.entries.items()} == {
        "a": (DONE, "t"),
        "b": (DONE, "s"),
    }
    again.append(_entry("c"))  # starts a fresh line after the torn one
    assert set(Manifest(path).entries) == {"a", "b", "c"}
    again.compact(["c", "a"])
    lines = path.read_text().splitlines()
    assert [json.loads(line)["input"] for line in lines] == ["c", "a", "b"]


def test_manifest_is_done_needs_same_content_options_and_outputs(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path / "manifest.jsonl")
    manifest.append(_entry("a"))
    assert not manifest.is_done("a", "s", "c", tmp_path)  # output missing
    (tmp_path / "a.md").write_text("x")
    assert manifest.is_done("a", "s", "c", tmp_path)
    assert not manifest.is_done("a", "changed", "c", tmp_path)
    assert not manifest.is_done("a", "s", "other options", tmp_path)
    assert not manifest.is_done("b", "s", "c", tmp_path)


# ---------------------------------------------------------------------------------------
# Cache
# ---------------------------------------------------------------------------------------


def test_cached_translator_translates_each_sentence_once_and_persists(tmp_path: Path) -> None:
    fake = FakeTranslator()
    with TranslationCache(tmp_path / "c.sqlite") as cache:
        cached = CachedTranslator(fake, cache)  # type: ignore[arg-type]
        first = cached.translate_sentences(["Satu.", "Kami membeli 17 buku.", "Satu."])
        assert fake.sentences == ["Satu.", "Kami membeli 17 buku."]
        assert [t.text for t in first] == ["SATU.", "KAMI MEMBELI 17 BUKU.", "SATU."]
    with TranslationCache(tmp_path / "c.sqlite") as cache:
        cached = CachedTranslator(fake, cache)  # type: ignore[arg-type]
        again = cached.translate_sentences(["Kami membeli 17 buku.", "Dua."])
        assert fake.sentences[2:] == ["Dua."]
        assert again[0] == first[1]  # text, score and notices round-trip exactly
        assert cached.translate(["Satu. Dua.\n\nSatu."]) == ["SATU. DUA.\n\nSATU."]
        assert fake.sentences[3:] == []
        assert (cached.hits, cached.misses) == (3, 1)
        assert len(cache) == 3


def test_cache_key_follows_model_and_decoding(toy_marian_dir: Path) -> None:
    from summarizer.translate import Translator

    greedy = model_identity(Translator(str(toy_marian_dir), beams=1, device="cpu"))
    beam = model_identity(Translator(str(toy_marian_dir), beams=4, device="cpu"))
    assert greedy != beam
    assert greedy["source"] == str(toy_marian_dir.resolve())
    assert any(name == "config.json" for name, _, _ in greedy["files"])


# ---------------------------------------------------------------------------------------
# The runner, with a stand-in translator
# ---------------------------------------------------------------------------------------


def run(root: Path, out: Path, translator: Any = None, **kwargs: Any) -> runner.Summary:
    kwargs.setdefault("formats", ("md", "json", "txt"))
    return run_folder(root, out, Options(), translator=translator or FakeTranslator(), **kwargs)


def test_folder_is_mirrored_and_inputs_untouched_and_nothing_written_elsewhere(
    tmp_path: Path,
) -> None:
    root = write_folder(tmp_path / "in")
    before = snapshot(root)
    summary = run(root, tmp_path / "out")
    assert (summary.done, summary.failed, summary.skipped, summary.stopped) == (9, 0, 0, None)
    assert summary.exit_code == 0
    assert snapshot(root) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]
    out = tmp_path / "out"
    assert (out / "sub/page1.html.md").is_file()
    assert (out / "deep/article0.txt.json").is_file()
    assert (out / "sub/deep/article3.txt.txt").is_file()
    assert (out / "feed.jsonl.2.md").is_file()
    assert set(statuses(out).values()) == {DONE}
    record = json.loads((out / "feed.jsonl.1.json").read_text())
    assert record["article"]["title"] == "Judul 1"
    assert record["paragraphs"][0] == record["article"]["paragraphs"][0].upper()
    assert set(record["timings"]) >= {"strip", "translate"}
    assert "timings" not in (out / "feed.jsonl.1.md").read_text()


def test_rerun_skips_done_and_cache_answers_when_outputs_are_redone(tmp_path: Path) -> None:
    root = write_folder(tmp_path / "in")
    run(root, tmp_path / "out")
    fake = FakeTranslator()
    summary = run(root, tmp_path / "out", fake)
    assert (summary.done, summary.skipped, summary.failed) == (0, 9, 0)
    # Other formats: every article is redone, every sentence comes from the cache.
    summary = run(root, tmp_path / "out", fake, formats=("md",))
    assert (summary.done, summary.skipped) == (9, 0)
    assert fake.sentences == []
    # A changed input is redone, alone.
    (root / "sub/page1.html").write_text(toy_page(50), encoding="utf-8")
    summary = run(root, tmp_path / "out", fake, formats=("md",))
    assert (summary.done, summary.skipped) == (1, 8)
    assert fake.sentences and all(s in toy_page(50) for s in fake.sentences)


def test_no_cache_translates_again(tmp_path: Path) -> None:
    root = write_folder(tmp_path / "in", count=2)
    run(root, tmp_path / "out", use_cache=False)
    assert not (tmp_path / "out" / CACHE_FILE).exists()
    fake = FakeTranslator()
    run(root, tmp_path / "out", fake, use_cache=False, formats=("md",))
    assert fake.sentences


def write_bad_files(root: Path) -> dict[str, str]:
    """Every kind of bad input, with the error (or reason) each should get."""
    root.mkdir(parents=True, exist_ok=True)
    from summarizer.stripping.decode import MAX_INPUT_BYTES

    files: dict[str, tuple[bytes, str]] = {
        "empty.txt": (b"", "EmptyInputError"),
        "blank.md": (b"   \n\n \n", "EmptyInputError"),
        "nul.html": (b"<html>\x00\x00\x00" * 50, "BinaryInputError"),
        "image.htm": (b"\x89PNG\r\n\x1a\n" + bytes(200), "BinaryInputError"),
        "mojibake.txt": (bytes(range(0x80, 0x100)) * 50, "EncodingError"),
        "menu.html": (
            b"<html><body><nav><ul><li><a href='/'>Beranda</a></li>"
            b"<li><a href='/n'>Nasional</a></li></ul></nav></body></html>",
            "NoArticleError",
        ),
        "huge.txt": (b"a" * (MAX_INPUT_BYTES + 1), "InputTooLargeError"),
        "broken.docx": (b"PK\x03\x04 not really a zip", "BinaryInputError"),
        "scan.pdf": (_pdf([]), "NoArticleError"),
        "broken.pdf": (b"%PDF-1.4 garbage", "BinaryInputError"),
        "bad.json": (b"{oops", "InputError"),
        "crash.txt": (toy_article(7).replace("Rumah itu besar.", "BOOM besar.").encode(), ""),
    }
    for name, (data, _) in files.items():
        (root / name).write_bytes(data)
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff" + bytes(10))
    (root / "good.txt").write_text(toy_article(1), encoding="utf-8")
    (root / "feed.jsonl").write_text(
        json.dumps({"text": toy_article(2)}) + "\n{broken\n" + json.dumps({"txt": "x"}) + "\n"
    )
    expected = {name: error for name, (_, error) in files.items()}
    expected.update({"feed.jsonl#1": "InputError", "feed.jsonl#2": "InputError"})
    expected["crash.txt"] = "RuntimeError"
    return expected


def test_every_kind_of_bad_file_is_recorded_and_the_run_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = write_bad_files(tmp_path / "in")
    fake = FakeTranslator()
    monkeypatch.setattr(runner, "_translator", lambda options, batch_size: fake)
    code = main(["batch", str(tmp_path / "in"), str(tmp_path / "out"), "--no-progress"])
    assert code == 1
    entries = Manifest(tmp_path / "out" / "manifest.jsonl").entries
    assert {k: e.error for k, e in entries.items() if e.status == FAILED} == expected
    assert all(e.reason for e in entries.values() if e.status == FAILED)
    assert entries["good.txt"].status == DONE and entries["feed.jsonl#0"].status == DONE
    assert entries["photo.jpg"].status == SKIPPED
    err = capsys.readouterr().err
    assert (
        f"2 done, 1 skipped (0 already done, 1 not a supported type), {len(expected)} failed" in err
    )
    assert "failed: empty.txt: The file is empty." in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("layout", "message"),
    [
        ("missing", "does not exist"),
        ("same", "is the articles folder"),
        ("inside-out", "is inside the output folder"),
        ("empty", "holds no file to translate"),
        ("out-is-file", "is a file"),
    ],
)
def test_usage_errors_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], layout: str, message: str
) -> None:
    articles, out = tmp_path / "in", tmp_path / "out"
    if layout != "missing":
        articles.mkdir()
    if layout not in ("empty", "missing"):
        (articles / "a.txt").write_text(toy_article(1))
    if layout == "same":
        out = articles
    elif layout == "inside-out":
        articles, out = tmp_path / "in", tmp_path
    elif layout == "out-is-file":
        out.write_text("x")
    assert main(["batch", str(articles), str(out), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_bad_options_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_folder(tmp_path / "in", count=1)
    args = ["batch", str(tmp_path / "in"), str(tmp_path / "out"), "--no-progress"]
    assert main([*args, "--format", "md,pdf"]) == 2
    assert "choose among md, json, txt" in capsys.readouterr().err
    assert main([*args, "--articles-per-group", "0"]) == 2
    assert main([*args, "--batch-size", "0"]) == 2


def test_output_folder_inside_the_articles_folder_is_not_read(tmp_path: Path) -> None:
    root = write_folder(tmp_path / "in", count=2)
    first = run(root, root / "translated")
    second = run(root, root / "translated")
    assert first.done == 5 and (second.done, second.skipped) == (0, 5)
    assert not any("translated" in k for k in statuses(root / "translated"))


def test_a_group_that_fails_is_retried_article_by_article(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    for i in range(4):
        text = toy_article(i)
        (root / f"a{i}.txt").write_text(
            text.replace("Mobil itu merah.", "BOOM.") if i == 2 else text
        )
    summary = run(root, tmp_path / "out", articles_per_group=4)
    assert (summary.done, summary.failed) == (3, 1)
    assert summary.failures == [("a2.txt", "RuntimeError: the model crashed on BOOM")]


# ---------------------------------------------------------------------------------------
# Write failures: read-only folder, full disk
# ---------------------------------------------------------------------------------------


def test_read_only_output_folder_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_folder(tmp_path / "in", count=1)
    out = tmp_path / "out"
    out.mkdir()
    real_open = Path.open

    def read_only(self: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if self.parent == out and any(c in mode for c in "wax"):
            raise OSError(errno.EROFS, "Read-only file system", str(self))
        return real_open(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", read_only)
    assert main(["batch", str(tmp_path / "in"), str(out), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert "read-only file system" in err and "Choose a writable output folder" in err
    assert "Traceback" not in err
    assert list(out.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through permissions")
def test_output_folder_without_write_permission(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # pragma: no cover - the CI runs as root
    write_folder(tmp_path / "in", count=1)
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        assert main(["batch", str(tmp_path / "in"), str(out), "--no-progress"]) == 2
        assert "Permission denied" in capsys.readouterr().err
    finally:
        out.chmod(0o755)


def test_full_disk_stops_cleanly_and_the_next_run_resumes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_folder(tmp_path / "in")
    run(root, tmp_path / "clean")
    real_write = runner.write_atomic
    calls = {"n": 0}

    def filling(path: Path, data: str | bytes) -> None:
        calls["n"] += 1
        if calls["n"] > 7:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real_write(path, data)

    monkeypatch.setattr(runner, "write_atomic", filling)
    fake = FakeTranslator()
    monkeypatch.setattr(runner, "_translator", lambda options, batch_size: fake)
    args = ["batch", str(root), str(tmp_path / "out"), "--format", "md,json,txt"]
    assert main([*args, "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert "The disk is full" in err and "run the same command again" in err
    assert "Traceback" not in err
    assert list(statuses(tmp_path / "out").values()) == [DONE, DONE]
    monkeypatch.setattr(runner, "write_atomic", real_write)
    assert main([*args, "--no-progress"]) == 0
    assert outputs(tmp_path / "out") == outputs(tmp_path / "clean")


@pytest.fixture
def tiny_tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 160 KiB tmpfs, for a real full disk; skipped where mounting is not allowed."""
    mount = tmp_path / "tmpfs"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=160k", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_real_full_disk_on_a_tiny_tmpfs(tiny_tmpfs: Path, tmp_path: Path) -> None:
    root = write_folder(tmp_path / "in", count=40)
    run(root, tmp_path / "clean")
    first = run(root, tiny_tmpfs / "out")
    assert first.stopped is not None and "disk is full" in first.stopped
    assert first.exit_code == 1
    assert 0 < first.done < 43
    subprocess.run(["mount", "-o", "remount,size=16m", str(tiny_tmpfs)], check=True)
    second = run(root, tiny_tmpfs / "out")
    assert second.stopped is None and second.skipped >= first.done - 1
    assert outputs(tiny_tmpfs / "out") == outputs(tmp_path / "clean")


def test_stale_temp_files_of_a_killed_write_are_removed(tmp_path: Path) -> None:
    root = write_folder(tmp_path / "in", count=1)
    out = tmp_path / "out"
    (out / "deep").mkdir(parents=True)
    stale = out / "deep" / ".article0.txt.md.ab_cd123.tmp"
    stale.write_text("half")
    compacting = out / ".manifest.jsonl.x1y2z3w4.tmp"
    compacting.write_text("half")
    others = [out / "deep" / ".notes.tmp", out / ".other.txt.md.ab_cd123.tmp"]
    for path in others:
        path.write_text("not ours")
    run(root, out)
    assert not stale.exists() and not compacting.exists()
    assert all(path.exists() for path in others)


# ---------------------------------------------------------------------------------------
# Progress
# ---------------------------------------------------------------------------------------


def test_a_second_run_on_the_same_folder_is_refused_while_one_runs(tmp_path: Path) -> None:
    import fcntl

    root = write_folder(tmp_path / "in", count=1)
    out = tmp_path / "out"
    out.mkdir()
    with (out / ".manifest.jsonl.lock").open("a") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        with pytest.raises(OutputError, match="Another batch is writing"):
            run(root, out)
    assert run(root, out).done == 4


def test_log_reporter_prints_rates_and_eta() -> None:
    stream = io.StringIO()
    reporter = LogReporter(stream, every=0.0)
    reporter.start(4)
    reporter.advance(1, worked=False)
    reporter.advance(1, 20)
    reporter.close()
    lines = stream.getvalue().splitlines()
    assert lines[0] == "batch: 4 articles to consider"
    assert lines[-1].startswith("batch: 2/4 articles (50%)")
    assert "articles/s" in lines[-1] and "sentences/s" in lines[-1] and "ETA" in lines[-1]


def test_reporter_for_picks_a_bar_only_on_a_terminal() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert isinstance(reporter_for(Tty()), TqdmReporter)
    assert isinstance(reporter_for(io.StringIO()), LogReporter)
    assert isinstance(reporter_for(Tty(), enabled=False), NullReporter)
    bar = TqdmReporter(Tty())
    bar.start(2)
    bar.advance(2, 10)
    bar.close()
    assert "2/2" in bar.stream.getvalue()  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------------------
# With the trained toy model: real translations, kill -9 and resume
# ---------------------------------------------------------------------------------------


@pytest.fixture
def one_thread(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """One torch thread: on a shared 2-core machine, more threads only contend."""
    import torch

    monkeypatch.setenv("OMP_NUM_THREADS", "1")  # the model loader honours it
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def toy_args(root: Path, out: Path, model: Path) -> list[str]:
    return [
        "batch",
        str(root),
        str(out),
        "--model",
        str(model),
        "--device",
        "cpu",
        "--backend",
        "transformers",  # the reference backend: these tests check the batch, not backends
        "--beams",
        "1",
        "--articles-per-group",
        "2",
        "--format",
        "md,json,txt",
        "--no-progress",
    ]


def test_toy_model_batch_translates_and_second_run_translates_nothing(
    tmp_path: Path, toy_marian_dir: Path, one_thread: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from summarizer.translate import Translator

    root = write_folder(tmp_path / "in", count=3)
    assert main(toy_args(root, tmp_path / "out", toy_marian_dir)) == 0
    text = (tmp_path / "out" / "deep" / "article0.txt.txt").read_text()
    assert "I go to the market on Monday." in text
    assert "The price rose 5 percent." in text
    counting = CountingTranslator(
        Translator(str(toy_marian_dir), beams=1, device="cpu", backend="transformers")
    )
    monkeypatch.setattr(runner, "_translator", lambda options, batch_size: counting)
    (tmp_path / "out" / "deep" / "article0.txt.md").unlink()  # one article to redo
    assert main(toy_args(root, tmp_path / "out", toy_marian_dir)) == 0
    assert counting.sentences == 0
    assert (tmp_path / "out" / "deep" / "article0.txt.md").is_file()


def _wait_for_done(out: Path, count: int, process: subprocess.Popen[bytes]) -> None:
    """Wait until ``count`` articles are in the manifest (or the process ends)."""
    deadline = time.monotonic() + 300
    manifest = out / "manifest.jsonl"
    while time.monotonic() < deadline and process.poll() is None:
        if manifest.is_file() and manifest.read_bytes().count(b'"done"') >= count:
            return
        time.sleep(0.005)


@pytest.mark.slow
def test_kill_9_at_any_moment_then_resume_gives_the_uninterrupted_outputs(
    tmp_path: Path, toy_marian_dir: Path, one_thread: None
) -> None:
    root = write_folder(tmp_path / "in", count=24)
    before = snapshot(root)
    assert main(toy_args(root, tmp_path / "clean", toy_marian_dir)) == 0

    out = tmp_path / "out"
    command = [sys.executable, "-m", "summarizer", *toy_args(root, out, toy_marian_dir)]
    env = {**os.environ, "PYTHONPATH": str(REPO), "OMP_NUM_THREADS": "1"}
    killed_mid_run = 0
    for wanted in (1, 9):  # kill early, then again later in the resumed run
        process = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
        _wait_for_done(out, wanted, process)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed_mid_run += 1
        process.wait()
    assert killed_mid_run >= 1, "the run finished before it could be killed"
    partial = statuses(out)
    assert 0 < sum(s == DONE for s in partial.values()) < 27

    resumed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert resumed.returncode == 0, resumed.stderr
    assert "already done" in resumed.stderr
    assert outputs(out) == outputs(tmp_path / "clean")
    assert statuses(out) == statuses(tmp_path / "clean")
    assert not list(out.rglob("*.tmp"))
    assert snapshot(root) == before


def test_cache_file_is_shared_between_runs_via_cache_dir(tmp_path: Path) -> None:
    root = write_folder(tmp_path / "in", count=2)
    run(root, tmp_path / "a", cache_dir=tmp_path / "cache")
    assert (tmp_path / "cache" / CACHE_FILE).is_file()
    assert not (tmp_path / "a" / CACHE_FILE).exists()
    fake = FakeTranslator()
    run(root, tmp_path / "b", fake, cache_dir=tmp_path / "cache")
    assert fake.sentences == []
    assert outputs(tmp_path / "a") == outputs(tmp_path / "b")


def test_unwritable_cache_is_an_output_error(tmp_path: Path) -> None:
    root = write_folder(tmp_path / "in", count=1)
    (tmp_path / "cachefile").write_text("a file where the cache folder should be")
    with pytest.raises(OutputError, match="--no-cache"):
        run(root, tmp_path / "out", cache_dir=tmp_path / "cachefile")


def test_run_batch_on_a_shard_and_a_shard_manifest(tmp_path: Path) -> None:
    root = write_folder(tmp_path / "in")
    files = discover(root).files
    shards = [files[0::2], files[1::2]]
    for number, shard in enumerate(shards):
        summary = run_batch(
            shard,
            root,
            tmp_path / "out",
            translator=FakeTranslator(),  # type: ignore[arg-type]
            manifest_name=f"manifest-{number}.jsonl",
        )
        assert summary.failed == 0
    keys = set(Manifest(tmp_path / "out" / "manifest-0.jsonl").entries)
    keys |= set(Manifest(tmp_path / "out" / "manifest-1.jsonl").entries)
    assert len(keys) == 9
    run(root, tmp_path / "whole", formats=("md", "json"))
    assert outputs(tmp_path / "out") == outputs(tmp_path / "whole")


def test_input_error_reasons_say_what_to_do(tmp_path: Path) -> None:
    expected = write_bad_files(tmp_path / "in")
    summary = run(tmp_path / "in", tmp_path / "out")
    reasons = dict(summary.failures)
    assert set(reasons) == set(expected)
    assert "--field" in reasons["feed.jsonl#2"]
    assert "OCR" in reasons["scan.pdf"]
    assert "MiB" in reasons["huge.txt"]
    assert isinstance(NoArticleError("x"), InputError)


def test_cache_write_failure_is_an_os_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    with TranslationCache(tmp_path / "c.sqlite") as cache:

        class Full:
            def execute(self, sql: str, *args: Any) -> Any:
                if sql.startswith("BEGIN"):
                    raise sqlite3.OperationalError("database or disk is full")
                return None

            in_transaction = False

        monkeypatch.setattr(cache, "_db", Full())
        with pytest.raises(OSError) as info:
            cache.put_many("m", "{}", [Translation("a", "b")])
        assert info.value.errno == errno.ENOSPC
        monkeypatch.undo()


def test_a_fully_cached_rerun_never_loads_the_model(tmp_path: Path) -> None:
    root = write_folder(tmp_path / "in", count=2)
    run(root, tmp_path / "out")

    class Unloadable(FakeTranslator):
        loaded = False

        def load(self) -> None:
            raise AssertionError("the model was loaded")

    summary = run(root, tmp_path / "out", Unloadable(), formats=("txt",))
    assert (summary.done, summary.failed) == (5, 0)


def test_digest_only_translates_only_key_points_and_counts_as_other_options(
    tmp_path: Path,
) -> None:
    root = write_folder(tmp_path / "in", count=1)
    run(root, tmp_path / "out")
    fake = FakeTranslator()
    summary = run_folder(
        root,
        tmp_path / "out",
        Options(digest_only=True, points=2),
        ("md", "json", "txt"),
        translator=fake,
        use_cache=False,
    )
    assert (summary.done, summary.skipped) == (4, 0)  # other options: redone, not skipped
    result = json.loads((tmp_path / "out" / "feed.jsonl.0.json").read_text())
    assert result["paragraphs"] == [] and len(result["key_points"]) == 2
    assert all(k["text"] == k["source"].upper() for k in result["key_points"])
    assert len(fake.sentences) < 4 * 12  # key points and titles, not every sentence


def test_failure_reasons_are_worded_for_a_batch(tmp_path: Path) -> None:
    write_bad_files(tmp_path / "in")
    (tmp_path / "in" / "index.txt").write_text(
        "Beranda\nBerita\nOlahraga\nLogin\nDaftar\nKontak\n", encoding="utf-8"
    )
    reasons = dict(run(tmp_path / "in", tmp_path / "out").failures)
    for key, reason in reasons.items():
        assert not re.search(r"\b(paste|URL|upload)\b", reason, re.I), (key, reason)
    assert reasons["empty.txt"] == (
        "The file is empty. Put the article's text in the file, or remove it."
    )
    assert "--no-strip" in reasons["menu.html"] and "--no-strip" in reasons["index.txt"]
    assert "UTF-8" in reasons["mojibake.txt"]
    assert ".docx and .pdf" in reasons["image.htm"]
    assert "one article per file" in reasons["huge.txt"]


def test_outputs_honour_the_umask_and_no_lock_file_is_left(tmp_path: Path) -> None:
    root = write_folder(tmp_path / "in", count=2)
    old = os.umask(0o002)
    try:
        run(root, tmp_path / "out")
    finally:
        os.umask(old)
    out = tmp_path / "out"
    written = [p for p in out.rglob("*") if p.is_file() and CACHE_FILE not in p.name]
    assert written
    for path in written:
        assert path.stat().st_mode & 0o777 == 0o664, path  # group-readable, as the umask says
    assert not list(out.glob(".*.lock"))
    # The lock is taken again by the next run, and removed again.
    assert run(root, out).skipped == 5 and not list(out.glob(".*.lock"))


def test_a_resumed_run_reports_an_honest_rate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_folder(tmp_path / "in", count=2)
    monkeypatch.setattr(runner, "_translator", lambda options, batch_size: FakeTranslator())
    args = ["batch", str(root), str(tmp_path / "out"), "--no-progress"]
    assert main(args) == 0
    capsys.readouterr()
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "0 done, 5 skipped" in err and "nothing new to translate" in err
    assert "0.00 articles/s" not in err


def test_a_tqdm_bar_leaves_skipped_articles_out_of_its_rate() -> None:
    stream = io.StringIO()
    reporter = TqdmReporter(stream)
    reporter.start(10)
    reporter.advance(8, worked=False)
    reporter.advance(1, 5)
    assert (reporter.bar.n, reporter.bar.total) == (1, 2)
    reporter.close()


def test_markdown_joins_the_reasons_of_a_doubtful_sentence_cleanly() -> None:
    from summarizer.document import Article, Result, Sentence
    from summarizer.render import to_markdown

    sentence = Sentence(
        "Harga naik 5 persen.",
        "Prices rose 50 percent.",
        0,
        0,
        -2.0,
        "low",
        [Notice("number", "The source says 5."), Notice("name", "A name is missing.")],
    )
    result = Result(article=Article(paragraphs=["Harga naik 5 persen."]), sentences=[sentence])
    markdown = to_markdown(result)
    assert ".;" not in markdown and ".." not in markdown
    assert "The source says 5; A name is missing; the model is not confident" in markdown
