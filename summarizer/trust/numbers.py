"""Numbers, amounts, dates and times: read in Indonesian, looked for in English.

Indonesian writes ``3.016`` for 3,016 and ``3,5`` for 3.5; amounts carry scale words
(``Rp 1,9 miliar`` is IDR 1.9 billion); times use a dot (``pukul 08.00 WIB``); dates are
day first (``11/10/2023``). :func:`source_quantities` reads each quantity of an
Indonesian sentence into the set of values it may stand for, :func:`target_values` reads
every value an English sentence states in any usual form (``3,016``, ``1.9 billion``,
``Rp1.9bn``, ``two``, ``third``, ``8 a.m.``, ``October 11, 2023``), and
:func:`missing_quantities` lists the source quantities the English does not carry.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from collections import Counter
from dataclasses import dataclass, field

# Indonesian scale words (and common abbreviations) and the factor they stand for.
_ID_SCALES = {
    "ribu": 1e3,
    "rb": 1e3,
    "juta": 1e6,
    "jt": 1e6,
    "miliar": 1e9,
    "milyar": 1e9,
    "triliun": 1e12,
}
_EN_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
# Abbreviations that may also be units ("5 m" is five metres): keep the bare value too.
_AMBIGUOUS_EN_SCALES = frozenset({"k", "m", "b"})
_SCALE_NAMES = {1e3: "thousand", 1e6: "million", 1e9: "billion", 1e12: "trillion"}

_ID_UNITS = {
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
}
# "satu" is left out on purpose: it is as often "a"/"an"/"one of" as the number one.
_ID_WHOLE = {"sepuluh": 10, "sebelas": 11, "seratus": 100}
_ID_SE_SCALES = {"seribu": 1e3, "sejuta": 1e6, "semiliar": 1e9, "setriliun": 1e12}
# "kedua" is left out: it means "both" ("kedua negara", the two countries) as often
# as "second".
_ID_ORDINALS = {
    "ketiga": 3,
    "keempat": 4,
    "kelima": 5,
    "keenam": 6,
    "ketujuh": 7,
    "kedelapan": 8,
    "kesembilan": 9,
    "kesepuluh": 10,
}
# Vague quantities and the English words (stems) that render them.
_ID_VAGUE = {
    "puluhan": ("dozen", "tens", "score", "decades"),
    "ratusan": ("hundred",),
    "ribuan": ("thousand",),
    "jutaan": ("million",),
    "miliaran": ("billion",),
    "triliunan": ("trillion",),
}

# English word starts that carry a small number written as an Indonesian word ("empat
# bola" is "fourballs", "tiga kali lipat" "tripled").
_EN_STEMS = {
    2: ("two", "second", "both", "double", "twice", "pair", "couple", "twin", "dual", "bienn"),
    3: ("three", "third", "tri"),
    4: ("four", "quad", "quart"),
    5: ("five", "fifth", "quint", "penta"),
    6: ("six", "hex"),
    7: ("seven",),
    8: ("eight",),
    9: ("nine", "ninth"),
    10: ("ten", "decade"),
    11: ("eleven",),
    12: ("twelve", "twelfth", "dozen"),
    100: ("hundred", "century", "centen"),
    1000: ("thousand", "millenni"),
}
_EN_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "hundredth": 100,
    "thousandth": 1000,
    "both": 2,
    "couple": 2,
    "pair": 2,
    "twice": 2,
    "double": 2,
    "twin": 2,
    "twins": 2,
    "half": 0.5,
    "triple": 3,
    "doubled": 2,
    "tripled": 3,
    "quadruple": 4,
    "quadrupled": 4,
    "dual": 2,
    "biennial": 2,
    "bilingual": 2,
    "bilateral": 2,
    "thrice": 3,
    "decade": 10,
    "decades": 10,
    "century": 100,
}
_EN_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}

_ID_NUMBER = re.compile(
    r"(?<![\d,/])(?<!\d\.)(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?"
    r"|\d+,\d+|\d+\.\d+|\d+)(?![\d/])"
    r"(?:\s*(?P<scale>ribu|rb|juta|jt|miliar|milyar|triliun)\b)?"
    r"(?:\s*(?P<pct>%|persen\b))?"
)
_ID_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])")
_ID_TIME_CONTEXT = re.compile(r"(?:pukul|pkl\.?|jam)\s*$", re.IGNORECASE)
_ID_TIME_ZONE = re.compile(r"^\s*(?:WIB|WITA|WIT)\b")
_CURRENCY_CODES = {
    "rp": "IDR",
    "idr": "IDR",
    "us$": "US$",
    "usd": "US$",
    "$": "$",
    "s$": "S$",
    "rm": "RM",
    "€": "EUR",
    "£": "GBP",
}
_ID_CURRENCY = re.compile(r"(?:Rp\.?|IDR|US\$|USD|\$|S\$|RM|€|£)\s*$")
_DIGITS_BEFORE = re.compile(r"\d[\d.,]*\s*$")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

_EN_NUMBER = re.compile(
    r"(?<![\d])(?<!\d[.,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+,\d{1,2}(?!\d)|\d+(?:\.\d+)?|\.\d+)"
    r"(?:\s*-?\s*(?P<scale>thousand|million|billion|trillion|bn|mn|mln|tn|k|m|b)\b)?"
)
_EN_TIME = re.compile(
    r"(?<![\d.:])(\d{1,2})(?:[:.](\d{2}))?\s*(?:(a\.?\s?m\b\.?)|(p\.?\s?m\b\.?)|(o'clock))",
    re.IGNORECASE,
)
_EN_CLOCK = re.compile(r"(?<![\d.:])(\d{1,2})[:.](\d{2})(?![\d])")
_EN_MILITARY = re.compile(r"(?<![\d.:,])([01]\d|2[0-4])([0-5]\d)(?![\d.,])")
_EN_DATE_NUMERIC = re.compile(r"(?<![\d/])(\d{1,4})[/-](\d{1,2})[/-](\d{1,4})(?![\d/])")


_MONTHS = "|".join(sorted(_EN_MONTHS, key=len, reverse=True))
_EN_DAY_MONTH = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTHS})\b\.?,?(?:\s+(\d{{4}}))?",
    re.IGNORECASE,
)
_EN_MONTH_DAY = re.compile(
    rf"\b({_MONTHS})\b\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b,?(?:\s+(\d{{4}}))?", re.IGNORECASE
)


@dataclass(frozen=True)
class Quantity:
    """A quantity stated in the source, and every value an English rendering may have.

    ``text`` is the quantity as the source writes it, ``english`` the value as an English
    reader would expect it; a quantity is carried over when the translation states any
    of ``values``, any of ``times`` (minutes after midnight), the ``date`` (day, month,
    year), or a word starting with one of ``words`` (``dozen`` for ``puluhan``, ``four``
    for ``empat``). ``count`` is how many times the source states it: a number said twice
    must be found twice.
    """

    text: str
    english: str
    values: frozenset[float] = frozenset()
    times: frozenset[int] = frozenset()
    date: tuple[int, int, int] | None = None
    words: tuple[str, ...] = ()
    count: int = 1
    currency: str = ""

    @property
    def label(self) -> str:
        """The value with its currency, as a message shows it: ``IDR 1.9 billion``."""
        return f"{self.currency} {self.english}" if self.currency else self.english


@dataclass(frozen=True)
class Stated:
    """What an English sentence states: numeric values, clock times and dates.

    ``counts`` says how many numbers of the sentence may stand for each value.
    """

    values: frozenset[float] = frozenset()
    times: frozenset[int] = frozenset()
    dates: frozenset[tuple[int, int, int]] = field(default_factory=frozenset)
    text: str = ""
    counts: Counter[float] = field(default_factory=Counter)


def source_quantities(text: str) -> list[Quantity]:
    """The quantities an Indonesian sentence states, in order, without duplicates.

    Args:
        text: one Indonesian sentence (or a short paragraph).

    Returns:
        One :class:`Quantity` per distinct number, amount, date, time, number word or
        vague amount (``puluhan``, ``ribuan``).
    """
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for match in _ID_DATE.finditer(text):
        day, month, year = (int(g) for g in match.groups())
        if 1 <= day <= 31 and 1 <= month <= 12:
            year = year + 2000 if year < 100 else year
            english = f"{_month_name(month)} {day}, {year}"
            found.append(Quantity(match.group(), english, date=(day, month, year)))
            taken.append(match.span())
    for match in _ID_NUMBER.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        quantity = _digits_quantity(text, match)
        if quantity is not None:
            found.append(quantity)
    found.extend(_word_quantities(text))
    unique: list[Quantity] = []
    for quantity in found:
        for i, other in enumerate(unique):
            if _same(quantity, other):
                unique[i] = dataclasses.replace(other, count=other.count + 1)
                break
        else:
            unique.append(quantity)
    return unique


def target_values(text: str) -> Stated:
    """Every value, clock time and date an English sentence states, in any usual form."""
    values: set[float] = set()
    times: set[int] = set()
    dates: set[tuple[int, int, int]] = set()
    counts: Counter[float] = Counter()
    for match in _EN_NUMBER.finditer(text):
        readings = _english_number_values(match.group("num"), match.group("scale"))
        values.update(readings)
        counts.update(readings)
    for match in _EN_TIME.finditer(text):
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour > 24 or minute > 59:
            continue
        if match.group(3) and hour == 12:
            hour = 0
        elif match.group(4) and hour < 12:
            hour += 12
        times.add(hour * 60 + minute)
        if match.group(5):
            times.add((hour + 12) * 60 + minute)
    for match in _EN_CLOCK.finditer(text):
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour <= 24 and minute <= 59:
            times.update({hour * 60 + minute, (hour + 12) * 60 + minute})
            values.add(float(hour))
    for match in _EN_MILITARY.finditer(text):  # "1200 GMT"
        times.add(int(match.group(1)) * 60 + int(match.group(2)))
    values.update(time // 60 for time in times)
    values.update(time // 60 - 12 for time in times if time >= 13 * 60)
    dates.update(_english_dates(text))
    values.update(_english_word_values(text))
    return Stated(frozenset(values), frozenset(times), frozenset(dates), text.lower(), counts)


def missing_quantities(source: str, target: str) -> list[Quantity]:
    """The quantities of ``source`` (Indonesian) that ``target`` (English) does not state."""
    quantities = source_quantities(source)
    if not quantities:
        return []
    stated = target_values(target)
    return [q for q in quantities if not is_stated(q, stated)]


def is_stated(quantity: Quantity, stated: Stated) -> bool:
    """Whether the English ``stated`` carries ``quantity`` in any of its forms."""
    if any(_starts_word(word, stated.text) for word in quantity.words):
        return True
    if quantity.date is not None:
        day, month, year = quantity.date
        if quantity.date in stated.dates or (day, month, 0) in stated.dates:
            return True
        return {float(day), float(year)} <= stated.values
    if quantity.times & stated.times:
        return True
    if quantity.count > 1 and not quantity.words:
        found = max(
            (n for v, n in stated.counts.items() if _has_value(quantity.values, frozenset({v}))),
            default=0,
        )
        return found >= quantity.count
    return _has_value(quantity.values, stated.values)


@functools.lru_cache(maxsize=1024)
def _word_start(word: str) -> re.Pattern[str]:
    """A regex finding ``word`` at the start of a word."""
    return re.compile(r"(?<![a-z])" + re.escape(word))


def _starts_word(word: str, text: str) -> bool:
    """Whether a word of (lower-case) ``text`` starts with ``word``."""
    return _word_start(word).search(text) is not None


def english_number(value: float) -> str:
    """``value`` as English writes it: ``3,016``, ``3.5``, ``1.9 billion``."""
    for factor in (1e12, 1e9, 1e6):
        if abs(value) >= factor and _close(round(value / factor, 3) * factor, value):
            return f"{_plain(value / factor)} {_SCALE_NAMES[factor]}"
    return _plain(value)


def _digits_quantity(text: str, match: re.Match[str]) -> Quantity | None:
    """The quantity of one run of digits in Indonesian text (with scale and percent)."""
    raw = match.group("num")
    scale_word = match.group("scale")
    before = text[: match.start()]
    after = text[match.end() :]
    if before[-1:].isalpha() and not _ID_CURRENCY.search(before):
        return None  # part of a name or code ("G20", "B737"), not a quantity
    values = set(_indonesian_number_values(raw))
    times: set[int] = set()
    clock = re.fullmatch(r"(\d{1,2})[.:](\d{2})", raw)
    if clock and not scale_word and not match.group("pct"):
        hour, minute = int(clock.group(1)), int(clock.group(2))
        timed = _ID_TIME_CONTEXT.search(before) or _ID_TIME_ZONE.match(after)
        if hour <= 24 and minute <= 59:
            times = {hour * 60 + minute}
            if hour < 12:
                times.add((hour + 12) * 60 + minute)
            if timed:
                values = {float(hour)} if minute == 0 else set()
                if hour > 12 and minute == 0:
                    values.add(float(hour - 12))
    elif raw.isdigit() and _ID_TIME_CONTEXT.search(before):
        hour = int(raw)
        if hour <= 24:
            times = {hour * 60, (hour % 12 + 12) * 60}
    if not values and not times:
        return None
    factor = _ID_SCALES[scale_word.lower()] if scale_word else 1.0
    if scale_word:
        values = {v * factor for v in values}
    currency = _ID_CURRENCY.search(before)
    start = currency.start() if currency else match.start()
    shown = text[start : match.end()].strip()
    code = _CURRENCY_CODES.get(currency.group().strip().rstrip(".").lower(), "") if currency else ""
    main = min(values, key=lambda v: _reading_rank(raw, v)) if values else None
    if times and (not values or _ID_TIME_CONTEXT.search(before) or _ID_TIME_ZONE.match(after)):
        first = min(times)
        english = f"{first // 60:02d}:{first % 60:02d}"
    elif main is not None:
        english = english_number(main)
        if match.group("pct"):
            english += "%"
    else:
        english = raw
    return Quantity(shown, english, frozenset(values), frozenset(times), currency=code)


def _reading_rank(raw: str, value: float) -> int:
    """Sort key preferring the Indonesian reading of a number for display."""
    return 0 if _close(value, _indonesian_reading(raw)) else 1


def _indonesian_reading(raw: str) -> float:
    """The most likely value of ``raw`` read the Indonesian way."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", raw):
        return float(raw.replace(".", "").replace(",", "."))
    return float(raw.replace(",", ".")) if raw.count(",") == 1 else float(raw.replace(",", ""))


