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
    "belasan": ("dozen", "teen", "more than ten", "over ten", "several", "some"),
    "puluhan": ("dozen", "tens", "score", "decades", "several"),
    "ratusan": ("hundred",),
    "ribuan": ("thousand",),
    "jutaan": ("million",),
    "miliaran": ("billion",),
    "triliunan": ("trillion",),
}
# Fractions written as words, their value and the English words that render them.
_ID_FRACTIONS = {
    "setengah": (0.5, ("half",)),
    "separuh": (0.5, ("half",)),
    "seperempat": (0.25, ("quarter",)),
    "sepertiga": (1 / 3, ("third",)),
    "tiga perempat": (0.75, ("three quarters", "three-quarters", "three fourths")),
}
# "N bulan" (months) as English often renders it: a quarter, half a year, a year.
_MONTH_SPANS = {3: ("quarter",), 6: ("half", "semester"), 12: ("year", "annual")}

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

_ID_SCALE_WORDS = r"(?i:ribu|rb|juta|jt|miliar|milyar|triliun)\b"
# The number is atomic, so that "9.063/9.070" (a bid/ask quote) is not read as "9".
_ID_NUMBER = re.compile(
    r"(?<![\d,])(?<!\d\.)(?P<num>(?>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?"
    r"|\d+,\d+|\d+\.\d+|\d+))(?!\d)"
    rf"(?:\s*(?P<scale>{_ID_SCALE_WORDS}))?"
    r"(?:\s*(?P<pct>%|persen\b))?"
)
# Day/month/year, and day/month without a year ("Selasa 29/7").
_ID_DATE = re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?(?![\d/]|[.,]\d)")
# A range or list sharing one scale word or percent: "Rp2-3 triliun", "504 dan 259 triliun".
_SHARED_SCALE = re.compile(
    r"\s*(?:-|–|hingga|sampai|s/d|dan|atau|/)\s*(?:Rp\.?\s*)?\d[\d.,]*\s*"
    rf"(?P<scale>{_ID_SCALE_WORDS})"
)
# "tahun ini", "tahun lalu": a year an English translation may render as "this year".
_EN_RELATIVE_YEAR = re.compile(
    r"\b(?:this|last|next|previous|past|coming|current) year|\byear[- ]end\b"
    r"|\ba year (?:earlier|ago|before)|\bthe year before|\bearly this|\bnext year"
)
_YEARS = (1900, 2100)
# Numbers below this are too often English words for non-quantities ("a", "first",
# "both") to be flagged when the source lacks them; a repeated one must appear as often.
SMALL_NUMBER = 10
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
_ID_CURRENCY = re.compile(r"(?:(?i:rp)\.?|IDR|US\$|USD|\$|S\$|RM|€|£)\s*$")
_DIGITS_BEFORE = re.compile(r"\d[\d.,]*\s*$")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

