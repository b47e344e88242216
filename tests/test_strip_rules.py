"""The stripper's building blocks: boilerplate patterns, line scores, detection helpers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.errors import SummarizerError
from summarizer.stripping import patterns
from summarizer.stripping.decode import is_html
from summarizer.stripping.language import body_language, detect_language
from summarizer.stripping.pasted import best_run, make_line, unwrap


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Baca juga: Harga Emas Turun Lagi", "link"),
        ("BACA JUGA:", "link"),
        ("Baca Juga", "link"),
        ("Simak Video: Banjir di Jakarta", "link"),
        ("[Gambas:Video CNN]", "link"),
        ("ADVERTISEMENT", "link"),
        ("SCROLL TO CONTINUE WITH CONTENT", "link"),
        ("Artikel ini telah tayang di Kompas.com dengan judul ...", "link"),
        ("Follow Berita Okezone di Google News", "link"),
        ("Pilihan Editor: Jokowi Bertemu Prabowo", "link"),
        ("Editor : Jeanny Aipassa", "staff"),
        ("Redaktur: Budi", "staff"),
        ("Pewarta: Budisantoso Budiman", "staff"),
        ("Penulis\t: Kontributor Lhokseumawe, Masriadi", "staff"),
        ("Laporan Wartawan Tribunnews.com, Rina Ayu", "staff"),
        ("Artikel Terkait", "list-heading"),
        ("Berita Terkini", "list-heading"),
        ("BERITA TERKAIT", "list-heading"),
        ("Terpopuler", "list-heading"),
        ("Terkait", "list-heading"),
        ("Dengarkan artikel ini", "link"),
        ("Lanjutkan Membaca", "link"),
        ("Nama Reporter, Jurnalis · Kamis 07 Maret 2024 11:20 WIB", "dated-headline"),
        ("(end)", "initials"),
        ("(fyk/ash)", "initials"),
        ("(kpl/pur/tch)", "initials"),
        ("Galaxy S6 Edge & S6 (ist)", "credit"),
        ("Menteri Teten saat menghadiri acara di Jakarta. (Foto: istimewa)", "credit"),
        ("Petugas memeriksa abu vulkanik di kantor BMKG. (ANTARA FOTO/Budi Setya)", "credit"),
        ("KOMPAS.COM/MASRIADI Penyidik menyerahkan senjata ke Kejaksaan", "credit"),
        ("Foto: Ilustrasi bus listrik Transjakarta", "credit"),
        ("Brandon Salim/©KapanLagi.com®/M. Akrom Sukarya", "credit"),
        ("(ki-ka) Direktur Utama dan Komisaris saat peluncuran produk di Jakarta.", "credit"),
        ("1.999 Views", "counter"),
        ("dibaca 53,203 kali", "counter"),
        ("Tweet", "counter"),
        ("0", "pagination"),
        ("Kamis, 05/11/2015 10:08 WIB", "date"),
        ("Rabu, 4 November 2015 | 21:04 WIB", "date"),
        ("Selasa, 05 Des 2023 09:45 WIB", "date"),
        ("11 jam lalu", "date"),
        ("4 hari lalu", "date"),
        ("Diperbarui 11 Okt 2023, 15:00 WIB", "date"),
        ("Kompas.com - 14/02/2024, 09:15 WIB", "dated-headline"),
        ("Tags: banjir, Bandung, BPBD", "tags"),
        ("#Ahok", "tags"),
        ("Copyright © 2016 ANTARA", "footer"),
        ("Daftar pemilih tetap bertambah dua juta orang, kata KPU di Jakarta.", None),
        ("Masuk / Daftar", "footer"),
        ("All Rights Reserved", "footer"),
        (
            "Dilarang keras mengambil konten tanpa izin tertulis dari Kantor Berita ANTARA.",
            "footer",
        ),
        ("Halaman 1 dari 3", "pagination"),
        ("Selanjutnya", "pagination"),
        # Current sites (2023-2024)
        (
            'Baca artikel detiknews, "Polisi Selidiki Kebakaran" selengkapnya '
            "https://news.detik.com/berita/d-6975432/polisi-selidiki-kebakaran.",
            "link",
        ),
        ("Android: https://bit.ly/3g85pkA", "link"),
        ("Jangan Lewatkan Video Terbaru:", "link"),
        ("Read: Prabowo's Cabinet: Who Stays, Who Goes", "link"),
        ("(mcr8/jpnn)", "initials"),
        ("[ded]", "initials"),
        ("Redaktur & Reporter : Dea Hardianingsih", "staff"),
        ("Rep: Dedy Darmawan Nasution/ Red: Friska Yolandha", "staff"),
        ("Sumber: Liputan6.com", "staff"),
        ("research@cnbcindonesia.com", "notice"),
        ("Disclaimer: Artikel ini adalah produk jurnalistik berupa pandangan redaksi.", "notice"),
        ("Anda sedang membaca artikel premium. Berlangganan untuk membaca selengkapnya.", "notice"),
        ("Sudah punya akun? Silakan login untuk memberikan komentar.", "notice"),
        ("Situs ini menggunakan cookie. Baca Kebijakan Privasi kami.", "notice"),
        ("3 Komentar", "list-heading"),
        ("Tulis Komentar", "list-heading"),
        ("Ringkasan", "summary"),
        ("Intinya sih...", "summary"),
        ("Balas", "counter"),
        ("Suka 12", "counter"),
        ("Artikel ini merupakan kerja sama dengan Bank BRI.", "notice"),
        (
            "Bunuh diri bukan jawaban apalagi solusi dari semua permasalahan hidup. Bila Anda "
            "memiliki pemikiran untuk bunuh diri, segera hubungi profesional kesehatan jiwa.",
            "notice",
        ),
    ],
)
def test_boilerplate_kinds(line: str, kind: str) -> None:
    assert patterns.is_boilerplate(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "JAKARTA, iNews.id - Indonesia dan Korea Selatan menyepakati kerja sama.",
        "Menurut dia, rute yang padat penumpang akan mendapat prioritas.",
        '"Kami ingin warga merasakan manfaatnya," ujarnya, Senin (9/10/2023).',
        "Dia mengungkapkan, Korsel menjadi negara yang maju pesat dalam teknologi.",
        "Sumber: Pemerintah Kota Cekmekoy",
        "Layanan 4G",
        "Harga beras naik 5 persen pada Oktober 2023, kata BPS dalam laporan bulanan.",
        "Baca selengkapnyalah buku itu.",
        "Pendaftaran dapat dilakukan melalui laman https://lpdp.kemenkeu.go.id.",
        "Informasi lengkap dapat dibaca di https://bmkg.go.id.",
        "Masa kampanye dimulai pada 28 November 2023. (mcr8/jpnn)",
        "Sumber: Pemerintah Kota Cekmekoy",
        "Pelanggan dapat memilih paket internet sesuai kebutuhan, kata dia.",
        "Warga suka berolahraga di taman kota setiap pagi.",
        "Polisi menyelidiki dugaan bunuh diri di apartemen itu, kata Kapolsek.",
    ],
)
def test_body_lines_are_not_boilerplate(line: str) -> None:
    assert patterns.is_boilerplate(line) is None


@pytest.mark.parametrize(
    ("line", "dateline"),
    [
        ("JAKARTA, iNews.id - Indonesia dan Korea", True),
        ("Liputan6.com, Jakarta - Indonesia memasuki", True),
        ("Mataram, NTB (ANTARA News) - Sebanyak 29", True),
        ("Jakarta (ANTARA) - Presiden Joko Widodo", True),
        ("TEMPO.CO, Jakarta - Menteri", True),
        ("Jakarta, CNN Indonesia -- Nilai tukar", True),
        ("jpnn.com, JAKARTA - Badan Pengawas Pemilu", True),
        ("Menurut data Kemenkes, sebagian besar pasien adalah anak-anak.", False),
    ],
)
def test_dateline(line: str, dateline: bool) -> None:
    assert bool(patterns.DATELINE.match(line)) is dateline


@pytest.mark.parametrize(
    "line",
    ["Jakarta -", "Jakarta, CNN Indonesia --", "ISTANBUL, 23 Februari 2016 (Antara/PRNewswire) --"],
)
def test_dateline_alone(line: str) -> None:
    assert patterns.DATELINE_ALONE.match(line)


@pytest.mark.parametrize(
    ("paragraph", "body", "initials"),
    [
        (
            "Operator yang sudah merilis 4G antara lain XL.(Cas/Isk)",
            "Operator yang sudah merilis 4G antara lain XL.",
            "(Cas/Isk)",
        ),
        ("Kalimat terakhir. (fyk/ash)", "Kalimat terakhir.", "(fyk/ash)"),
        ("Kalimat terakhir. (mcr8/jpnn)", "Kalimat terakhir.", "(mcr8/jpnn)"),
        ("Kalimat terakhir. [ded]", "Kalimat terakhir.", "[ded]"),
        ("Kalimat terakhir (2023).", "Kalimat terakhir (2023).", None),
        ("Harga naik (dari Rp5.000/kg).", "Harga naik (dari Rp5.000/kg).", None),
    ],
)
def test_trailing_initials(paragraph: str, body: str, initials: str | None) -> None:
    assert patterns.strip_trailing_initials(paragraph) == (body, initials)


def test_prose_and_short_lines() -> None:
    prose = make_line(
        "Menurut dia, akibat penutupan operasional bandara, sebanyak 27 penerbangan "
        "domestik dan dua internasional harus dibatalkan."
    )
    headline = make_line("Ketua MPR China Wang Huning Bertemu Prabowo di Istana Hari Ini")
    menu = make_line("NASIONAL")
    assert prose.prose and not prose.short
    assert headline.short and not headline.prose
    assert menu.caps


@pytest.mark.parametrize(
    ("scores", "bounds"),
    [
        ([-1, 5, -1, 5, -20, 3], (1, 4)),
        ([-5, -5], (0, 0)),
        ([4], (0, 1)),
        ([], (0, 0)),
        ([3, -10, 2, 2, 2], (2, 5)),
    ],
)
def test_best_run(scores: list[float], bounds: tuple[int, int]) -> None:
    assert best_run(scores) == bounds


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        (
            "Kronologi Kecelakaan Bus Rombongan Pelajar di Subang yang Menewaskan 11 Orang, "
            "Polisi Periksa Sopir dan Pemilik Bus",
            True,
        ),
        ("Dokter Anak Ungkap Perbedaan Pneumonia dan Flu Biasa", True),
        ("Presiden Joko Widodo meresmikan Bendungan Sepaku di Kalimantan Timur", False),
        ("Pajak Pembelian Emas", False),
    ],
)
def test_long_title_case_headlines_are_not_prose(line: str, headline: bool) -> None:
    parsed = make_line(line)
    assert parsed.headline is headline
    if headline:
        assert not parsed.prose


@pytest.mark.parametrize(
    ("paragraph", "body", "link"),
    [
        (
            "Hujan turun sejak pagi. Baca juga: Banjir Rendam Kemang Lagi Warga diminta waspada.",
            "Hujan turun sejak pagi. Warga diminta waspada.",
            "Baca juga: Banjir Rendam Kemang Lagi",
        ),
        (
            "Hujan turun sejak pagi. Baca juga: Banjir Rendam Kemang Lagi",
            "Hujan turun sejak pagi.",
            "Baca juga: Banjir Rendam Kemang Lagi",
        ),
        ("Kalimat tanpa tautan, kata dia.", "Kalimat tanpa tautan, kata dia.", None),
    ],
)
def test_inline_link(paragraph: str, body: str, link: str | None) -> None:
    assert patterns.strip_inline_link(paragraph) == (body, link)


def test_body_list_after_colon_is_kept() -> None:
    text = "\n".join(
        [
            "JAKARTA, KOMPAS.com - Harga batu bara turun selama sepekan terakhir karena stok di "
            "China melimpah dan permintaan India melambat.",
            "Berikut pergerakan harga batu bara selama sepekan terakhir:",
            "Senin: US$ 150,2 per ton",
            "Selasa: US$ 147,8 per ton",
            "Rabu: US$ 145,1 per ton",
            "Analis memperkirakan harga batu bara masih akan tertekan hingga akhir tahun "
            "kecuali musim dingin datang lebih awal.",
            "Berita Terkait",
            "Harga Nikel Turun",
            "Saham Tambang Anjlok",
            "Ekspor Batu Bara Melemah",
        ]
    )
    from summarizer import strip

    paragraphs = strip(text).paragraphs
    assert paragraphs[2:5] == [
        "Senin: US$ 150,2 per ton",
        "Selasa: US$ 147,8 per ton",
        "Rabu: US$ 145,1 per ton",
    ]
    assert "Harga Nikel Turun" not in paragraphs


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Nvidia menjadi perusahaan paling bernilai di dunia pada perdagangan Selasa. "
            '"We are at the beginning of a new industrial revolution, and every company will '
            'need to build AI factories with us," kata CEO Nvidia. "The demand is real, but the '
            'stock is priced for perfection," ujar seorang analis. Saham Nvidia naik 3,5 persen '
            "dalam sehari karena permintaan chip untuk kecerdasan buatan terus meningkat.",
            "id",
        ),
        (
            "President Prabowo announced the members of his cabinet on Sunday night, retaining "
            "several ministers who served under his predecessor, and the new cabinet is larger "
            'than the previous one. "Ini kabinet yang kuat," he said.',
            "en",
        ),
    ],
)
def test_body_language_reads_the_narration(text: str, language: str) -> None:
    assert body_language(text) == language


def test_unwrap_keeps_brand_lines_apart() -> None:
    lines = [
        "LIVE: Gempa M 5,6 Guncang Cianjur, Ini Perkembangan Terkini",
        "kumparanNEWS",
        "Ketua Bawaslu RI Rahmat Bagja. Foto: Ricardo/JPNN.com",
        "jpnn.com, JAKARTA - Bawaslu menemukan ratusan alat peraga kampanye.",
    ]
    assert unwrap(lines) == lines


def test_unwrap_joins_only_mid_sentence_breaks() -> None:
    lines = [
        "Pemerintah menaikkan anggaran pendidikan tahun depan menjadi",
        "sebesar Rp 660 triliun.",
        "Ini paragraf baru.",
    ]
    assert unwrap(lines) == [
        "Pemerintah menaikkan anggaran pendidikan tahun depan menjadi sebesar Rp 660 triliun.",
        "Ini paragraf baru.",
    ]


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("<!DOCTYPE html><html><body><p>Halo</p></body></html>", True),
        ("<div><p>Satu</p><p>Dua</p></div>", True),
        ("  <html>\n<head><title>x</title></head><body>y</body></html>", True),
        ("Harga 5 < 6 dan 7 > 3, kata dia.", False),
        ("JAKARTA, iNews.id - Indonesia dan Korea.\n\nParagraf kedua.", False),
    ],
)
def test_is_html(text: str, html: bool) -> None:
    assert is_html(text) is html


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Pemerintah akan menambah bus listrik untuk mengurangi emisi di ibu kota.", "id"),
        ("The government will add electric buses to cut emissions in the capital.", "en"),
        ("12345 67890", None),
    ],
)
def test_detect_language(text: str, language: str | None) -> None:
    assert detect_language(text) == language


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.text(max_size=400), st.binary(max_size=400)))
def test_any_input_gives_an_article_or_a_package_error(raw: str | bytes) -> None:
    from summarizer import strip

    try:
        article = strip(raw)
    except SummarizerError:
        return
    assert article.paragraphs, "never an empty result presented as success"
    assert all(p.strip() for p in article.paragraphs)
