"""The stripper end to end: pasted text and HTML in, the article and only the article out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.document import Article
from summarizer.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    InputTooLargeError,
    NoArticleError,
)

DATA = Path(__file__).parent / "data" / "strip"
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "strip"
needs_shared = pytest.mark.skipif(not SHARED.exists(), reason="shared/ development data absent")


def _strip(raw: str | bytes) -> Article:
    from summarizer import strip

    return strip(raw)


# name, title, number of paragraphs, start of the first, end of the last, must not appear
PASTED = [
    (
        "detik-pasted.txt",
        "Pemprov DKI Tambah 200 Bus Listrik untuk Rute Transjakarta",
        4,
        "Jakarta - Pemerintah Provinsi DKI Jakarta akan menambah",
        "sebelum bus mulai beroperasi.",
        ["Baca juga", "Tarif Transjakarta", "ADVERTISEMENT", "Gambas", "knv/imk", "Terpopuler"],
    ),
    (
        "kompas-pasted.txt",
        "Kemenkes Catat Kasus Demam Berdarah Naik di 12 Provinsi",
        5,
        "JAKARTA, KOMPAS.com - Kementerian Kesehatan",
        "berusia 5 sampai 14 tahun.",
        ["Baca juga", "SHUTTERSTOCK", "WhatsApp", "Lihat Foto", "Copyright", "Tag"],
    ),
    (
        "tribun-pasted.txt",
        "Banjir Rendam Ratusan Rumah di Kabupaten Bandung, Warga Mengungsi ke Masjid",
        4,
        "TRIBUNNEWS.COM, BANDUNG - Banjir merendam",
        "bantuan makanan untuk para pengungsi.",
        ["Laporan Wartawan", "Warga menyelamatkan barang", "Artikel ini telah tayang", "Editor"],
    ),
    (
        "cnn-pasted.txt",
        "Rupiah Menguat ke Level Rp15.600 per Dolar AS Pagi Ini",
        4,
        "Jakarta, CNN Indonesia -- Nilai tukar rupiah",
        "bergerak menguat terhadap dolar AS pada pagi ini.",
        ["Bagikan", "(pta/sfr)", "Gambas", "Rekomendasi", "Rupiah menguat pada perdagangan"],
    ),
]


@pytest.mark.parametrize(("name", "title", "count", "first", "last", "absent"), PASTED)
def test_pasted_article_is_body_only(
    name: str, title: str, count: int, first: str, last: str, absent: list[str]
) -> None:
    article = _strip((DATA / name).read_text(encoding="utf-8"))
    assert article.title == title
    assert len(article.paragraphs) == count
    assert article.paragraphs[0].startswith(first)
    assert article.paragraphs[-1].endswith(last)
    for clutter in absent:
        assert clutter not in article.text
    assert article.language == "id"
    assert article.warnings == []
    assert article.removed, "the UI shows what was removed"


def test_removed_lines_keep_page_order() -> None:
    article = _strip((DATA / "detik-pasted.txt").read_text(encoding="utf-8"))
    removed = article.removed
    assert removed.index("Baca juga:") < removed.index("ADVERTISEMENT") < removed.index("(knv/imk)")
    assert "Terpopuler" in removed


@needs_shared
def test_seed_article_is_exactly_its_eight_paragraphs() -> None:
    gold = json.loads((SHARED / "gold.json").read_text(encoding="utf-8"))
    body = next(c["body"] for c in gold if c.get("pasted") == "inews-ev-korea.txt")
    expected = [p.strip() for p in body.split("\n") if p.strip()]
    article = _strip((SHARED / "pasted" / "inews-ev-korea.txt").read_bytes())
    assert [p.strip() for p in article.paragraphs] == expected
    assert len(article.paragraphs) == 8
    assert article.paragraphs[0].startswith("JAKARTA, iNews.id - Indonesia dan Korea Selatan")
    assert article.title == (
        "Indonesia dan Korsel Sepakati Kerja Sama Pengembangan Industri Kendaraan Listrik"
    )
    assert any("(Foto: istimewa)" in line for line in article.removed)
    assert "Editor : Jeanny Aipassa" in article.removed


def test_html_page_keeps_lead_and_drops_indonesian_clutter() -> None:
    article = _strip((DATA / "detik-page.html").read_bytes())
    assert article.title == "Pemprov DKI Tambah 200 Bus Listrik untuk Rute Transjakarta"
    assert article.paragraphs[0].startswith("Jakarta - Pemerintah Provinsi DKI Jakarta")
    assert article.paragraphs[-1].startswith("Selain itu, Dinas Perhubungan")
    assert len(article.paragraphs) == 5
    for clutter in ["Baca juga", "ADVERTISEMENT", "Gambas", "Simak Video", "knv/imk", "WIB"]:
        assert clutter not in article.text
    assert "Grandyos" not in article.text, "photo credit"
    assert article.date == "2023-10-09"
    assert article.author == "Andi Saputra"
    assert article.site == "detiknews"
    assert article.language == "id"


def test_html_page_drops_boxes_captions_and_comments() -> None:
    article = _strip((DATA / "tribun-page.html").read_bytes())
    assert article.title == "Banjir Rendam Ratusan Rumah di Kabupaten Bandung"
    assert len(article.paragraphs) == 4
    assert article.paragraphs[0].startswith("TRIBUNNEWS.COM, BANDUNG - Banjir merendam")
    assert article.paragraphs[-1].endswith("bantuan makanan untuk para pengungsi.")
    for clutter in [
        "Laporan Wartawan",
        "Warga menyelamatkan",
        "Baca juga",
        "Mulai Surut",
        "Artikel ini telah tayang",
        "Semoga warga",
        "Harga Emas",
    ]:
        assert clutter not in article.text
    assert article.author == "Rina Ayu"
    assert article.date == "2024-03-07"
    removed = article.removed
    assert removed.index("Laporan Wartawan Tribunnews.com, Rina Ayu") < removed.index(
        "Baca juga: Cuaca Ekstrem Diprediksi Berlangsung Hingga Pekan Depan"
    )


def test_english_page_gives_a_warning_not_an_error() -> None:
    article = _strip((DATA / "english-page.html").read_text(encoding="utf-8"))
    assert article.language == "en"
    assert [w.kind for w in article.warnings] == ["language"]
    assert "English" in article.warnings[0].message
    assert len(article.paragraphs) == 4


def test_index_page_has_no_article() -> None:
    with pytest.raises(NoArticleError, match="index page"):
        _strip((DATA / "index-page.html").read_text(encoding="utf-8"))


def test_menu_only_paste_has_no_article() -> None:
    menu = "\n".join(["Home", "Nasional", "Ekonomi", "Olahraga", "Tekno", "Indeks", "Login"] * 3)
    with pytest.raises(NoArticleError):
        _strip(menu)


def test_short_paste_is_kept_with_a_warning() -> None:
    article = _strip("Presiden meresmikan jembatan baru di Kalimantan Timur pada Senin pagi.")
    assert article.paragraphs == [
        "Presiden meresmikan jembatan baru di Kalimantan Timur pada Senin pagi."
    ]
    assert [w.kind for w in article.warnings] == ["short-article"]


def test_few_short_paragraphs_are_kept_with_a_warning() -> None:
    text = "Banjir di Bandung\n\nAir mulai surut sore ini.\n\nWarga kembali ke rumah.\n\nSelesai."
    article = _strip(text)
    assert "Air mulai surut sore ini." in article.paragraphs
    assert [w.kind for w in article.warnings][:1] == ["short-article"]


def test_clean_paste_is_left_whole() -> None:
    body = [
        "Pemerintah menaikkan anggaran pendidikan tahun depan menjadi Rp 660 triliun, naik dari "
        "tahun ini, untuk membiayai program makan siang gratis dan perbaikan sekolah.",
        "Menteri Keuangan mengatakan, kenaikan itu sudah disepakati bersama DPR dalam rapat "
        "kerja yang berlangsung hingga malam hari.",
        "Begitu juga dengan dana abadi pendidikan yang akan ditambah.",
    ]
    article = _strip("\n\n".join(body))
    assert article.paragraphs == body
    assert article.removed == []


def test_hard_wrapped_paste_is_joined() -> None:
    text = (
        "Pemerintah menaikkan anggaran pendidikan tahun depan menjadi Rp 660\n"
        "triliun, naik dari tahun ini, untuk membiayai program makan siang gratis dan\n"
        "perbaikan sekolah di seluruh Indonesia.\n"
    )
    article = _strip(text)
    assert len(article.paragraphs) == 1
    assert "Rp 660 triliun" in article.paragraphs[0]


@pytest.mark.parametrize("raw", ["", "   \n\t  ", b"", b" \n \r\n"])
def test_empty_input(raw: str | bytes) -> None:
    with pytest.raises(EmptyInputError, match="empty"):
        _strip(raw)


@pytest.mark.parametrize(
    "raw",
    [
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        b"PK\x03\x04" + b"\x00" * 40,
        b"\x1f\x8b\x08\x00" + b"\x00" * 20,
        b"abc\x00\x01\x02def" * 20,
        "teks\x00\x01\x02\x03\x04" * 30,
    ],
)
def test_binary_input(raw: str | bytes) -> None:
    with pytest.raises(BinaryInputError):
        _strip(raw)


def test_cp1252_bytes_are_decoded() -> None:
    text = (
        "Menteri mengatakan harga beras turun menjadi Rp 12.000 per kilogram – “kabar baik” "
        "bagi warga, kata dia dalam jumpa pers di Jakarta pada Senin pagi ini."
    )
    article = _strip(text.encode("cp1252"))
    assert "“kabar baik”" in article.text
    assert "–" in article.text


def test_declared_latin1_html_is_decoded() -> None:
    page = (DATA / "english-page.html").read_text(encoding="utf-8")
    page = page.replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">')
    page = page.replace("He added", "He added, café owners cheering,")
    article = _strip(page.encode("latin-1"))
    assert "café owners" in article.text


def test_undecodable_bytes_raise_encoding_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import charset_normalizer

    class _Nothing:
        def best(self) -> None:
            return None

    monkeypatch.setattr(charset_normalizer, "from_bytes", lambda data: _Nothing())
    with pytest.raises(EncodingError, match="UTF-8"):
        _strip(b"Harga \xff\xfe\xfd naik " * 10)


def test_too_large_input_names_the_limit() -> None:
    from summarizer.stripping import MAX_INPUT_BYTES

    with pytest.raises(InputTooLargeError, match="limit is 5 MiB"):
        _strip("a" * (MAX_INPUT_BYTES + 1))


def test_errors_are_input_errors_for_the_shells() -> None:
    for error in (EmptyInputError, BinaryInputError, EncodingError, InputTooLargeError):
        assert issubclass(error, InputError)


def test_public_api_is_the_function_after_the_package_is_imported() -> None:
    import summarizer.stripping  # binds the sub-package on the summarizer package
    from summarizer import strip, strip_url

    assert strip is summarizer.stripping.strip and strip_url is summarizer.stripping.strip_url
    article = strip("Ini kalimat yang cukup panjang untuk dibaca oleh semua orang.")
    assert isinstance(article, Article)


def test_url_is_kept_as_metadata() -> None:
    from summarizer.stripping import strip

    article = strip(
        (DATA / "cnn-pasted.txt").read_text(encoding="utf-8"), url="https://example.org/a"
    )
    assert article.url == "https://example.org/a"


def test_as_plain_article_keeps_everything() -> None:
    from summarizer.stripping import as_plain_article

    article = as_plain_article(b"Baca juga: ini tetap ada.\n\nParagraf kedua di sini.")
    assert article.paragraphs == ["Baca juga: ini tetap ada.", "Paragraf kedua di sini."]


@needs_shared
@pytest.mark.parametrize("kind", ["id-pages", "pasted"])
def test_development_set_mean_f1(kind: str) -> None:
    from summarizer.evaluate.metrics import token_f1

    gold = json.loads((SHARED / "gold.json").read_text(encoding="utf-8"))
    key = "page" if kind == "id-pages" else "pasted"
    scores = [
        token_f1(_strip((SHARED / kind / case[key]).read_bytes()).text, case["body"])
        for case in gold
        if case.get(key)
    ]
    assert sum(scores) / len(scores) >= 93


def test_stripping_off_keeps_every_visible_line_of_a_page_but_no_markup() -> None:
    from summarizer.stripping import as_plain_article

    page = (
        "<html><head><title>T</title><style>p{color:red}</style></head><body>"
        "<nav><a href='/'>Beranda</a></nav><p>Paragraf pertama berita ini.</p>"
        "<p>Paragraf <b>kedua</b> di sini.</p><script>var x = 1;</script></body></html>"
    )
    article = as_plain_article(page)
    assert "Paragraf pertama berita ini." in article.paragraphs
    assert "Beranda" in article.paragraphs  # nothing stripped...
    assert not any("<" in p or "var x" in p or "color:red" in p for p in article.paragraphs)


def test_short_news_under_a_video_is_an_article_with_a_warning() -> None:
    html = """<html><head><title>Banjir Rendam Ratusan Rumah di Kudus - Berita Video</title>
    <meta property="og:title" content="Banjir Rendam Ratusan Rumah di Kudus"></head><body>
    <nav><a href="/">Beranda</a> <a href="/video">Video</a> <a href="/news">News</a></nav>
    <h1>Banjir Rendam Ratusan Rumah di Kudus</h1><div class="date">Senin, 12 Feb 2024 10:15 WIB</div>
    <div class="player"><video src="x.mp4"></video><span>02:15</span></div>
    <div class="desc"><p>Banjir merendam ratusan rumah warga di Kecamatan Jati, Kudus, sejak Minggu malam.</p>
    <p>Warga mengungsi ke balai desa karena ketinggian air mencapai satu meter.</p></div>
    <div class="related"><h3>Video Terkait</h3><ul><li><a href="/v1">Longsor di Banjarnegara Tutup Jalan</a></li>
    <li><a href="/v2">Warga Demak Gotong Royong Bersihkan Lumpur</a></li></ul></div>
    <footer>Copyright 2024 Kanal Berita</footer></body></html>"""
    article = _strip(html)
    assert article.paragraphs == [
        "Banjir merendam ratusan rumah warga di Kecamatan Jati, Kudus, sejak Minggu malam.",
        "Warga mengungsi ke balai desa karena ketinggian air mencapai satu meter.",
    ]
    assert "short-article" in [w.kind for w in article.warnings]


def test_pasted_text_with_a_few_stray_tags_is_read_as_text() -> None:
    from summarizer.stripping.decode import is_html

    paste = "\n".join(
        [
            '<img src="//x.net/em_image" alt="" />',
            "BERITA",
            "POLITIK",
            "Judul Berita Hari Ini",
            "Warga mengungsi ke balai desa karena ketinggian air mencapai satu meter.",
            "<a href='http://ads.example/ck.php'><img src='http://ads.example/a.gif'></a>",
            "Petugas membuka dapur umum untuk para pengungsi sejak Minggu malam.",
            "<a href='http://ads.example/ck2.php'>iklan</a>",
        ]
    )
    assert not is_html(paste)
    assert is_html("<p>Satu.</p><p>Dua.</p><p>Tiga.</p>")
    assert is_html("<!DOCTYPE html><html><body><p>Satu.</p></body></html>")


def test_a_paste_whose_longest_block_is_a_glossary_gives_the_article_under_the_headline() -> None:
    """The best-scoring block has no headline above it (a finance glossary widget, longer
    than the article): the article is the run under the page's headline."""
    from summarizer.stripping import strip

    body = [
        "JAKARTA - Harga beras di sejumlah pasar tradisional naik dalam sepekan terakhir, "
        "menurut data dinas perdagangan setempat.",
        "Kenaikan paling tinggi terjadi pada beras medium yang kini dijual Rp14.000 per "
        "kilogram, naik dari Rp12.500 pekan lalu.",
        "Pedagang mengatakan pasokan dari daerah sentra produksi berkurang karena panen "
        "mundur akibat hujan yang turun terus-menerus.",
        "Pemerintah berencana menggelar operasi pasar mulai pekan depan untuk menahan "
        "kenaikan harga di tingkat konsumen.",
    ]
    glossary = []
    for term in ("Akuisisi", "Agio", "Aktiva", "Blue Chip", "Capital Gain", "Dividen", "Emiten"):
        glossary += [
            term,
            f"{term} adalah istilah pasar modal yang dipakai untuk menggambarkan keadaan "
            "tertentu dari suatu perusahaan atau surat berharga yang diperdagangkan di bursa.",
        ]
    paste = "\n".join(
        [
            "Home",
            "Ekonomi",
            "Harga Beras di Pasar Tradisional Naik Sepekan Terakhir",
            "Budi Santoso, Jurnalis · Kamis 09 Juli 2020 07:26 WIB",
            "Share on Facebook",
            "Share on Twitter",
            *body,
            "(fbn)",
            "BERITA TERKAIT",
            "Harga Cabai Turun Jelang Akhir Bulan",
            "Pemerintah Siapkan Operasi Pasar di Lima Provinsi",
            "Stok Beras Bulog Dinilai Cukup hingga Akhir Tahun",
            "Petani Keluhkan Harga Pupuk yang Terus Naik",
            "Inflasi Pangan Diperkirakan Melandai Bulan Depan",
            "Harga Telur Ayam Kembali Stabil di Pasar Induk",
            "GLOSSARY",
            *glossary,
        ]
    )
    article = strip(paste)
    assert article.title == "Harga Beras di Pasar Tradisional Naik Sepekan Terakhir"
    assert article.paragraphs == body
