"""Trust checks on Indonesian-original news: the renderings and readings that Antara's
English (PAN Localization BPPT, ``eval/bench_trust.py``) showed the checks lacked."""

from __future__ import annotations

import pytest
from test_trust import kinds, messages, needs_lexicon


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        # Institutional abbreviations and titles, rendered in English words.
        (
            "APBNP 2007 akan ditutup dengan defisit Rp49,5 triliun.",
            "The revised 2007 state budget will close with a Rp49.5 trillion deficit.",
        ),
        ("Indeks di BEJ naik 12 poin.", "The index on the Jakarta Stock Exchange rose 12 points."),
        ("Depkeu menerbitkan SUN baru.", "The finance ministry issued new government bonds."),
        ("Dirut Antam mengatakan laba naik.", "Antam's president director said profit rose."),
        (
            "Sudin Perumahan menertibkan bangunan di dekat Rusun Marunda.",
            "The housing agency cleared buildings near the Marunda flats.",
        ),
        (
            "RUPSLB perseroan menyetujui rencana itu.",
            "The company's extraordinary general meeting of shareholders approved the plan.",
        ),
        # The US dollar: "dolar AS" is carried by "dollar".
        ("Rupiah melemah ke Rp9.200 per dolar AS.", "The rupiah weakened to Rp9,200 per dollar."),
        # The place and day of a statement, which Antara renders "here on Monday".
        (
            "Laba naik 10 persen, kata Hashemi di Jakarta, Senin.",
            "Profit rose 10 percent, Hashemi said here.",
        ),
        (
            "Laba naik 10 persen, kata Hashemi di Gedung DPR, Jakarta, Selasa.",
            "Profit rose 10 percent, Hashemi said at the parliament building.",
        ),
        # Roman numerals of quarters and semesters.
        (
            "Ekonomi tumbuh 6,3 persen pada triwulan II 2007.",
            "The economy grew 6.3 percent in the second quarter of 2007.",
        ),
        ("Penyerapan naik pada semester II.", "Absorption rose in the 2nd half."),
    ],
)
def test_usual_renderings_of_titles_agencies_and_numerals_carry_the_name(
    source: str, translation: str
) -> None:
    assert "name" not in kinds(source, translation)


def test_a_roman_numeral_is_carried_by_its_ordinal_and_lost_by_another() -> None:
    source = "Ekonomi tumbuh 6,3 persen pada triwulan II 2007."
    assert "name" not in kinds(source, "The economy grew 6.3 percent in Q2 2007.")
    translation = "The economy grew 6.3 percent in the third quarter of 2007."
    assert "II" in messages(source, translation, "name")


def test_only_the_statement_s_own_place_may_be_left_out() -> None:
    said = "Rupiah menguat, kata Edwin di Jakarta, Selasa."
    assert "name" not in kinds(said, "The rupiah strengthened, Edwin said.")
    market = "Rupiah di Pasar Spot Antar Bank Jakarta, Selasa, menguat."
    assert "Jakarta" in messages(market, "The rupiah strengthened on the spot market.", "name")
    event = "Insiden terjadi di Ballyhackamore, kata polisi."
    assert "Ballyhackamore" in messages(event, "The incident happened, police said.", "name")


@needs_lexicon
def test_a_bank_named_by_a_common_word_is_a_name() -> None:
    source = "Bank Mandiri menaikkan suku bunga kredit 0,75 persen."
    assert "Mandiri" in messages(
        source, "The bank raised its lending rate by 0.75 percent.", "name"
    )
    assert "name" not in kinds(source, "Bank Mandiri raised its lending rate by 0.75 percent.")


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        # A larger amount the source repeats, stated once.
        (
            "Dari DAK sekitar Rp5 triliun itu, sekitar Rp5 triliun untuk jalan.",
            "Some Rp5 trillion of the fund will go to roads.",
        ),
        # "Nomor 7 tahun 2007" as "No.7/2007".
        ("Aturan itu PP Nomor 7 tahun 2007.", "The rule is Government Regulation No.7/2007."),
        # A span of months as a quarter.
        (
            "Dalam tiga bulan pertama laba naik 20 persen.",
            "In the first quarter profit rose 20 percent.",
        ),
        # A plural scale word.
        ("Penghasilannya Rp2 juta per bulan.", "Their income is Rp2 millions per month."),
        # A range sharing one scale word.
        ("Dananya Rp2-3 triliun.", "The funds are Rp2 trillion to Rp3 trillion."),
        # A year the English renders as "this year".
        ("Inflasi 2007 diperkirakan 6 persen.", "Inflation this year is expected at 6 percent."),
    ],
)
def test_indonesian_number_forms_carried_in_english_give_no_warning(
    source: str, translation: str
) -> None:
    assert "number" not in kinds(source, translation)


@pytest.mark.parametrize(
    ("source", "translation", "named"),
    [
        # A changed copy of a number that the English also states unchanged.
        (
            "Harga naik menjadi Rp1.250 per kg.",
            "The price rose to Rp1,250 per kg, up from Rp1,200.",
            "1,200",
        ),
        # A digit changed in the middle of a long number.
        (
            "Total saham sebanyak 1.947.604.158 lembar.",
            "Total shares reached 1,947,604,150.",
            "1,947,604,150",
        ),
        # Vague quantities and fractions rendered as others.
        ("Seperempat warga miskin.", "Half of residents are poor.", "quarter"),
        ("Setengah dari anggaran habis.", "A quarter of the budget is spent.", "half"),
        ("Belasan mobil terbakar.", "Hundreds of cars burned.", "more than ten"),
        # A day and month without a year.
        (
            "Kurs ditutup Rp9.117 pada Selasa 29/7.",
            "The rupiah closed at Rp9,117 on July 28.",
            "July 29",
        ),
    ],
)
def test_numbers_changed_anywhere_are_named(source: str, translation: str, named: str) -> None:
    assert named in messages(source, translation, "number")


def test_a_translation_that_merges_two_sentences_is_not_too_long() -> None:
    source = "Fundamental kami bagus, jadi tidak perlu dikhawatirkan, ujarnya."
    merged = (
        "Our fundamentals are good, so there is no need to worry, he said, adding that "
        "the company would keep its dividend policy unchanged next year."
    )
    assert "length" not in kinds(source, merged)
    assert "length" in kinds(source, "Our fundamentals are good, so there is no need. " * 3)