_EN_NUMBER = re.compile(
    r"(?<![\d])(?<!\d[.,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+,\d{1,2}(?!\d)|\d+(?:\.\d+)?"
    r"|(?<![^\W\d_])\.\d+)"  # ".5", but not the ".7" of "No.7"
    r"(?:\s*-?\s*(?P<scale>(?i:thousand|million|billion|trillion)s?|bn|mn|mln|tn|k|m|b)\b)?"
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
# "the January-September period": a span of months, as a number of months.
_EN_MONTH_RANGE = re.compile(
    rf"\b({_MONTHS})\b\.?\s*(?:-|–|to|through)\s*({_MONTHS})\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Quantity:
    """A quantity stated in the source, and every value an English rendering may have.

    ``text`` is the quantity as the source writes it, ``english`` the value as an English
    reader would expect it; a quantity is carried over when the translation states any
    of ``values``, any of ``times`` (minutes after midnight), the ``date`` (day, month,
    year), or a word starting with one of ``words`` (``dozen`` for ``puluhan``, ``four``
    for ``empat``). ``count`` is how many times the source states it: a small number
    said twice must be found twice. A larger one counts once, as translators state a
    repeated amount once, and a changed copy shows as a number the source does not have
    (:func:`extra_numbers`, which leaves small numbers out).
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
        day, month = int(match.group(1)), int(match.group(2))
        year = int(match.group(3) or 0)
        if 1 <= day <= 31 and 1 <= month <= 12:
            year = year + 2000 if 0 < year < 100 else year
            english = f"{_month_name(month)} {day}" + (f", {year}" if year else "")
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
    for match in _EN_MONTH_RANGE.finditer(text):
        first, last = (_EN_MONTHS[g.lower()] for g in match.groups())
        values.add(float((last - first) % 12 + 1))
    dates.update(_english_dates(text))
    values.update(_english_word_values(text))
    return Stated(frozenset(values), frozenset(times), frozenset(dates), text.lower(), counts)


def missing_quantities(
    source: str, target: str, quantities: list[Quantity] | None = None
) -> list[Quantity]:
    """The quantities of ``source`` (Indonesian) that ``target`` (English) does not state.

    A year counts as stated by "this year", "last year" and the like when the English
    names no year of its own (one the source does not have), so that a changed year is
    still caught. ``quantities`` are the source's, when the caller has read them already.
    """
    quantities = source_quantities(source) if quantities is None else quantities
    if not quantities:
        return []
    stated = target_values(target)
    missing = [q for q in quantities if not is_stated(q, stated)]
    if missing and _EN_RELATIVE_YEAR.search(stated.text):
        source_years = {v for q in quantities for v in q.values if _is_year(v)}
        if not {v for v in stated.values if _is_year(v)} - source_years:
            missing = [q for q in missing if not (q.values and all(map(_is_year, q.values)))]
    return missing


def extra_numbers(source: str, target: str, quantities: list[Quantity] | None = None) -> list[str]:
    """Numbers written in digits in ``target`` (English) that ``source`` has in no form.

    A digit changed in the translation makes a number that the source does not have,
    even where the source's own number is still found elsewhere in the sentence. Small
    numbers (under 10) are left out: English writes them for words ("a", "first",
    "both") that are not quantities in Indonesian; so are conversions in parentheses
    ("(328 feet)"), and years where the source has none or says "tahun ini" (this year).
    """
    known = _source_values(source, source_quantities(source) if quantities is None else quantities)
    years = _ID_RELATIVE_YEAR.search(source) is None and any(map(_is_year, known))
    converted = [m.span() for m in _EN_CONVERSION.finditer(target)]
    extra = []
    for match in _EN_NUMBER.finditer(target):
        readings = _english_number_values(match.group("num"), match.group("scale"))
        bare = float(match.group("num").replace(",", ""))
        readings.add(bare)  # a changed scale word is missing_quantities' to report
        small = bare < SMALL_NUMBER and not match.group("scale")  # "1 billion" is no "a"
        if small or any(_close(r, k) for r in readings for k in known):
            continue
        if any(start <= match.start() < end for start, end in converted):
            continue
        if not years and any(map(_is_year, readings)):
            continue
        extra.append(match.group().strip())
    return list(dict.fromkeys(extra))


# A parenthesised conversion to other units, which the source need not have.
_EN_CONVERSION = re.compile(
    r"\([^()]*\b(?:feet|foot|ft|miles?|mph|km|kilomet\w*|met\w*|inch\w*|pounds?|lbs?|kg"
    r"|acres?|hectares?|gallons?|lit\w*|degrees?|fahrenheit|celsius|sq)\b[^()]*\)"
    r"|\([^()]*°[^()]*\)",
    re.IGNORECASE,
)


_ID_RELATIVE_YEAR = re.compile(
    r"\btahun (?:ini|lalu|depan|sebelumnya|berikutnya|mendatang)\b", re.IGNORECASE
)


def _source_values(source: str, quantities: list[Quantity]) -> set[float]:
    """Every value the digits and number words of ``source`` may stand for, in any reading."""
    known: set[float] = set()
    for quantity in quantities:
        known.update(quantity.values)
        known.update(t // 60 for t in quantity.times)
        known.update((t // 60) % 12 for t in quantity.times)
        known.update(t % 60 for t in quantity.times)
        known.update((t // 60) * 100 + t % 60 for t in quantity.times)  # "1200 GMT"
        if quantity.date:
            known.update(float(part) for part in quantity.date)
    for raw in re.findall(r"\d[\d.,]*\d|\d", source):
        known.update(float(group) for group in re.findall(r"\d+", raw))
        if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", raw):
            known.add(float(re.sub(r"[.,]", "", raw)))
        if re.fullmatch(r"\d+[.,]\d+", raw):
            known.add(float(raw.replace(",", ".")))
    return known


def _is_year(value: float) -> bool:
    """Whether ``value`` reads as a year (a whole number from 1900 to 2100)."""
    return _YEARS[0] <= value <= _YEARS[1] and value == round(value)


def is_stated(quantity: Quantity, stated: Stated) -> bool:
    """Whether the English ``stated`` carries ``quantity`` in any of its forms."""
    if any(_starts_word(word, stated.text) for word in quantity.words):
        return True
    if quantity.text.isalpha() and _starts_word(quantity.text.lower() + " ", stated.text + " "):
        return True  # a number word kept in a name ("Tiga Sapi" milk)
    if quantity.date is not None:
        day, month, year = quantity.date
        if not year:
            return (
                any(d[:2] == (day, month) for d in stated.dates)
                or {
                    float(day),
                    float(month),
                }
                <= stated.values
            )
        if quantity.date in stated.dates or (day, month, 0) in stated.dates:
            return True
        return {float(day), float(year)} <= stated.values
    if quantity.times & stated.times:
        return True
    if quantity.count > 1 and not quantity.words and max(quantity.values) < SMALL_NUMBER:
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
    if re.search(r"\d\.\d{3}/$", before) and "." not in raw and len(raw) <= 3:
        return None  # the short second half of a quote: "Rp9.117/133" is 9,117 and 9,133
    values = set(_indonesian_number_values(raw, scaled=bool(scale_word)))
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
    shared = None if scale_word or times else _SHARED_SCALE.match(after)
    if shared:  # "Rp2-3 triliun": the 2 is two trillion too
        values |= {v * _ID_SCALES[shared.group("scale").lower()] for v in values}
    span = re.match(r"\s*bulan\b", after, re.IGNORECASE)
    words = _MONTH_SPANS.get(round(min(values)), ()) if span and values else ()
    currency = _ID_CURRENCY.search(before)
    start = currency.start() if currency else match.start()
    shown = text[start : match.end()].strip()
    code = _CURRENCY_CODES.get(currency.group().strip().rstrip(".").lower(), "") if currency else ""
    main = min(values, key=lambda v: _reading_rank(raw, v / factor)) if values else None
    if times and (not values or _ID_TIME_CONTEXT.search(before) or _ID_TIME_ZONE.match(after)):
        first = min(times)
        english = f"{first // 60:02d}:{first % 60:02d}"
    elif main is not None:
        english = english_number(main)
        if match.group("pct"):
            english += "%"
    else:
        english = raw
    return Quantity(shown, english, frozenset(values), frozenset(times), words=words, currency=code)


def _reading_rank(raw: str, value: float) -> int:
    """Sort key preferring the Indonesian reading of a number for display."""
    return 0 if _close(value, _indonesian_reading(raw)) else 1


def _indonesian_reading(raw: str) -> float:
    """The most likely value of ``raw`` read the Indonesian way."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", raw):
        return float(raw.replace(".", "").replace(",", "."))
    return float(raw.replace(",", ".")) if raw.count(",") == 1 else float(raw.replace(",", ""))


def _indonesian_number_values(raw: str, scaled: bool = False) -> list[float]:
    """The values a digit string may mean in Indonesian text, most likely first.

    Before a scale word a comma is always a decimal one: ``534,284 juta`` is 534.284
    million, never 534,284 million.
    """
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", raw):
        return [float(raw.replace(".", "").replace(",", "."))]
    if re.fullmatch(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?", raw):
        return [float(raw.replace(",", ""))]
    if re.fullmatch(r"\d+,\d+", raw):
        whole, frac = raw.split(",")
        readings = [float(f"{whole}.{frac}")]
        if len(frac) == 3 and not scaled:  # an English-style thousands separator
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
    if scale.endswith("s") and scale[:-1] in _EN_SCALES:  # "39 millions"
        scale = scale[:-1]
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
            english = "more than ten" if word == "belasan" else _ID_VAGUE[word][0] + "s"
            found.append(Quantity(shown, english, words=_ID_VAGUE[word]))
            i += 1
            continue
        pair = f"{word} {nxt}"
        fraction = pair if pair in _ID_FRACTIONS else word if word in _ID_FRACTIONS else ""
        if fraction:
            value, stems = _ID_FRACTIONS[fraction]
            used = len(fraction.split())
            phrase = " ".join(s for _, s in words[i : i + used])
            found.append(Quantity(phrase, stems[0], frozenset({value}), words=stems))
            i += used
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
            if lowered[i + used : i + used + 1] == ["bulan"]:  # "tiga bulan": a quarter
                stems += _MONTH_SPANS.get(round(value), ())
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
        elif nxt.rstrip("s") in ("thousand", "million", "billion", "trillion"):
            values.add(value * _EN_SCALES[nxt.rstrip("s")])
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
