"""Evaluation mode: the wiring of data, metrics (the libraries' own) and report files."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from summarizer.document import Article
from summarizer.errors import ModelNotAvailableError, UnknownOptionError
from summarizer.evaluate import (
    DataNotAvailableError,
    evaluate,
    load_data,
    load_report,
    metrics,
    shipped_data_dir,
    to_markdown,
)
from summarizer.evaluate.data import EvalData, TranslationSet
from summarizer.evaluate.report import Report, Row, Skip
from summarizer.evaluate.stripping import Stripper
from summarizer.evaluate.text import detokenize

REFERENCES = [
    "The president opened the new airport in Lombok on Monday.",
    "Twenty-nine flights were cancelled because of the volcanic ash.",
    "Prices of rice rose by five percent in Jakarta last week.",
    "The police arrested two suspects after the robbery.",
    "Heavy rain flooded several villages in West Java.",
    "The minister said the new rules take effect next year.",
]
SOURCES = [
    "Presiden meresmikan bandara baru di Lombok pada hari Senin.",
    "Dua puluh sembilan penerbangan dibatalkan karena abu vulkanik.",
    "Harga beras naik lima persen di Jakarta pekan lalu.",
    "Polisi menangkap dua tersangka setelah perampokan itu.",
    "Hujan lebat membanjiri beberapa desa di Jawa Barat.",
    "Menteri mengatakan aturan baru berlaku tahun depan.",
]


# --- fakes ----------------------------------------------------------------------------------


class TableTranslator:
    """A translator that looks each paragraph up in a table (unknown ones come back as is)."""

    def __init__(self, table: dict[str, str], name: str = "table") -> None:
        self.table = table
        self.name = name

    def translate(self, texts: Sequence[str]) -> list[str]:
        return ["\n\n".join(self.table.get(p, p) for p in text.split("\n\n")) for text in texts]


class MissingModel:
    """A translator whose model is neither cached nor downloadable."""

    name = "missing-model"

    def load(self) -> None:
        raise ModelNotAvailableError("missing-model is not cached and the hub is unreachable")

    def translate(self, texts: Sequence[str]) -> list[str]:
        raise AssertionError("translate must not be called when loading failed")


class MergingTranslator(TableTranslator):
    """Translates well but returns each article as one paragraph (alignment lost)."""

    def translate(self, texts: Sequence[str]) -> list[str]:
        return [t.replace("\n\n", " ") for t in super().translate(texts)]


def table_for(sets: Sequence[TranslationSet], shuffle: bool = False) -> dict[str, str]:
    """Source to reference for sentences and rebuilt paragraphs; with ``shuffle`` each
    source gets the reference of another sentence (or paragraph)."""
    table: dict[str, str] = {}
    for dataset in sets:
        groups = [[(s.source, s.reference) for s in dataset.segments]]
        if dataset.has_documents:
            groups.append(
                [
                    pair
                    for doc in dataset.documents()
                    for pair in zip(doc.source_paragraphs, doc.reference_paragraphs, strict=True)
                ]
            )
        for pairs in groups:
            references = [r for _, r in pairs]
            if shuffle:
                references = references[1:] + references[:1]
            table.update((s, r) for (s, _), r in zip(pairs, references, strict=True))
    return table


# --- fixtures -------------------------------------------------------------------------------


def write_jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A tiny data folder: a translation set with two documents, a digest set, strip cases."""
    root = tmp_path / "data"
    write_jsonl(
        root / "mt.jsonl",
        [
            {"source": s, "reference": r, "doc_id": "a" if i < 3 else "b"}
            for i, (s, r) in enumerate(zip(SOURCES, REFERENCES, strict=True))
        ],
    )
    write_jsonl(
        root / "summ.jsonl",
        [
            {
                "id": "x1",
                "text": "Kalimat pertama soal banjir. Kalimat kedua soal hujan.\n\n"
                "Kalimat ketiga soal warga. Kalimat keempat soal bantuan.",
                "summary": "Kalimat pertama soal banjir. Kalimat keempat soal bantuan.",
            }
        ],
    )
    body = "Polisi menangkap dua tersangka.\nMereka dibawa ke kantor polisi."
    write_jsonl(
        root / "strip.jsonl",
        [
            {
                "id": "p1",
                "site": "Contoh",
                "title": "Polisi tangkap tersangka",
                "html": f"<html><body><nav>Menu Beranda</nav><article><p>{body}</p>"
                "</article><footer>Hak cipta</footer></body></html>",
                "pasted": f"Menu Beranda\n{body}\nHak cipta",
                "body": body,
            }
        ],
    )
    return root


