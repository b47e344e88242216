"""Sentence and paragraph segmentation of Indonesian news text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.segment import paragraph_spans, sentence_spans, split_paragraphs, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Paragraf satu. Kalimat dua.", ["Paragraf satu.", "Kalimat dua."]),
        (
            "Dia tinggal di Jl. Sudirman No. 5 Jakarta.",
            ["Dia tinggal di Jl. Sudirman No. 5 Jakarta."],
        ),
        ("Harganya Rp. 5.000 per kg. Naik lagi.", ["Harganya Rp. 5.000 per kg.", "Naik lagi."]),
        (
            "Diperiksa dr. Andi kemarin. Hasilnya baik.",
            ["Diperiksa dr. Andi kemarin.", "Hasilnya baik."],
        ),
        ("Ketua H. Ahmad hadir. Prof. Budi juga.", ["Ketua H. Ahmad hadir.", "Prof. Budi juga."]),
        ("Transfer a.n. Budi Santoso. Sudah.", ["Transfer a.n. Budi Santoso.", "Sudah."]),
        ("Inflasi 3,5 persen. Ekspor 3.016 ton.", ["Inflasi 3,5 persen.", "Ekspor 3.016 ton."]),
        ("Dikutip Rabu (11/10/2023). Dia hadir.", ["Dikutip Rabu (11/10/2023).", "Dia hadir."]),
        ("Mulai pukul 08.00 WIB. Selesai sore.", ["Mulai pukul 08.00 WIB.", "Selesai sore."]),
        (
            '"Kami senang," kata Teten. "Ini bagus." Dia pergi.',
            ['"Kami senang," kata Teten.', '"Ini bagus."', "Dia pergi."],
        ),
        ("“Kita siap.” Menurutnya begitu.", ["“Kita siap.”", "Menurutnya begitu."]),
        ("Dia menunggu... Lalu pulang.", ["Dia menunggu...", "Lalu pulang."]),
        ("Dia menunggu... dan pulang.", ["Dia menunggu... dan pulang."]),
        ("Apa? Ya! Baik.", ["Apa?", "Ya!", "Baik."]),
        ("JAKARTA, iNews.id - Harga naik.", ["JAKARTA, iNews.id - Harga naik."]),
        ("Baris satu\nBaris dua", ["Baris satu", "Baris dua"]),
        ("", []),
        ("   \n\n  ", []),
        ("Satu kalimat tanpa titik", ["Satu kalimat tanpa titik"]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_split_paragraphs_at_blank_lines() -> None:
    text = "\n  Satu. Dua.\n\nTiga.\n \t\nEmpat\nlima.\n\n\n"
    assert split_paragraphs(text) == ["Satu. Dua.", "Tiga.", "Empat\nlima."]
    assert [text[s:e] for s, e in paragraph_spans(text)] == split_paragraphs(text)


def test_ten_thousand_sentences() -> None:
    text = " ".join(f"Kalimat nomor {i} di Jl. Merdeka." for i in range(10_000))
    sentences = split_sentences(text)
    assert len(sentences) == 10_000
    assert sentences[1234] == "Kalimat nomor 1234 di Jl. Merdeka."


_alphabet = st.sampled_from([*"ab Jl.No,?!\"”'…)(\n\t 3", "Rp", "H.", " A", "..."])


@settings(max_examples=300, deadline=None)
@given(st.lists(_alphabet, max_size=80).map("".join))
def test_no_character_lost_or_reordered(text: str) -> None:
    spans = sentence_spans(text)
    position = 0
    for start, end in spans:
        assert start >= position and end > start
        assert text[position:start].strip() == ""  # only whitespace between sentences
        assert text[start:end] == text[start:end].strip()
        position = end
    assert text[position:].strip() == ""
    rebuilt = "".join(text[s:e] for s, e in spans)
    assert "".join(rebuilt.split()) == "".join(text.split())
