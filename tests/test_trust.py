"""Trust signals: consistency checks between a source sentence and its translation."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarizer import Notice, consistency_warnings
from summarizer.trust import confidence_level
from summarizer.trust import names as names_module
from summarizer.trust.consistency import length_warnings
from summarizer.trust.names import indonesian_lexicon
from summarizer.trust.numbers import source_quantities

# Names inside multi-word runs are told from capitalised common words with PySastrawi's
# word list; without it only acronyms and names standing alone are checked.
needs_lexicon = pytest.mark.skipif(not indonesian_lexicon(), reason="PySastrawi is not installed")
MINISTER = "Menteri Koperasi dan UKM Teten Masduki bertemu pejabat Korsel di Busan."


def kinds(source: str, translation: str) -> list[str]:
    return [w.kind for w in consistency_warnings(source, translation)]


def messages(source: str, translation: str, kind: str) -> str:
    return " | ".join(
        w.message for w in consistency_warnings(source, translation) if w.kind == kind
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3.016 orang", 3016),
        ("naik 3,5 persen", 3.5),
        ("1.500.000 dosis", 1_500_000),
        ("Rp 1,9 miliar", 1.9e9),
        ("Rp1,9 miliar", 1.9e9),
        ("2,5 juta orang", 2.5e6),
        ("Rp 500 ribu", 500_000),
        ("dua puluh lima orang", 25),
        ("seratus orang", 100),
        ("tiga ratus ribu orang", 300_000),
        ("sepuluh ribu orang", 10_000),
        ("juara ketiga", 3),
        ("abad kedua belas", 12),
        ("US$ 2,5 juta", 2.5e6),
    ],
)
def test_indonesian_numbers_are_read_the_indonesian_way(text: str, value: float) -> None:
    values = {v for q in source_quantities(text) for v in q.values}
    assert any(math.isclose(v, value) for v in values), values


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        ("Korban tewas mencapai 3.016 orang.", "The death toll reached 3,016."),
        ("Inflasi mencapai 3,5 persen.", "Inflation reached 3.5 percent."),
        ("Inflasi mencapai 3,5 persen.", "Inflation reached 3.5%."),
        ("Nilainya Rp 1,9 miliar.", "It is worth Rp1.9 billion."),
        ("Nilainya Rp 1,9 miliar.", "It is worth IDR 1.9 billion."),
        ("Nilainya Rp 1,9 miliar.", "It is worth 1.9 billion rupiah."),
        ("Nilainya Rp 1,9 miliar.", "It is worth Rp1,900 million."),
        ("Kerugian mencapai Rp 2 triliun.", "Losses reached Rp2 trillion."),
        ("Harganya naik Rp 500 ribu.", "The price rose by Rp500,000."),
        ("Rapat digelar pada 11/10/2023.", "The meeting was held on October 11, 2023."),
        ("Rapat digelar pada 11/10/2023.", "The meeting was held on 11/10/2023."),
        ("Rapat digelar pada 11/10/2023.", "The meeting was held on 11 October 2023."),
        ("Rapat dimulai pukul 08.00 WIB.", "The meeting started at 08:00 WIB."),
        ("Rapat dimulai pukul 08.00 WIB.", "The meeting started at 8 a.m. local time."),
        ("Rapat dimulai pukul 20.30 WIB.", "The meeting started at 8:30 p.m."),
        ("Dua orang tewas.", "Two people died."),
        ("Dua puluh lima orang tewas.", "Twenty-five people died."),
        ("Puluhan rumah rusak.", "Dozens of houses were damaged."),
        ("Puluhan rumah rusak.", "Tens of houses were damaged."),
        ("Ribuan warga mengungsi.", "Thousands of residents fled."),
        ("Beberapa juta orang menonton.", "Several million people watched."),
        ("Harganya naik dua kali lipat.", "The price doubled."),
        ("Skor akhir 2-2 dan 2 kartu merah.", "The final score was 2-2 with 2 red cards."),
    ],
)
def test_numbers_carried_over_raise_no_warning(source: str, translation: str) -> None:
    assert "number" not in kinds(source, translation)


@pytest.mark.parametrize(
    ("source", "translation", "named"),
    [
        ("Korban tewas mencapai 3.016 orang.", "The death toll reached 3,106.", "3,016"),
        # The model copied Indonesian digit grouping, which English reads as a decimal.
        ("Korban tewas mencapai 3.016 orang.", "The death toll reached 3.016 people.", "3,016"),
        ("Nilainya Rp 1,9 miliar.", "It is worth Rp1.9 million.", "1.9 billion"),
        ("Nilainya Rp 1,9 miliar.", "It is worth Rp19 billion.", "1.9 billion"),
        ("Inflasi mencapai 3,5 persen.", "Inflation reached 35 percent.", "3.5%"),
        ("Rapat dimulai pukul 08.00 WIB.", "The meeting started at 9 a.m.", "08:00"),
        ("Rapat digelar pada 11/10/2023.", "It was held on October 12, 2023.", "October 11, 2023"),
        ("Dua orang tewas.", "Three people died.", "2"),
        ("Puluhan rumah rusak.", "Hundreds of houses were damaged.", "dozens"),
        ("Beberapa juta orang menonton.", "Several billion people watched.", "millions"),
        ("Skor akhir 2-2 dan 2 kartu merah.", "The final score was 2-1 with 2 red cards.", "2"),
    ],
)
def test_numbers_lost_or_changed_are_named(source: str, translation: str, named: str) -> None:
    message = messages(source, translation, "number")
    assert f"has no {named}." in message


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        (
            MINISTER,
            "Cooperatives and SMEs Minister Teten Masduki met South Korean officials in Busan.",
        ),
        (
            "Kemenkop UKM menggelar pameran di Jawa Barat.",
            "The Ministry of Cooperatives and SMEs held an exhibition in West Java.",
        ),
        (
            "Presiden Joko Widodo tiba di Korea Selatan.",
            "President Joko Widodo arrived in South Korea.",
        ),
        ("KPK menahan tersangka.", "The KPK detained the suspect."),
        ("Gempa terjadi pada hari Kamis.", "The quake struck on Thursday."),
        (
            "Partai Buruh menggelar kongres di Manchester.",
            "The Labour Party held a congress in Manchester.",
        ),
        ("Masyarakat Makedonia memberikan suara.", "Macedonians went to the polls."),
        ("Menurutnya, harga beras naik.", "According to him, the price of rice rose."),
        ("Penumpang pesawat selamat.", "The plane's passengers survived."),
    ],
)
def test_names_carried_over_or_rendered_raise_no_warning(source: str, translation: str) -> None:
    assert "name" not in kinds(source, translation)


@pytest.mark.parametrize(
    ("source", "translation", "named"),
    [
        pytest.param(
            MINISTER,
            "Cooperatives and SMEs Minister Teten met South Korean officials.",
            "Masduki",
            marks=needs_lexicon,
        ),
        (MINISTER, "Cooperatives and SMEs Minister Teten met South Korean officials.", "Busan"),
        (
            MINISTER,
            "Cooperatives and SMEs Minister Teten Masduki met officials in Busan.",
            "South Korea",
        ),
        ("KPK menahan tersangka.", "The commission detained the suspect.", "KPK"),
        ("Gempa terjadi pada hari Kamis.", "The quake struck on Wednesday.", "Thursday"),
        ("Banjir melanda Palu kemarin.", "Floods hit the city yesterday.", "Palu"),
    ],
)
def test_names_lost_are_named(source: str, translation: str, named: str) -> None:
    assert f"has no {named}" in messages(source, translation, "name")


def test_without_the_word_list_only_safe_names_are_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(names_module, "indonesian_lexicon", lambda: frozenset())
    # Sentence-initial and multi-word capitalised words are no longer judged...
    assert "name" not in kinds("Rapat Paripurna digelar.", "The plenary session was held.")
    # ...but acronyms and names standing alone in the sentence still are.
    assert "name" in kinds("Pejabat KPK tiba di Busan.", "Officials arrived.")


@pytest.mark.parametrize(
    "translation",
    [
        MINISTER,
        "The minister said yang dan untuk the cooperatives.",
        "Harga BBM naik.",
    ],
)
def test_indonesian_left_in_the_output_is_flagged(translation: str) -> None:
    source = MINISTER if translation != "Harga BBM naik." else "Harga BBM naik."
    assert "untranslated" in kinds(source, translation)


def test_a_sentence_left_in_indonesian_gets_one_warning_only() -> None:
    warnings = consistency_warnings(MINISTER, MINISTER)
    assert [w.kind for w in warnings] == ["untranslated"]
    assert "left untranslated" in warnings[0].message


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        ("Teten Masduki", "Teten Masduki"),  # a name is the same in both languages
        ("The High Breed: Apakah semangat hip hop?", "The High Breed: What is conscious hip hop?"),
        ("Data internet dan media sosial.", "Internet data and social media."),
    ],
)
def test_shared_names_and_loanwords_are_not_untranslated(source: str, translation: str) -> None:
    assert "untranslated" not in kinds(source, translation)


def test_the_untranslated_message_lists_the_words() -> None:
    message = messages(
        MINISTER, "The minister said yang dan untuk the cooperatives.", "untranslated"
    )
    assert "yang, dan, untuk" in message


def test_output_far_shorter_than_the_source_is_flagged() -> None:
    source = "Pemerintah akan menaikkan anggaran kesehatan tahun depan untuk membangun rumah sakit."
    assert "length" in kinds(source, "The government.")
    assert "length" not in kinds(
        source, "The government will raise the health budget next year to build hospitals."
    )


def test_output_far_longer_than_the_source_is_flagged() -> None:
    source = "Pemerintah menaikkan anggaran."
    looping = "The government raised the budget, " * 4
    assert "length" in kinds(source, looping)
    assert "length" not in kinds(source, "The government raised the budget.")


@pytest.mark.parametrize(("source", "translation"), [("", ""), ("   ", "x"), ("Dua orang.", " \n")])
def test_empty_input_gives_no_warning(source: str, translation: str) -> None:
    assert consistency_warnings(source, translation) == []


@pytest.mark.parametrize("source", ["", "  \n "])
def test_the_length_check_alone_takes_a_blank_source(source: str) -> None:
    assert length_warnings(source, "A translation with no source.") == []


def test_warnings_are_notices_from_the_package_api() -> None:
    warnings = consistency_warnings("Nilainya Rp 1,9 miliar.", "It is worth Rp1.9 million.")
    assert warnings and all(isinstance(w, Notice) for w in warnings)
    assert warnings[0].message == (
        "The source says Rp 1,9 miliar (IDR 1.9 billion) but the translation has no 1.9 billion."
    )


def test_a_long_sentence_is_checked_whole() -> None:
    source = ", ".join(f"{i}.000 orang di Busan" for i in range(1, 201))
    translation = ", ".join(f"{i},000 people in Busan" for i in range(1, 201))
    assert consistency_warnings(source, translation) == []
    assert "has no 200,000" in messages(source, translation.replace("200,000", "2,000"), "number")


@given(st.integers(min_value=0, max_value=10**12))
def test_any_integer_in_indonesian_grouping_matches_english_grouping(n: int) -> None:
    indonesian = f"{n:,}".replace(",", ".")
    assert "number" not in kinds(f"Ada {indonesian} orang.", f"There are {n:,} people.")


@given(st.text(max_size=200), st.text(max_size=200))
def test_any_text_gives_a_list_of_notices(source: str, translation: str) -> None:
    warnings = consistency_warnings(source, translation)
    assert all(isinstance(w, Notice) and w.kind and w.message for w in warnings)


@pytest.mark.parametrize(
    ("score", "level"),
    [
        (0.0, "high"),
        (-0.2, "high"),
        (-0.4, "high"),
        (-0.41, "check"),
        (-0.8, "check"),
        (-0.81, "low"),
        (-5.0, "low"),
        (float("-inf"), "low"),
        (float("nan"), None),
        (None, None),
    ],
)
def test_confidence_level(score: float | None, level: str | None) -> None:
    assert confidence_level(score) == level


def test_a_title_case_headline_copied_as_is_is_untranslated() -> None:
    headline = "Kanye West Memulai Diatribe Pro-Trump Setelah Penampilan SNL-nya"
    assert kinds(headline, headline) == ["untranslated"]


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        (
            "Menurut MenKopUKM, ada dua kebijakan.",
            "According to the Minister, there are two policies.",
        ),
        ("Menkeu Sri Mulyani hadir.", "Finance Minister Sri Mulyani attended."),
        ("Ketua MPR China Wang Huning tiba.", "Chinese MPR Chairman Wang Huning arrived."),
    ],
)
def test_office_abbreviations_and_adjectives_count_as_carried(
    source: str, translation: str
) -> None:
    assert "name" not in kinds(source, translation)