@pytest.fixture
def tiny(data_dir: Path) -> EvalData:
    return load_data(data_dir)


def fake_stripper(gold: dict[str, str]) -> tuple[str, Stripper]:
    """A 'stripper' that keeps only the lines of the gold body."""

    def strip(text: str) -> Article:
        lines = [line for line in text.splitlines() if line in gold["body"]]
        return Article(paragraphs=lines, title=gold.get("title"))

    return "fake-strip", strip


# --- metrics --------------------------------------------------------------------------------


@pytest.mark.parametrize("metric", [metrics.bleu, metrics.chrf_pp])
def test_translation_metric_perfect_is_100_and_shuffled_is_low(metric: Any) -> None:
    perfect = metric(REFERENCES, REFERENCES)
    shuffled = metric(REFERENCES[1:] + REFERENCES[:1], REFERENCES)
    assert perfect.score == pytest.approx(100.0)
    assert shuffled.score < 30
    assert "version:" in perfect.signature


def test_chrf_signature_is_chrf_plus_plus() -> None:
    assert "nw:2" in metrics.chrf_pp(REFERENCES, REFERENCES).signature


def test_rouge_perfect_is_100_and_shuffled_is_low() -> None:
    perfect = metrics.rouge(REFERENCES, REFERENCES)
    shuffled = metrics.rouge(REFERENCES[1:] + REFERENCES[:1], REFERENCES)
    assert perfect == pytest.approx({"rouge1": 100.0, "rouge2": 100.0, "rougeL": 100.0})
    assert max(shuffled.values()) < 40


@pytest.mark.parametrize("metric", [metrics.bleu, metrics.chrf_pp, metrics.rouge])
def test_metrics_refuse_unaligned_outputs(metric: Any) -> None:
    with pytest.raises(ValueError, match="one output per input"):
        metric(REFERENCES[:2], REFERENCES)


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ("Polisi menangkap dua orang", "Polisi menangkap dua orang", 100.0),
        ("POLISI, menangkap!", "polisi menangkap", 100.0),
        ("satu dua", "tiga empat", 0.0),
        ("", "tiga empat", 0.0),
        ("", "", 100.0),
        ("a b", "a b c d", pytest.approx(100 * 2 * 1.0 * 0.5 / 1.5)),
        ("a a a", "a", 50.0),  # multiset overlap: repeats do not count twice
    ],
)
def test_token_f1(predicted: str, gold: str, expected: float) -> None:
    assert metrics.token_f1(predicted, gold) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("tokens", "text"),
    [
        (["Ia", "datang", "."], "Ia datang."),
        (
            ["Harga", "(", "Rp", "5.000", ")", "naik", ",", "katanya", "."],
            "Harga (Rp 5.000) naik, katanya.",
        ),
        (["Dia", "berkata", '"', "tidak", "mau", '"', "."], 'Dia berkata "tidak mau".'),
        (["Tanggal", "11", "/", "10", "\xa0", "lalu"], "Tanggal 11/10 lalu"),
        ([], ""),
    ],
)
def test_detokenize(tokens: list[str], text: str) -> None:
    assert detokenize(tokens) == text


