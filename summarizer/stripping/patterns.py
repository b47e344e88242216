"""Boilerplate patterns of Indonesian (and English) news pages, shared by both strippers.

Each pattern matches one whole line (a paragraph of the page or a line of pasted text).
They describe what these sites put around an article: "Baca juga" links, photo credits,
staff lines, share counters, date lines, related-headline lists and footers. They are
written for the kind of line, never for one site's exact wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DAYS = r"(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MONTHS = (
    r"(?:januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember"
    r"|jan|feb|mar|apr|jun|jul|agu|ags|agt|aug|sep|sept|okt|oct|nov|des|dec"
    r"|january|february|march|may|june|july|august|october|december)"
)
_TIME = r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:wib|wita|wit|gmt|utc)?"
_NUMERIC_DATE = r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"
_WORD_DATE = r"\d{1,2}\s+" + _MONTHS + r"\.?,?\s+\d{4}"

# A line that only announces a link or a widget: it never belongs to the body.
LINK_ANNOUNCE = re.compile(
    r"^\W*(?:baca\s+(?:juga|pula|selengkapnya|lainnya|berita|artikel)|baca\s*:|jangan\s+lewatkan\s+(?:video|berita)|lihat\s+(?:juga|foto|video|selengkapnya)"
    r"|simak\s+(?:juga|video|berita|selengkapnya|di\s+sini|breaking|informasi|update|artikel)"
    r"|tonton\s+(?:juga|video)|pilihan\s+editor\s*:|dapatkan\s+(?:update|berita|informasi|info)"
    r"|follow\s+(?:berita|kami|us|whatsapp|channel|saluran|instagram)|ikuti\s+(?:kami|berita|saluran|update|whatsapp|channel)"
    r"|dengarkan\s+(?:artikel|berita)|(?:download|unduh)\s+(?:aplikasi|app)(?!(?:\s+\S+){10})|baca\s+berita\s+dengan|lanjutkan\s+membaca"
    r"|saksikan\s+(?:juga|video|live|siaran)|dengarkan\s+juga|cek\s+berita"
    r"|klik\s+(?:di\s+sini|untuk|link)|artikel\s+ini\s+telah\s+(?:tayang|terbit)"
    r"|gambas\s*:|\[gambas|advertisement|scroll\s+to\s+continue|lanjut(?:kan)?\s+baca"
    r"|read\s+(?:more|also|next)\s*:?|read\s*:|also\s+read|related(?:\s+(?:news|stories|articles?))?\s*:|see\s+also|click\s+here"
    r"|editor'?s\s+(?:choice|picks?)\s*:"
    # skip links and the ends of embedded widgets ("Lewati ... dan lanjutkan membaca",
    # "Akhir dari Podcast"), and an ad label alone
    r"|lewati\s+.{1,60}?\s+dan\s+lanjutkan\s+membaca|lewati\s+(?:iklan|podcast|video)"
    r"|lompati\s+ke\s+konten|skip\s+to\s+(?:content|main)|akhir\s+dari(?:\s+\S+){1,5}\s*$"
    r"|iklan\W*$|perbarui\W*$|refresh\W*$|muat\s+ulang\W*$"
    # "Baca kisah inspiratif ... di sini": a promotion that points "here"
    r"|(?:baca|klik|simak|cek|lihat|tonton)\s.{0,80}?\bdi\s+sini\b)(?!\w)",
    re.IGNORECASE,
)

# Pagination: "Halaman 1 dari 3", "Selanjutnya", "1 2 3 Selanjutnya".
PAGINATION = re.compile(
    r"^\W*(?:(?:halaman|page)\s*\d*(?:\s*(?:dari|of|/)\s*\d+)?|\d+(?:\s+\d+)*)?\s*"
    r"(?:selanjutnya|sebelumnya|berikutnya|next|prev(?:ious)?|halaman\s+\d+|tampilkan\s+semua|show\s+all)?\W*$",
    re.IGNORECASE,
)

# Headings of the lists that follow an article (related, popular, latest...).
LIST_HEADING = re.compile(
    r"^\W*(?:artikel|berita|topik|video|foto|tag|konten)\s+(?:terkait|terkini|terbaru|lainnya|pilihan|populer|rekomendasi|menarik)"
    r"|^\W*(?:terpopuler|terkomentari|terkini|terbaru|terkait|lainnya|video\s+pilihan|foto\s+pilihan|jangan\s+lewatkan|rekomendasi(?:\s+untuk\s+anda)?"
    r"|pilihan\s+(?:editor|redaksi|untukmu)|berita\s+utama|most\s+(?:popular|commented|read)|trending(?:\s+tag)?"
    r"|kumpulan\s+berita|topik\s+pilihan|pilihan\s+untukmu|berita\s+populer|baca\s+lainnya|lihat\s+juga|baca\s+juga|komentar(?:\s+pembaca)?|related\s+(?:articles|stories|news)"
    r"|populer|headline|indeks\s+berita|index\s+berita|you\s+may\s+also\s+like|more\s+stories|news\s+feed|berita\s+lain(?:nya)?|glossary|kamus(?:\s+istilah)?)\W*$",
    re.IGNORECASE,
)
# Headings of the recommendation boxes that sites put in the middle of an article.
RELATED_HEADING = re.compile(
    r"^\W*(?:anda\s+mungkin\s+juga\s+(?:tertarik|suka)(?:\s+dengan)?"
    r"|(?:(?:yang|cerita|berita|artikel)\s+)?paling\s+banyak\s+dibaca)\W*$",
    re.IGNORECASE,
)

# Staff and source lines: "Editor: ...", "Pewarta: ...", "Penulis : ...".
STAFF = re.compile(
    r"^\W*(?:editor|redaktur|pewarta|penulis|reporter|wartawan|kontributor|penyunting|penyelaras|oleh"
    r"|fotografer|videografer|produser|writer|author|editing\s+by|reporting\s+by|uploader"
    r"|copy\s*editor|desain|grafis|ilustrator|rep|red)(?:\s+(?:&|dan|and)\s+\w+)?(?:\s+\w+)?\s*[:：|]",
    re.IGNORECASE,
)
# "Penulis, Nama" / "Peran, Wartawan ..." / "Melaporkan dari, Kota": a byline block that
# puts a comma where others put a colon (short lines only).
STAFF_COMMA = re.compile(
    r"^\W*(?:[Pp]enulis|[Pp]eran|[Mm]elaporkan\s+dari|[Rr]eporting\s+from|[Rr]ole)\s*,\s*[A-Z]"
)
# A message of a chat pasted from WhatsApp: "[09.16, 24/2/2025] Bu Wulan: ..." (or "24/02/25 09.16 - Name: ...").
CHAT_MESSAGE = re.compile(
    r"^\[\d{1,2}[.:]\d{2}(?:[.:]\d{2})?,\s*\d{1,2}/\d{1,2}/\d{2,4}\]\s*[^:]{1,40}:"
    r"|^\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}[.:]\d{2}\s+-\s+[^:]{1,40}:"
)
# "Aditya Pramana (The Jakarta Post)", "By Rina Sari (Reuters)": a name and its outlet alone.
NAME_AND_OUTLET = re.compile(
    r"^(?:[Bb]y\s+|[Oo]leh\s+)?[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}"
    r"\s*\((?:The\s+)?[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,3}\)\s*$"
)
# "Laporan wartawan Tribunnews.com, Nama" / "Laporan Reporter X": an intro byline.
REPORT_BYLINE = re.compile(
    r"^\W*laporan\s+(?:wartawan|reporter|koresponden|kontributor|jurnalis)\b.{0,80}$", re.IGNORECASE
)

# Reporter / editor initials closing an article: "(fyk/ash)", "(kpl/pur/tch)", "(ant)", "(*)".
INITIALS = re.compile(
    r"^(?:\(\s*(?:[a-zA-Z*][a-zA-Z0-9*]{0,5}\s*/\s*)*[a-zA-Z*][a-zA-Z0-9*]{0,5}\s*\)"
    r"|\[\s*(?:[a-z][a-z0-9]{1,5}\s*/\s*)*[a-z][a-z0-9]{1,5}\s*\]|[a-z]{2,4}(?:/[a-z]{2,4})+)$"
)
TRAILING_INITIALS = re.compile(
    r"\s*\(\s*(?:[a-zA-Z][a-zA-Z0-9]{1,5}\s*/\s*)+[a-zA-Z*][a-zA-Z0-9*]{0,5}\s*\)\s*$|\s*\(\*\)\s*$"
    # an editor's code, "(Z-2)", "(Ant/P-5)"; an end mark, "***"
    r"|(?<=[.!?\"”])\s*\(\s*(?:[A-Za-z]{2,5}\s*/\s*)?[A-Z]{1,2}-\d{1,2}\s*\)\s*$|(?<=[.!?\"”])\s*\*{3,}\s*$"
    r"|(?<=[.!?\"”])\s*\([a-zA-Z]{2,4}\)\s*$|(?<=[.!?\"”])\s*\[\s*(?:[a-z][a-z0-9]{1,5}\s*/\s*)*[a-z][a-z0-9]{1,5}\s*\]\s*$"
)
# The outlet and its reporter closing an article: "... ucapnya. (Banjarmasinpost.co.id/Muhammad
# Rifani)". A caption ends the same way, so only after quoted speech ("ujarnya", "kata dia").
OUTLET_CLOSER = re.compile(
    r"(?<=[.!?\"”])\s*\((?:[\w-]+\.)+(?:com|id|net)\s*/\s*[^()/]{2,40}\)\s*$"
)
SPOKEN = re.compile(
    r"[\"”],?\s*(?:(?:ujar|ucap|kata|tutur|jelas|ungkap|terang|imbuh|tegas|sebut|pungkas)\w*|kata\s+\w+)",
    re.IGNORECASE,
)
# A "Baca juga: ..." link run into the end of a paragraph.
INLINE_LINK = re.compile(
    r"(?<=[.!?\"”])\s+(?:baca|simak|lihat|tonton)\s+(?:juga|pula)\s*:[^.!?]{0,200}$", re.IGNORECASE
)

# A "Baca juga: <headline>" link in the middle of a paragraph, after a sentence.
MID_LINK = re.compile(r"(?<=[.!?\"”])\s+(?:baca|simak|lihat)\s+(?:juga|pula)\s*:\s*", re.IGNORECASE)
# Words a title-case headline leaves in lower case (Indonesian and English).
TITLE_LOWER = frozenset(
    "di ke dari dan yang untuk dengan atau pada dalam oleh ini itu jadi vs the of and in on to for a an at by".split()
)
# "Sumber: Antara", "Sumber : Liputan6.com": the news outlet a story came from (a press
# release's "Sumber: Pemerintah Kota ..." names its issuer and belongs to it).
SOURCE_LINE = re.compile(r"^\W*sumber\s*:\s*[\w.-]+(?:\s+[\w.-]+)?\W*$", re.IGNORECASE)
# The heading of a comment section, or of a summary box above the lead.
COMMENTS = re.compile(
    r"^\W*(?:\d[\d.,]*\s+)?(?:komentar|comments?|tanggapan)(?:\s*\(\d+\))?\W*$"
    r"|^\W*(?:tulis|lihat|tampilkan|kirim)\s+(?:\d+\s+)?komentar\b.{0,30}$",
    re.IGNORECASE,
)
SUMMARY_HEADING = re.compile(
    r"^\W*(?:ringkasan(?:\s+berita)?|intinya\s+sih|poin\s+(?:penting|utama)|key\s+points|highlights?|in\s+brief)\W*$",
    re.IGNORECASE,
)

# Photo and video credits and captions.
CREDIT = re.compile(
    r"\((?:foto|photo|ilustrasi|dok\.?|dokumentasi|sumber\s+foto|ist\.?|istimewa|video|gambar|image)\s*[:/].{0,120}\)\s*$"
    r"|\((?:ist|istimewa|dok|ilustrasi|shutterstock|getty\s+images|reuters|afp|ap|antara)\)\s*$"
    r"|^\W*(?:foto|photo|video|ilustrasi|gambar|sumber\s+foto|dok\.)\s*[:|]"
    r"|(?:^|[/|(\s])(?:ANTARA\s+FOTO|AFP\s+PHOTO|REUTERS|SHUTTERSTOCK|ISTOCKPHOTO|GETTY\s+IMAGES|FREEPIK|UNSPLASH)\b"
    r"|\b(?:image|photo|foto|gambar|sumber\s+foto|credit)\s*:\s*[^.]{2,60}$"
    r"|©|\(c\)\s|(?:^|\s)/\s*(?:ist|istimewa|dok|net)\.?\s*$",
    re.IGNORECASE,
)
# A caption with its label: "Keterangan gambar, ...", "Sumber gambar, ...", "Keterangan foto: ...".
CAPTION_LABEL = re.compile(
    r"^\W*(?:keterangan\s+(?:gambar|foto)|sumber\s+(?:gambar|foto)|image\s+(?:source|caption)"
    r"|photo\s+caption)\s*[,:|]",
    re.IGNORECASE,
)
# A Tribun-style caption opens with a label in capitals and a dash ("OLAH TKP - Petugas...")
# and closes with its credit in brackets.
CAPS_LABEL = re.compile(r"^[A-Z][A-Z0-9 .,'&]{2,40}\s[-–—]\s")
# A caption's closing credit: "(ANTARA FOTO/Budi Setya)", "(Foto: istimewa)", "(Dok. Humas)".
END_CREDIT = re.compile(
    r"\((?:[^()]{0,40}/\s*[^\W\d][^()]{0,60}|(?:foto|photo|dok\.?|dokumentasi|ilustrasi|ist|istimewa)\b[^()]{0,80})\)\.?\s*$",
    re.IGNORECASE,
)
# "... awal November. Foto: Riska Mokodompit/Mongabay Indonesia.": a caption's credit line.
END_PHOTO_CREDIT = re.compile(
    r"(?<=[.!?])\s+(?:foto|photo|gambar|sumber\s+foto|dok(?:umentasi)?)\s*:\s*[^.:]{2,80}\.?\s*$",
    re.IGNORECASE,
)
# "... di Jakarta. TEMPO/Imam Sukamto": an agency in capitals, a slash, a name, at the end.
END_AGENCY_CREDIT = re.compile(
    r"(?:^|\s)[A-Z]{2,}[\w.]*\s*/\s*[A-Z][\w'.]*(?:\s+[A-Z][\w'.]*){0,3}\s*$"
)
# A caption that names who is where: "(kiri-kanan) ...", "(dari kiri) ...", "(ki-ka) ...".
POSITION_CAPTION = re.compile(
    r"^\(\s*(?:dari\s+)?(?:ki(?:ri)?|ka(?:nan)?|tengah)\b[^)]{0,30}\)", re.IGNORECASE
)
_CREDIT_CASE_SENSITIVE = re.compile(
    r"^[A-Z][\w.&' ]{1,30}/\s?[A-Z][A-Z.'-]+(?:\s[A-Z][A-Z.'-]+)*\b(?:\s|$)"
)

# Counters and share widgets: "1.999 Views", "dibaca 53,203 kali", "0 Komentar", "Tweet".
COUNTER = re.compile(
    r"^\W*(?:\d[\d.,]*\s*(?:views?|kali\s+dibaca|dilihat|komentar|comments?|shares?|likes?|suka|pembaca)"
    r"|dibaca\s+\d[\d.,]*\s*kali"
    r"|(?:(?:bagikan|share|tweet|kirim|salin\s+link|copy\s+link|print|cetak|facebook|twitter|whatsapp"
    r"|telegram|line|email|e-mail|linkedin|pinterest|komentari|tulis\s+komentar|balas|reply|laporkan"
    r"|suka|like|\d+(?=\s|$))\s*)+)\W*$",
    re.IGNORECASE,
)
# "Bacaan 4 Menit", "4 menit membaca", "Waktu baca: 3 menit", "5 min read".
READING_TIME = re.compile(
    r"^\W*(?:(?:bacaan|waktu\s+baca|lama\s+baca|reading\s+time)\s*:?\s*\d+\s*(?:menit|min(?:utes?)?)"
    r"|\d+\s*(?:menit|min(?:utes?)?)\s+(?:membaca|baca|bacaan|read))\W*$",
    re.IGNORECASE,
)
_TRAILING_COUNTER = re.compile(
    r"\|?\s*\d[\d.,]*\s*(?:views?|kali\s+dibaca|dilihat)\s*$", re.IGNORECASE
)

# Date lines and headline items with a date or a "WIB" time.
DATE_LINE = re.compile(
    r"^\W*(?:" + _DAYS + r",?\s+)?(?:" + _NUMERIC_DATE + "|" + _WORD_DATE + r")"
    r"(?:\s*[|,-]?\s*(?:pukul\s+)?" + _TIME + r")?(?:\s*(?:wib|wita|wit))?\W*$"
    r"|^\W*" + _DAYS + r"\W*$",
    re.IGNORECASE,
)
# An item of a news feed under the article: "DETIKNEWS | Kamis 18 Jun 2015, 07:20 WIB" and
# then the teaser of another story (any length: the teaser is a real sentence).
FEED_ITEM = re.compile(
    r"^\W*[A-Z][\w.]{2,24}\s*\|\s*(?:"
    + _DAYS
    + r",?\s+)?(?:"
    + _NUMERIC_DATE
    + "|"
    + _WORD_DATE
    + r")"
    r"[\s,]*(?:pukul\s+)?(?:" + _TIME + r")?",
    re.IGNORECASE,
)
WIB_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:wib|wita|wit)\b", re.IGNORECASE)
HAS_DATE = re.compile(_NUMERIC_DATE + "|" + _WORD_DATE, re.IGNORECASE)
RELATIVE_DATE = re.compile(
    r"^\W*(?:\d+|se|beberapa)\s*(?:detik|menit|jam|hari|minggu|pekan|bulan|tahun|seconds?|minutes?|hours?|days?|weeks?|months?|years?)"
    r"\s+(?:yang\s+)?(?:lalu|ago)\W*$|^\W*(?:baru\s+saja|kemarin|just\s+now|yesterday)\W*$",
    re.IGNORECASE,
)
UPDATED = re.compile(
    r"^\W*(?:diperbarui|diperbaharui|dipublikasikan|diterbitkan|terbit|tayang|update[d]?|published|posted|dibuat)\s*(?:pada|on)?\s*[:]?\s*.{0,60}\d",
    re.IGNORECASE,
)

# Tag lists: "Tag: a, b, c", "#Ahok", "TAGS".
TAG_LINE = re.compile(
    r"^\W*(?:tags?|tagar|topik|topics?|kata\s+kunci|keywords?)\s*[:：]|^\s*#\s*\S.{0,60}$|^\s*#\s*$",
    re.IGNORECASE,
)

# Footers: copyright, all rights reserved, newsletter and app prompts.
FOOTER = re.compile(
    r"copyright|hak\s+cipta|all\s+rights\s+reserved|dilindungi\s+undang|pedoman\s+media\s+siber"
    r"|^\W*(?:download|unduh)\s+(?:aplikasi|app)(?!(?:\s+\S+){10})|^\W*ikuti\s+(?:kami|berita|saluran|update)"
    r"|^\W*(?:follow\s+us|subscribe|berlangganan|newsletter|login|log\s+in|sign\s+in|register|daftar|masuk"
    r"|back\s+to\s+top|kembali\s+ke\s+atas|ke\s+atas|selengkapnya|lihat\s+semua|load\s+more|muat\s+lebih"
    r"|(?:sign\s+in|login|masuk)\s*(?:/|\||atau)\s*(?:register|daftar))\W*$"
    r"|redaksi\s*:\s*\S+\[at\]|\[at\]|informasi\s+pemasangan\s+iklan"
    r"|dilarang\s+(?:keras\s+)?(?:mengambil|mengutip|menyalin|memperbanyak)|tanpa\s+izin\s+(?:tertulis|redaksi)"
    r"|pastikan\s+kamu\s+sudah\s+install",
    re.IGNORECASE,
)

# A promotion that ends in a link: "Baca artikel detiknews, "..." selengkapnya https://...",
# "Klik untuk baca: https://...", "Android: https://bit.ly/...". Body sentences that end in an
# address ("daftar melalui laman https://...") have none of these cue words.
PROMO_LINK = re.compile(
    r"\b(?:selengkapnya|klik|baca|download|unduh|install|instal|gabung|bergabung|join|saluran|channel"
    r"|whatsapp|telegram|google\s+news|follow|ikuti|subscribe|android|ios|app\s+store|play\s+store)"
    r"\b.{0,300}?(?:https?://|www\.|bit\.ly/)\S+\s*$",
    re.IGNORECASE,
)

# Paywalls and login walls: "Anda sedang membaca artikel premium", "Berlangganan sekarang...",
# "Silakan login untuk berkomentar", "Sudah punya akun?".
PAYWALL = re.compile(
    r"\b(?:artikel|konten|berita)\s+(?:premium|eksklusif|khusus\s+pelanggan)"
    r"|\bberlangganan\s+(?:sekarang|untuk|tempo|kompas|digital|mulai)|akses\s+tanpa\s+batas"
    r"|sudah\s+(?:berlangganan|punya\s+akun|memiliki\s+akun)|belum\s+(?:berlangganan|punya\s+akun)"
    r"|(?:login|masuk|daftar)\s+(?:terlebih\s+dahulu\s+)?untuk\s+(?:membaca|berkomentar|memberikan\s+komentar|melanjutkan|mengakses)"
    r"|untuk\s+membaca\s+(?:artikel|berita)\s+(?:ini\s+)?selengkapnya"
    r"|(?:subscribe|sign\s+in|log\s+in)\s+to\s+(?:read|continue|comment)|premium\s+(?:article|content)",
    re.IGNORECASE,
)

# Disclaimers, cookie notices and contact lines: never the article, however long.
NOTICE = re.compile(
    r"^\W*(?:disclaimer|penafian)\s*:"
    r"|\b(?:kami|situs\s+(?:ini|kami)|website\s+(?:ini|kami)|we|this\s+(?:site|website))\s+"
    r"(?:menggunakan|memakai|uses?)\s+(?:cookies?|kuki)\b"
    r"|^\W*[\w.+-]+@[\w-]+(?:\.[\w-]+)+\W*$"
    # sponsored content and the standard notes under stories of suicide or depression
    r"|^\W*(?:advertorial|sponsored\s+content|konten\s+bersponsor)\b"
    r"|\b(?:artikel|konten)\s+ini\s+(?:merupakan|adalah)\s+(?:kerja\s+sama|advertorial|konten\s+bersponsor)"
    # the outlet's own channels: "BBC News Indonesia hadir di WhatsApp", "... langsung di WhatsApp Anda"
    r"|^\W*(?:\S+\s+){0,5}hadir\s+di\s+(?:whatsapp|telegram|google\s+news|line|instagram|tiktok)\W*$"
    r"|\blangsung\s+(?:di|ke)\s+(?:whatsapp|telegram|ponsel|hp|e-?mail|inbox)\s+(?:anda|kamu)\W*$"
    # an opinion column's standard note: "... tidak selalu mencerminkan sikap redaksi"
    r"|tidak\s+(?:selalu\s+|serta-merta\s+)?mencerminkan\s+(?:sikap|pandangan|kebijakan|pendapat)\s+(?:redaksi|media)"
    r"|bunuh\s+diri\s+bukan(?:lah)?\s+(?:jawaban|solusi)|depresi\s+bukan(?:lah)?\s+persoalan\s+sepele"
    r"|(?:jika|bila|apabila)\s+anda[^.]{0,80}(?:pemikiran|gejala\s+depresi|keinginan)\s+(?:untuk\s+)?(?:bunuh\s+diri|depresi)",
    re.IGNORECASE,
)

# A dateline: a place (and source) then a dash, before the lead: "JAKARTA, iNews.id -",
# "Liputan6.com, Jakarta -", "Mataram, NTB (ANTARA News) -", "Jakarta -".
_PLACE = r"(?:[A-Z][\w.'’]*|[a-z][\w-]*\.(?:com|id|co\.id|co|net))(?:\s+[A-Z][\w.'’]*){0,3}"
_SOURCE = r"(?:,\s*[\w.'’/]+(?:\s+[\w.'’/]+){0,3})?"
_PAREN = r"(?:\s*\([^)]{1,60}\))?"
_DATELINE = _PLACE + _SOURCE + _PAREN + r"\s*[-–—]{1,2}"
# A dateline alone on its line.
DATELINE_ALONE = re.compile("^" + _DATELINE + r"\s*$")
# A dateline that opens the lead paragraph.
DATELINE = re.compile("^" + _DATELINE + r"\s+\S")


# No boilerplate line is longer than this; longer lines skip the patterns (and their cost).
_MAX_PATTERN_CHARS = 1500
# A closing credit fits in this many characters at the end of a caption.
_CREDIT_TAIL = 160
# Trailing patterns look at the end of a paragraph only.
_TAIL = 300
_QUOTE_ENDS = ('"', "”")


@dataclass(frozen=True)
class Rule:
    """One row of the boilerplate table: a line of this ``kind`` matches ``pattern``.

    Attributes:
        kind: what the line is ("link", "credit", "staff"...); its weight is in :data:`WEIGHTS`.
        pattern: the regular expression.
        max_words: lines with more words are never this kind (body sentences mention the
            same words), or None for no limit.
        where: what the pattern is tried on: ``"start"`` (matched at the line's start),
            ``"anywhere"`` (searched in the whole line), ``"tail"`` (searched in its last
            300 characters), ``"credit"`` (searched in its last 160 characters, after
            closing initials are cut: where a caption puts its credit).
        also: a second pattern that must be found in the credit window too, or None.
        not_ending: a line that ends with one of these is not this kind (quoted speech).
    """

    kind: str
    pattern: re.Pattern[str]
    max_words: int | None = None
    where: str = "start"
    also: re.Pattern[str] | None = None
    not_ending: tuple[str, ...] = ()


# The table, in order: the first row that a line matches gives its kind. Adding a site's
# quirk is a row here (and a row in tests/test_strip_rules.py).
RULES: tuple[Rule, ...] = (
    Rule("chat", CHAT_MESSAGE),
    Rule("link", LINK_ANNOUNCE, 60),
    Rule("notice", NOTICE, 60, "anywhere"),
    Rule("notice", PAYWALL, 60, "anywhere"),
    Rule("list-heading", COMMENTS, 8),
    Rule("summary", SUMMARY_HEADING, 4),
    Rule("staff", SOURCE_LINE),
    Rule("link", PROMO_LINK, 40, "tail"),
    Rule("pagination", PAGINATION, 12),
    Rule("staff", STAFF),
    Rule("staff", REPORT_BYLINE, 12),
    Rule("staff", STAFF_COMMA, 8),
    Rule("staff", NAME_AND_OUTLET, 8),
    Rule("list-heading", LIST_HEADING, 12),
    Rule("related", RELATED_HEADING, 8),
    Rule("initials", INITIALS, 4),
    Rule("credit", CAPTION_LABEL, 80),
    Rule("credit", CAPS_LABEL, 80, also=END_CREDIT),
    Rule("credit", END_CREDIT, 80, "credit"),
    Rule("credit", POSITION_CAPTION, 80),
    Rule("credit", END_AGENCY_CREDIT, 80, "credit"),
    Rule("credit", END_PHOTO_CREDIT, 80, "credit"),
    Rule("footer", FOOTER, 40, "anywhere"),
    Rule("credit", CREDIT, 25, "anywhere"),
    Rule("credit", _CREDIT_CASE_SENSITIVE, 40, not_ending=_QUOTE_ENDS),
    Rule("credit", _CREDIT_CASE_SENSITIVE, 25),
    Rule("counter", COUNTER, 12),
    Rule("counter", READING_TIME, 12),
    Rule("date", DATE_LINE, 12),
    Rule("date", RELATIVE_DATE, 12),
    Rule("date", UPDATED, 12),
    Rule("dated-headline", WIB_TIME, 20, "anywhere", not_ending=(".", *_QUOTE_ENDS)),
    Rule("feed-item", FEED_ITEM),
    Rule("tags", TAG_LINE, 30),
)

# How much a line of each kind counts against the body (the line scorer adds these).
# Inline clutter ("Baca juga" links, ad markers, counters) sits inside articles, so it
# weighs little; what closes an article (list headings, footers, staff lines) weighs most.
WEIGHTS: dict[str, float] = {
    "list-heading": -40.0,
    "footer": -15.0,
    "staff": -15.0,
    "link": -3.0,
    "related": -3.0,
    "counter": -3.0,
    "pagination": -3.0,
    "credit": -5.0,
    "initials": -5.0,
    "dated-headline": -6.0,
}
DEFAULT_WEIGHT = -8.0


def weight(kind: str) -> float:
    """The score of a boilerplate line of ``kind``."""
    return WEIGHTS.get(kind, DEFAULT_WEIGHT)


def is_boilerplate(line: str) -> str | None:
    """The kind of boilerplate ``line`` is (``"link"``, ``"credit"``...), or None: the
    first row of :data:`RULES` that the line matches."""
    text = line.strip()
    if not text or len(text) > _MAX_PATTERN_CHARS:
        return None
    words = len(text.split())
    credit_tail: str | None = None
    for rule in RULES:
        if rule.max_words is not None and words > rule.max_words:
            continue
        if rule.not_ending and text.endswith(rule.not_ending):
            continue
        if rule.where == "start":
            found = rule.pattern.match(text)
        elif rule.where == "anywhere":
            found = rule.pattern.search(text)
        elif rule.where == "tail":
            found = rule.pattern.search(text[-_TAIL:])
        else:
            if credit_tail is None:
                credit_tail = " " + strip_trailing_initials(text)[0][-_CREDIT_TAIL:]
            found = rule.pattern.search(credit_tail)
        if found and (rule.also is None or rule.also.search(" " + text[-_CREDIT_TAIL:])):
            return rule.kind
    return None


def strip_trailing_initials(paragraph: str) -> tuple[str, str | None]:
    """``paragraph`` without closing reporter initials, and the initials removed (or None)."""
    offset = max(0, len(paragraph) - _TAIL)
    match = TRAILING_INITIALS.search(paragraph, offset)
    if not match:
        match = OUTLET_CLOSER.search(paragraph, offset)
        if match and not SPOKEN.search(paragraph, max(0, match.start() - _TAIL), match.start()):
            match = None
    if not match or match.start() == 0:
        return paragraph, None
    return paragraph[: match.start()].rstrip(), match.group().strip()


def strip_inline_link(paragraph: str) -> tuple[str, str | None]:
    """``paragraph`` without a "Baca juga: ..." link run into it, and the link (or None).

    At the end of the paragraph the link is the rest of it; in the middle, the link is the
    headline in title case, up to the word that opens the next sentence (the capitalised
    word before the first lower-case content word).
    """
    match = INLINE_LINK.search(paragraph, max(0, len(paragraph) - _TAIL))
    if match:
        return paragraph[: match.start()].rstrip(), match.group().strip()
    middle = MID_LINK.search(paragraph)
    if not middle:
        return paragraph, None
    tokens = list(re.finditer(r"\S+", paragraph[middle.end() :]))
    for k, token in enumerate(tokens):
        word = token.group().strip("\"'“”‘’()[],.:;!?")
        if word and word[0].islower() and word.lower() not in TITLE_LOWER:
            # The next sentence opens with the last capitalised word before this one
            # ("... Cegah Tawuran Warga yang terbangun": "Warga").
            j = k - 1
            while j > 0 and tokens[j].group()[0].islower():
                j -= 1
            if j < 2:
                return paragraph, None
            cut = middle.end() + tokens[j].start()
            link = paragraph[middle.start() : cut].strip()
            return f"{paragraph[: middle.start()].rstrip()} {paragraph[cut:]}", link
    return paragraph, None


def strip_trailing_counter(line: str) -> str:
    """``line`` without a trailing view counter ("... 1.067 views")."""
    offset = max(0, len(line) - _TAIL)
    return line[:offset] + _TRAILING_COUNTER.sub("", line[offset:]).rstrip(" |")
