"""The command line: translate, download, and how errors map to exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.cli import EXIT_MODEL, EXIT_OK, EXIT_USAGE, main


def _run(
    *args: str, stdin: str | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def test_help_lists_the_commands() -> None:
    out = _run("--help")
    assert out.returncode == 0
    for command in ("translate", "download", "serve"):
        assert command in out.stdout


def test_translate_stdin_with_the_toy_model(toy_marian_dir: Path) -> None:
    from toy_models import TOY_EXAMPLES

    (a, a_en), (b, b_en) = TOY_EXAMPLES[:2]
    out = _run(
        "translate",
        "-",
        "--no-strip",
        "--model",
        str(toy_marian_dir),
        "--device",
        "cpu",
        stdin=f"{a}\n\n{b}\n",
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout == f"{a_en}\n\n{b_en}\n"


def test_translate_file_to_output(toy_marian_dir: Path, tmp_path: Path) -> None:
    from toy_models import TOY_EXAMPLES

    source = tmp_path / "in.txt"
    source.write_bytes(TOY_EXAMPLES[0][0].encode("cp1252"))
    target = tmp_path / "out" / "en.txt"
    code = main(
        [
            "translate",
            str(source),
            "--model",
            str(toy_marian_dir),
            "--device",
            "cpu",
            "-o",
            str(target),
        ]
    )
    assert code == EXIT_OK
    assert target.read_text(encoding="utf-8") == TOY_EXAMPLES[0][1] + "\n"


def test_translate_reads_a_word_file_as_batch_does(toy_marian_dir: Path, tmp_path: Path) -> None:
    """One loader for a file: a .docx is read for its text, not refused as binary data."""
    import docx
    from toy_models import TOY_EXAMPLES

    document = docx.Document()
    for source, _ in TOY_EXAMPLES[:2]:
        document.add_paragraph(source)
    path = tmp_path / "berita.docx"
    document.save(str(path))
    target = tmp_path / "en.txt"
    args = ["translate", str(path), "--no-strip", "--model", str(toy_marian_dir), "-o"]
    assert main([*args, str(target), "--device", "cpu"]) == EXIT_OK
    assert len(target.read_text(encoding="utf-8").split("\n\n")) == 2


@pytest.mark.parametrize("content", [b"", b"   \n\n", b"\x89PNG\r\n\x1a\n\x00\x00binary"])
def test_bad_input_is_a_usage_error(tmp_path: Path, content: bytes, capsys) -> None:
    source = tmp_path / "bad.txt"
    source.write_bytes(content)
    assert main(["translate", str(source), "--model", "fake/model"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.startswith("summarizer: error: ")
    assert "Traceback" not in err


def test_a_missing_input_file_is_a_usage_error(tmp_path: Path, capsys) -> None:
    missing = tmp_path / "no-such-file.txt"
    assert main(["translate", str(missing), "--model", "fake/model"]) == EXIT_USAGE
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("summarizer: error: Cannot read ") and str(missing) in line


def test_an_unwritable_output_is_one_clear_line(
    toy_marian_dir: Path, tmp_path: Path, capsys
) -> None:
    from toy_models import TOY_EXAMPLES

    source = tmp_path / "in.txt"
    source.write_text(TOY_EXAMPLES[0][0], encoding="utf-8")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    args = ["translate", str(source), "--model", str(toy_marian_dir), "--device", "cpu"]
    assert (
        main([*args, "-o", str(blocker / "en.txt")]) == EXIT_USAGE
    )  # the output path given is unusable: as in `batch`
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("summarizer: error: Cannot write ") and "a-file" in line


def test_missing_model_is_one_clear_line(tmp_path: Path) -> None:
    import os

    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_HUB_CACHE": str(tmp_path)}
    out = _run("download", "opus-mt", env=env)
    assert out.returncode == EXIT_MODEL
    assert "Traceback" not in out.stderr
    (line,) = out.stderr.strip().splitlines()
    assert "Helsinki-NLP/opus-mt-id-en" in line and "summarizer download" in line


SEED = Path(__file__).resolve().parent / "data" / "ui" / "inews-ev-korea.txt"


def _seed_english(capsys, *args: str) -> list[str]:
    """The paragraphs that ``summarizer translate SEED ARGS`` prints."""
    assert main(["translate", str(SEED), "--device", "cpu", *args]) == EXIT_OK
    return capsys.readouterr().out.rstrip("\n").split("\n\n")


def test_translate_strips_clutter_by_default_as_the_ui_does(
    toy_marian_dir: Path, capsys, monkeypatch
) -> None:
    from summarizer.stripping import strip

    article = strip(SEED.read_text(encoding="utf-8"))
    # The model comes from the environment, as in the web UI.
    monkeypatch.setenv("SUMMARIZER_TRANSLATION_MODEL", str(toy_marian_dir))
    stripped = _seed_english(capsys)
    assert len(stripped) == 1 + len(article.paragraphs)  # the title, then the body
    every_line = _seed_english(capsys, "--no-strip")
    assert len(every_line) > len(stripped)  # the byline and the photo caption too


def test_translate_prints_the_key_points_first(toy_marian_dir: Path, capsys) -> None:
    out = _seed_english(capsys, "--model", str(toy_marian_dir), "--points", "2")
    points = out[0].splitlines()
    assert len(points) == 2 and all(p.startswith("- ") and len(p) > 4 for p in points)
    assert len(out) == 1 + 1 + 8  # points, title, the 8 body paragraphs


def test_the_model_from_the_environment_is_used(monkeypatch, capsys, tmp_path: Path) -> None:
    monkeypatch.setenv("SUMMARIZER_TRANSLATION_MODEL", str(tmp_path / "not-here"))
    assert main(["translate", str(SEED)]) == EXIT_MODEL
    assert "not-here" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["/no/such/model-dir", "./models/opus", "~/no-such-model"])
def test_a_model_folder_that_does_not_exist_says_so(name: str, capsys) -> None:
    assert main(["translate", str(SEED), "--model", name]) == EXIT_MODEL
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert "No such folder" in line and name in line
    assert "Unknown translation model" not in line


def test_the_package_metadata_reads_without_a_warning(repo_root: Path) -> None:
    """An install warns about nothing in the project's own files (a deprecated licence table
    printed a warning on every ``pip install``)."""
    import warnings

    from setuptools.config.pyprojecttoml import apply_configuration
    from setuptools.dist import Distribution

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        dist = apply_configuration(Distribution(), repo_root / "pyproject.toml")
    assert dist.get_name() == "summarizer"
    assert [str(w.message) for w in caught] == []