# --- data -----------------------------------------------------------------------------------


def test_shipped_samples_load_with_whole_documents() -> None:
    data = load_data(shipped_data_dir())
    sets = {s.name: s for s in data.translation}
    assert len(sets["flores200-devtest"].segments) == 215
    ntrex = sets["ntrex128"]
    documents = ntrex.documents()
    assert len(documents) == 20
    assert sum(len(d.reference_paragraphs) for d in documents) < len(ntrex.segments)
    # the headline is a paragraph of its own
    assert documents[0].source_paragraphs[0] == ntrex.segments[0].source
    assert len(data.digest[0].items) == 100
    cases = data.strip[0].cases
    assert len(cases) == 11
    assert sum(c.html is not None for c in cases) == 10
    assert all(c.pasted for c in cases)


@pytest.mark.parametrize(("limit", "articles"), [(2, 1), (20, 1), (40, 2)])
def test_limit_applies_to_every_set(limit: int, articles: int) -> None:
    data = load_data(shipped_data_dir(), tasks=["translate", "strip"], limit=limit)
    sets = {s.name: s for s in data.translation}
    assert len(sets["flores200-devtest"].segments) == limit
    # NTREX too: at most ``limit`` sentences, in whole articles while they fit.
    ntrex = sets["ntrex128"]
    assert 0 < len(ntrex.segments) <= limit
    assert len(ntrex.documents()) == articles
    assert len(data.strip[0].cases) == min(limit, 11)
    assert data.digest == []  # not asked for


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".tsv"])
def test_local_tables_are_classified_by_columns(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"pairs{suffix}"
    if suffix == ".jsonl":
        write_jsonl(path, [{"src": s, "tgt": r} for s, r in zip(SOURCES, REFERENCES, strict=True)])
    else:
        sep = "," if suffix == ".csv" else "\t"
        rows = [f'"{s}"{sep}"{r}"' for s, r in zip(SOURCES, REFERENCES, strict=True)]
        path.write_text("\n".join([f"ind{sep}eng", *rows]) + "\n", encoding="utf-8")
    data = load_data(path)
    assert [s.source for s in data.translation[0].segments] == SOURCES
    assert [s.reference for s in data.translation[0].segments] == REFERENCES


def test_translation_dict_column(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "t.jsonl", [{"translation": {"id": SOURCES[0], "en": REFERENCES[0]}}]
    )
    assert load_data(path).translation[0].segments[0].reference == REFERENCES[0]


def test_data_dir_finds_every_task(tiny: EvalData) -> None:
    assert [len(s.segments) for s in tiny.translation] == [6]
    assert tiny.translation[0].has_documents
    assert [d.doc_id for d in tiny.translation[0].documents()] == ["a", "b"]
    assert tiny.digest[0].items[0].article.paragraphs[0].startswith("Kalimat pertama")
    assert tiny.strip[0].cases[0].site == "Contoh"


def test_misaligned_flores_files_are_refused(tmp_path: Path) -> None:
    (tmp_path / "ind_Latn.devtest").write_text("satu\ndua\n", encoding="utf-8")
    (tmp_path / "eng_Latn.devtest").write_text("one\n", encoding="utf-8")
    with pytest.raises(DataNotAvailableError, match="line-aligned"):
        load_data(tmp_path)


@pytest.mark.parametrize("source", ["/no/such/dir", "not a hub id"])
def test_unknown_data_source(source: str) -> None:
    with pytest.raises(DataNotAvailableError, match="neither a directory"):
        load_data(source)


def test_unreachable_hub_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    import datasets

    def offline(*args: object, **kwargs: object) -> None:
        raise ConnectionError("Couldn't reach the Hugging Face Hub")

    monkeypatch.setattr(datasets, "load_dataset", offline)
    with pytest.raises(DataNotAvailableError, match="Couldn't reach") as info:
        load_data("csebuetnlp/xlsum")
    assert "shipped samples" in str(info.value)


def test_unknown_task_lists_the_valid_ones() -> None:
    with pytest.raises(UnknownOptionError, match="strip, translate, digest"):
        evaluate("summarise", data=EvalData("x"))


# --- evaluation -----------------------------------------------------------------------------


def rows_by(report: Report, task: str, system: str) -> dict[str, Row]:
    """The rows of one task and system, by dataset."""
    return {r.dataset: r for r in report.rows if r.task == task and r.system == system}


def test_perfect_translation_scores_100_and_shuffled_scores_low(tiny: EvalData) -> None:
    perfect = TableTranslator(table_for(tiny.translation), name="perfect")
    shuffled = TableTranslator(table_for(tiny.translation, shuffle=True), name="shuffled")
    report = evaluate("translate", models=[perfect, shuffled], data=tiny, comet=False)
    good = rows_by(report, "translate", "perfect")
    bad = rows_by(report, "translate", "shuffled")
    assert set(good) == {"mt · sentences", "mt · articles"}
    for dataset, row in good.items():
        assert row.metrics["BLEU"] == pytest.approx(100.0), dataset
        assert row.metrics["chrF++"] == pytest.approx(100.0), dataset
        assert row.seconds_per_item is not None
        assert bad[dataset].metrics["BLEU"] < 20
    assert good["mt · articles"].items == 2
    assert good["mt · articles"].unit == "article"
    copy = rows_by(report, "translate", "source copied")["mt · sentences"]
    assert copy.baseline and copy.metrics["BLEU"] < 10


def test_lost_paragraph_alignment_is_noted(tiny: EvalData) -> None:
    merging = MergingTranslator(table_for(tiny.translation), name="merging")
    report = evaluate("translate", models=[merging], data=tiny, comet=False)
    row = rows_by(report, "translate", "merging")["mt · articles"]
    assert row.notes and "different number of paragraphs" in row.notes[0]
    assert row.metrics["BLEU"] > 90


def test_missing_model_is_skipped_and_the_rest_evaluated(tiny: EvalData, tmp_path: Path) -> None:
    gold = {"body": tiny.strip[0].cases[0].body, "title": "Polisi tangkap tersangka"}
    report = evaluate(
        "all",
        models=[MissingModel(), "no-such-model-preset"],
        data=tiny,
        out=tmp_path / "out",
        stripper=fake_stripper(gold),
        comet=False,
    )
    reasons = {s.what: s.reason for s in report.skipped}
    assert "not cached" in reasons["missing-model"]
    assert "no-such-model-preset" in reasons
    assert {r.task for r in report.rows} == {"translate", "digest", "strip"}
    assert not rows_by(report, "translate", "missing-model")
    markdown = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "## Skipped" in markdown and "missing-model" in markdown


def test_digest_rows_have_lead3_beside_the_selector(tiny: EvalData) -> None:
    reference = tiny.digest[0].items[0].reference

    def oracle(article: Article) -> list[str]:
        return [reference]

    report = evaluate("digest", data=tiny, selector=("oracle", oracle))
    lead = rows_by(report, "digest", "LEAD-3")["summ"]
    best = rows_by(report, "digest", "oracle")["summ"]
    assert lead.baseline and not best.baseline
    assert best.metrics["ROUGE-L"] == pytest.approx(100.0)
    assert lead.metrics["ROUGE-1"] < 100


def test_strip_scores_per_site_html_and_pasted(tiny: EvalData) -> None:
    gold = {"body": tiny.strip[0].cases[0].body, "title": "Polisi tangkap tersangka"}
    report = evaluate("strip", data=tiny, stripper=fake_stripper(gold))
    rows = rows_by(report, "strip", "fake-strip")
    assert set(rows) == {"strip · html", "strip · pasted"}
    pasted = rows["strip · pasted"]
    assert pasted.metrics["body F1"] == pytest.approx(100.0)
    assert pasted.metrics["title F1"] == pytest.approx(100.0)
    assert pasted.breakdown == {"Contoh": pytest.approx(100.0), "overall": pytest.approx(100.0)}
    unchanged = rows_by(report, "strip", "no stripping")["strip · pasted"]
    assert unchanged.baseline and unchanged.metrics["body F1"] < 100


def test_report_files_are_well_formed(tiny: EvalData, tmp_path: Path) -> None:
    out = tmp_path / "report"
    perfect = TableTranslator(table_for(tiny.translation), name="perfect")
    report = evaluate("all", models=[perfect], data=tiny, out=out, comet=False)
    assert (out / "report.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    saved = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert {"rows", "skipped", "signatures", "environment"} <= set(saved)
    assert load_report(out) == report
    assert "BLEU" in saved["signatures"] and "chrF++" in saved["signatures"]
    markdown = (out / "report.md").read_text(encoding="utf-8")
    assert "| data | system | BLEU | chrF++ |" in markdown
    assert "| mt · articles | perfect | 100.0 | 100.0 | 2 articles |" in markdown
    assert "nrefs:1" in markdown  # the sacreBLEU signature is printed
    assert (out / "outputs" / "perfect" / "mt.txt").read_text(encoding="utf-8").splitlines() == (
        REFERENCES
    )


# --- command line ---------------------------------------------------------------------------


def parse(argv: list[str]) -> argparse.Namespace:
    from summarizer.cli.eval import register

    parser = argparse.ArgumentParser(prog="summarizer")
    register(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


def test_cli_parses_the_documented_options() -> None:
    args = parse(
        [
            "eval",
            "translate",
            "--model",
            "opus-mt",
            "--model",
            "nllb-600m",
            "--data",
            "some/dir",
            "--limit",
            "5",
            "--out",
            "x",
        ]
    )
    assert (args.task, args.models, args.data, args.limit, args.out) == (
        "translate",
        ["opus-mt", "nllb-600m"],
        "some/dir",
        5,
        "x",
    )
    assert parse(["eval"]).task == "all"


def test_cli_exit_code_says_a_named_model_was_skipped(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "no-model-here")
    args = parse(
        [
            "eval",
            "translate",
            "--model",
            missing,
            "--data",
            str(data_dir),
            "--out",
            str(tmp_path / "out"),
            "--no-comet",
        ]
    )
    assert args.handler(args) == 1  # the only model is missing: nothing was evaluated
    printed = capsys.readouterr().out
    assert "## Skipped" in printed and "no-model-here" in printed
    assert (tmp_path / "out" / "report.json").is_file()


def test_cli_digest_only_runs_offline(data_dir: Path, tmp_path: Path) -> None:
    args = parse(["eval", "digest", "--data", str(data_dir), "--out", str(tmp_path / "o")])
    assert args.handler(args) == 0
    saved = json.loads((tmp_path / "o" / "report.json").read_text(encoding="utf-8"))
    assert {r["system"] for r in saved["rows"]} >= {"LEAD-3"}


class FakeComet:
    """Stands in for a COMET checkpoint: 'predict' scores 0.5 per segment."""

    name_for_signature = "fake-comet"

    def predict(self, data: list[dict[str, str]], **kwargs: object) -> object:
        assert {"src", "mt", "ref"} <= set(data[0])
        return argparse.Namespace(system_score=0.5, scores=[0.5] * len(data))


@pytest.mark.parametrize("comet_loads", [True, False])
def test_comet_column_or_a_reason(
    tiny: EvalData, monkeypatch: pytest.MonkeyPatch, comet_loads: bool
) -> None:
    from summarizer.evaluate import runner

    def load() -> FakeComet:
        if not comet_loads:
            raise OSError("We couldn't connect to 'https://huggingface.co'")
        return FakeComet()

    monkeypatch.setattr(runner, "comet_available", lambda: None)
    monkeypatch.setattr(runner, "load_comet", load)
    perfect = TableTranslator(table_for(tiny.translation), name="perfect")
    report = evaluate("translate", models=[perfect], data=tiny)
    row = rows_by(report, "translate", "perfect")["mt · sentences"]
    assert row.metrics["BLEU"] == pytest.approx(100.0)
    if comet_loads:
        assert row.metrics["COMET"] == pytest.approx(50.0)
        assert "fake-comet" in report.signatures["COMET"]
    else:
        assert "COMET" not in row.metrics
        assert "couldn't connect" in {s.what: s.reason for s in report.skipped}["COMET"]


# --- end to end with the toy model ------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "backend",
    ["transformers", "ctranslate2"],
)
def test_end_to_end_with_the_toy_model(toy_marian_dir: Path, tmp_path: Path, backend: str) -> None:
    from toy_models import TOY_EXAMPLES

    from summarizer.translate import Translator

    # greedy decoding: the toy builder guarantees these pairs exactly under greedy search
    translator = Translator(str(toy_marian_dir), beams=1, backend=backend)
    data = write_jsonl(
        tmp_path / "toy.jsonl",
        [
            {"source": s, "reference": r, "doc_id": f"d{i // 5}"}
            for i, (s, r) in enumerate(TOY_EXAMPLES)
        ],
    )
    report = evaluate(
        "translate", models=[translator], data=data, out=tmp_path / "out", comet=False
    )
    rows = rows_by(report, "translate", translator.name)
    assert set(rows) == {"toy · sentences", "toy · articles"}
    for row in rows.values():
        assert row.metrics["BLEU"] > 90  # the toy model has learnt these pairs
        assert row.seconds_per_item is not None and row.seconds_per_item > 0
        assert row.tokens_per_second is not None and row.tokens_per_second > 0
    assert rows["toy · articles"].items == 3
    assert not rows["toy · articles"].notes  # paragraphs stayed aligned
    assert (tmp_path / "out" / "report.png").is_file()


@pytest.mark.slow
def test_toy_model_on_a_real_ntrex_article(toy_marian_dir: Path) -> None:
    """Real news text through the article path of a 64-token model: chunked, not truncated."""
    data = load_data(shipped_data_dir(), tasks=["translate"], limit=20)
    ntrex = next(s for s in data.translation if s.has_documents)
    report = evaluate(
        "translate", models=[str(toy_marian_dir)], data=EvalData("x", [ntrex]), comet=False
    )
    row = rows_by(report, "translate", str(toy_marian_dir))["ntrex128 · articles"]
    assert row.items == 1
    assert 0 <= row.metrics["chrF++"] < 60  # a toy model cannot translate the news
    assert not row.notes


def test_several_models_share_one_table_grouped_by_set(tiny: EvalData) -> None:
    one = TableTranslator(table_for(tiny.translation), name="model-one")
    two = TableTranslator(table_for(tiny.translation, shuffle=True), name="model-two")
    markdown = to_markdown(evaluate("translate", models=[one, two], data=tiny, comet=False))
    assert markdown.count("| data | system |") == 1
    table = [line.split(" | ")[:2] for line in markdown.splitlines() if line.startswith("| mt")]
    assert table == [
        ["| mt · sentences", "source copied (baseline)"],
        ["| mt · sentences", "model-one"],
        ["| mt · sentences", "model-two"],
        ["| mt · articles", "model-one"],
        ["| mt · articles", "model-two"],
    ]


@pytest.mark.parametrize(
    ("errors", "has_rows", "expected"),
    [
        ([], True, 0),
        ([], False, 1),
        (["ModelNotAvailableError"], True, 3),
        (["UnknownOptionError"], True, 2),
        (["ModelNotAvailableError", "UnknownOptionError"], True, 3),
        (["ModelNotAvailableError", "RuntimeError"], True, 1),
    ],
)
def test_exit_code(errors: list[str], has_rows: bool, expected: int) -> None:
    from summarizer.cli.eval import exit_code

    rows = [Row("digest", "d", "LEAD-3", {}, 1, "article")] if has_rows else []
    from summarizer import errors as package_errors

    def error(name: str) -> Exception:
        kind = getattr(package_errors, name, None) or RuntimeError
        return kind("why")

    skipped = [Skip("translate", f"m{i}", "why", error(e)) for i, e in enumerate(errors)]
    skipped.append(Skip("translate", "not-named", "why", RuntimeError("why")))
    report = Report(rows, skipped, {}, "data", "now")
    assert exit_code(report, [f"m{i}" for i in range(len(errors))]) == expected


@pytest.mark.parametrize(
    ("rows", "tasks", "expected"),
    [
        (
            [Row("translate", "d", "source copied", {}, 1, "sentence", baseline=True)],
            ["translate"],
            1,
        ),
        ([Row("translate", "d", "m", {}, 1, "sentence")], ["translate"], 0),
        ([Row("translate", "d", "m", {}, 1, "sentence")], ["translate", "digest"], 1),
        ([], [], 1),
    ],
)
def test_exit_code_is_1_when_a_part_evaluated_nothing(
    rows: list[Row], tasks: list[str], expected: int
) -> None:
    from summarizer.cli.eval import exit_code

    assert exit_code(Report(rows, [], {}, "data", "now"), [], tasks) == expected


def test_cli_eval_translate_without_a_usable_model_exits_1_with_the_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty-cache"))
    args = parse(
        ["eval", "translate", "--limit", "3", "--out", str(tmp_path / "out"), "--no-comet"]
    )
    assert args.handler(args) == 1
    err = capsys.readouterr().err
    assert "eval translate evaluated nothing" in err and "summarizer download" in err


def test_lead3_uses_the_corpus_sentence_split(tmp_path: Path) -> None:
    """IndoSum's own sentences make LEAD-3 the published baseline (the headline-like first
    sentence has no period, so the segmenter alone would merge it with the next one)."""
    path = write_jsonl(
        tmp_path / "indosum.jsonl",
        [
            {
                "id": "1",
                "paragraphs": [
                    [["Banjir", "melanda"], ["Warga", "mengungsi", "."]],
                    [["Hujan", "turun", "lagi", "."], ["Bantuan", "tiba", "."]],
                ],
                "summary": [
                    ["Banjir", "melanda"],
                    ["Warga", "mengungsi", "."],
                    ["Hujan", "turun", "lagi", "."],
                ],
            }
        ],
    )
    data = load_data(path)
    assert data.digest[0].items[0].article.paragraphs[0] == "Banjir melanda Warga mengungsi."
    report = evaluate("digest", data=data, selector=("none", lambda article: []))
    assert rows_by(report, "digest", "LEAD-3")["indosum"].metrics["ROUGE-1"] == pytest.approx(100.0)


def test_the_parts_and_metrics_are_named_once() -> None:
    """The command line, the loader and the runner read the one registry of parts."""
    from summarizer.cli import build_parser
    from summarizer.errors import UnknownOptionError
    from summarizer.evaluate import TASKS, TRANSLATION_METRICS
    from summarizer.evaluate.translation import score_rows

    parser = build_parser()
    for name in (*TASKS, "all"):
        assert parser.parse_args(["eval", name]).task == name
    with pytest.raises(SystemExit):
        parser.parse_args(["eval", "summaries"])
    with pytest.raises(UnknownOptionError, match="choose from strip, translate, digest or all"):
        evaluate("summaries")
    scores, signatures = score_rows([], ["The cat sat."], ["The cat sat."])
    assert set(scores) == set(signatures) == set(TRANSLATION_METRICS)
    assert all(TASKS["translate"].metrics.index(name) >= 0 for name in scores)
