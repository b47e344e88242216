"""Word lists: Indonesian function words, and English words a translation may share.

Kept small and self-contained on purpose: the checks only need to tell an English
sentence from one that kept Indonesian words, not to parse either language. These are
not :mod:`summarizer.language`'s lists, which tell a whole text's language by its most
frequent words: a single word here must be evidence on its own, so Indonesian words that
are also English ("para", "pun") are left out and English loanwords are listed.
"""

from __future__ import annotations

import re

# Frequent Indonesian function and high-frequency words that have no English homograph
# (so "per", "para", "pun", "lain", "situ", "mana" are left out).
INDONESIAN_WORDS = frozenset(
    """
    yang dan di ke dari untuk dengan ini itu pada adalah dalam oleh tidak akan juga
    sudah telah bahwa karena atau tetapi tapi namun jika kalau saat ketika sebagai
    merupakan serta hingga sampai agar supaya masih lebih sangat belum bagi tersebut
    antara setelah sebelum kami kita mereka dia ia saya anda kamu lagi sedang harus
    dapat bisa secara terhadap tentang yaitu yakni sejak selama seperti bagaimana mengapa
    apa siapa kapan dimana tak bukan jangan maka sehingga bahkan hanya semua setiap
    beberapa banyak sebuah seorang tahun hari kata ujar menurut mengatakan kepada atas
    bawah pula sendiri kembali baru sama bersama melalui tanpa daripada orang akan telah
    sekitar yakni kini nanti pernah sempat sering selalu tersebut ialah pun lalu kemudian
    para pihak warga negara pemerintah masyarakat dengan sedangkan walaupun meskipun
    bila apabila ada tiada punya miliki memiliki menjadi membuat melakukan memberikan
    terjadi mendapatkan berada bertemu adanya saja hal cara lewat usai jelang guna
    satu dua tiga empat enam tujuh delapan sembilan sepuluh sebelas seratus seribu
    """.split()
) - {"per", "pun", "para"}

# English function words: words a translation shares with its source without having
# left anything untranslated ("a", "data", "radio" are not evidence of Indonesian).
ENGLISH_WORDS = frozenset(
    """
    a an the and or but if of in on at to for from by with as is are was were be been
    being am do does did have has had not no yes it its this that these those there here
    he she they we you i me him her them us my your his our their what which who whom
    whose when where why how all any both each few more most other some such only own
    same so than too very can will just should now also into over under about after
    before between through during without within against up down out off again further
    then once per via vs pro data media radio video film total internet online hotel
    program sport formal normal final general global local regional national social
    bank taxi menu status visa area era idea drama opera agenda
    """.split()
)

_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z]*(?:-[a-z]+)*(?![\w'’])")


def lower_words(text: str) -> list[str]:
    """The words of ``text`` that are written in lower case (so not names or acronyms)."""
    return _LOWER_WORD.findall(text)


def looks_indonesian(word: str) -> bool:
    """Whether a lower-case word is an Indonesian function word or bears an Indonesian suffix."""
    if word in INDONESIAN_WORDS:
        return True
    if "-" in word:
        left, _, right = word.partition("-")
        if left == right or left in ("se", "ke", "di"):
            return True  # reduplication ("undang-undang") or a prefixed number ("ke-3")
    return len(word) >= 6 and word.endswith(("nya", "kan"))