def _indonesian_number_values(raw: str) -> list[float]:
    """The values a digit string may mean in Indonesian text, most likely first."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", raw):
        return [float(raw.replace(".", "").replace(",", "."))]
    if re.fullmatch(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?", raw):
        return [float(raw.replace(",", ""))]
    if re.fullmatch(r"\d+,\d+", raw):
        whole, frac = raw.split(",")
        readings = [float(f"{whole}.{frac}")]
        if len(frac) == 3:  # an English-style thousands separator in Indonesian text
            readings.append(float(whole + frac))
        return readings
    return [float(raw)]


def _english_number_values(raw: str, scale: str | None) -> set[float]:
    """The values an English number (with an optional scale word) may mean."""
    if "," in raw and not re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", raw):
        base = float(raw.replace(",", "."))  # "1,9": a decimal comma left by the model
    else:
        base = float(raw.replace(",", ""))
    if not scale:
        return {base}
    scale = scale.lower()
    values = {base * _EN_SCALES[scale]}
    if scale in _AMBIGUOUS_EN_SCALES:
        values.add(base)
    return values


def _word_quantities(text: str) -> list[Quantity]:
    """Number words of Indonesian text: ``dua``, ``dua puluh lima``, ``ribuan``, ``ketiga``."""
    matches = list(_WORD.finditer(text))
    words = [(m.group().lower(), m.group()) for m in matches]
    lowered = [w for w, _ in words]
    found: list[Quantity] = []
    i = 0
    while i < len(words):
        word, shown = words[i]
        nxt = lowered[i + 1] if i + 1 < len(words) else ""
        stem = word[:-3] if word.endswith("nya") and word[:-3] in _ID_ORDINALS else word
        if word in _ID_VAGUE:
            english = _ID_VAGUE[word][0] + "s"
            found.append(Quantity(shown, english, words=_ID_VAGUE[word]))
            i += 1
            continue
        if word in _ID_SCALES and not _DIGITS_BEFORE.search(text, 0, matches[i].start()):
            # A scale word with no number: "beberapa juta" is "several million".
            english = _SCALE_NAMES[_ID_SCALES[word]]
            found.append(Quantity(shown, english + "s", words=(english,)))
            i += 1
            continue
        if word.startswith("ke") and word[2:] in _ID_UNITS and nxt in ("belas", "puluh", "ratus"):
            value, used = _read_number_words([word[2:], *lowered[i + 1 :]])  # kedua belas
        elif stem in _ID_ORDINALS:
            value, used = float(_ID_ORDINALS[stem]), 1
        else:
            value, used = _read_number_words(lowered[i:])
        if used:
            phrase = " ".join(s for _, s in words[i : i + used])
            stems = _EN_STEMS.get(round(value), ()) if value == round(value) else ()
            found.append(Quantity(phrase, english_number(value), frozenset({value}), words=stems))
            i += used
            continue
        i += 1
    return found


def _read_number_words(words: list[str]) -> tuple[float, int]:
    """The value of the Indonesian number words that start ``words``, and how many."""
    total = group = 0.0
    unit: float | None = None
    used = 0
    for word in words:
        if word in _ID_UNITS and unit is None:
            unit = _ID_UNITS[word]
        elif word in _ID_WHOLE and unit is None:
            group += _ID_WHOLE[word]
        elif word == "belas" and unit is not None:
            group += unit + 10
            unit = None
        elif word == "puluh" and unit is not None:
            group += unit * 10
            unit = None
        elif word == "ratus" and unit is not None:
            group += unit * 100
            unit = None
        elif word in _ID_SE_SCALES and unit is None:
            total += (group or 1) * _ID_SE_SCALES[word] if group else _ID_SE_SCALES[word]
            group = 0
        elif word in _ID_SCALES and used and (unit is not None or group):
            total += (group + (unit or 0)) * _ID_SCALES[word]
            group, unit = 0, None
        else:
            break
        used += 1
    if not used:
        return 0.0, 0
    return total + group + (unit or 0), used


def _english_word_values(text: str) -> set[float]:
    """Values of English number words, alone and with a scale (``two million``)."""
    values: set[float] = set()
    words = re.findall(r"[a-z]+", text.lower())
    for i, word in enumerate(words):
        value: float | None = _EN_WORDS.get(word)
        if value is None and word.endswith("s"):  # "fours", "sixes", "thirds"
            value = _EN_WORDS.get(word[:-1]) or _EN_WORDS.get(word[:-2])
        if value is None and word in ("a", "an") and i + 1 < len(words):
            value = 1.0 if words[i + 1] in _EN_SCALES or words[i + 1] == "hundred" else None
        if value is None:
            continue
        values.add(float(value))
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if nxt == "hundred" and word != "hundred":
            values.add(value * 100)
        elif nxt in ("thousand", "million", "billion", "trillion"):
            values.add(value * _EN_SCALES[nxt])
        if i > 0 and words[i - 1] in _EN_WORDS and words[i - 1].endswith("ty"):
            values.add(_EN_WORDS[words[i - 1]] + float(value))  # twenty-five
    return values


def _english_dates(text: str) -> set[tuple[int, int, int]]:
    """Dates of English text as (day, month, year); year 0 when not given."""
    dates: set[tuple[int, int, int]] = set()
    for match in _EN_DAY_MONTH.finditer(text):
        dates.add((int(match.group(1)), _EN_MONTHS[match.group(2).lower()], _year(match, 3)))
    for match in _EN_MONTH_DAY.finditer(text):
        dates.add((int(match.group(2)), _EN_MONTHS[match.group(1).lower()], _year(match, 3)))
    for match in _EN_DATE_NUMERIC.finditer(text):
        a, b, c = (int(g) for g in match.groups())
        if c > 31:  # 11/10/2023 either way round
            year = c + 2000 if c < 100 else c
            dates.update({(a, b, year), (b, a, year)})
        elif a > 31:  # 2023-10-11
            dates.add((c, b, a))
    return {d for d in dates if 1 <= d[0] <= 31 and 1 <= d[1] <= 12}


def _year(match: re.Match[str], group: int) -> int:
    """The year captured by ``group`` of ``match``, or 0."""
    return int(match.group(group)) if match.group(group) else 0


def _month_name(month: int) -> str:
    """The English name of month number ``month``."""
    return next(name for name, number in _EN_MONTHS.items() if number == month).title()


def _has_value(wanted: frozenset[float], stated: frozenset[float]) -> bool:
    """Whether any value of ``wanted`` is among ``stated`` (up to rounding noise)."""
    return any(_close(w, s) for w in wanted for s in stated)


def _close(a: float, b: float) -> bool:
    """Whether two values are equal up to floating-point noise."""
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _plain(value: float) -> str:
    """A number with English separators and no trailing zeros."""
    if _close(value, round(value)):
        return f"{round(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def _same(a: Quantity, b: Quantity) -> bool:
    """Whether two source quantities stand for the same thing (so one check is enough)."""
    return (a.values, a.times, a.date, a.words) == (b.values, b.times, b.date, b.words)
