"""Model-free checks of one translated sentence against its Indonesian source.

Each check returns :class:`~summarizer.document.Notice` objects whose message names the
exact value at stake, so that a reader knows what to verify. Thresholds were set on the
NTREX-128 and FLORES-200 reference pairs and on Indonesian-original news (Antara's, PAN
Localization BPPT; see ``eval/bench_trust.py``): on the first two the checks together warn
on under 5% of human translations; Antara's looser English gets more, most of them real.
"""

from __future__ import annotations

import re

from summarizer.document import Notice
from summarizer.trust.language import ENGLISH_WORDS, looks_indonesian, lower_words
from summarizer.trust.names import missing_names
from summarizer.trust.numbers import extra_numbers, missing_quantities, source_quantities

# Character-length ratio English / Indonesian. English is usually a little shorter than
# Indonesian (median 0.86 on NTREX-128, 0.93 on FLORES-200); 0.4 and 1.6 lie beyond the
# 0.1st and 99.9th percentiles of both sets, so they flag truncated or run-away output.
MIN_LENGTH_RATIO = 0.4
MAX_LENGTH_RATIO = 1.6
# Ratios are too noisy on shorter sources; below this only run-away output is flagged.
MIN_SOURCE_CHARS = 30
# A longer translation is flagged only when it repeats itself (a run of this many words
# said twice, as run-away model output does) or is this many times the source: human
# translators merge two sentences into one, which makes it up to 2.8 times longer on
# Antara's English (PAN Localization BPPT) without adding anything.
REPEATED_WORDS = 4
MAX_LENGTH_RATIO_PLAIN = 3.0
# A translation with this many Indonesian function words is flagged as untranslated.
MIN_INDONESIAN_WORDS = 2
# Share of the translation's lower-case words copied verbatim from the source (not
# counting words English shares) at which the sentence counts as left in Indonesian:
# half of them when at least three are copied, three quarters for shorter ones
# (a headline "Harga BBM naik" left as is; not "What is conscious hip hop?").
MAX_COPIED_SHARE = 0.5
MAX_COPIED_SHARE_SHORT = 0.75
UNTRANSLATED = "The translation looks like the Indonesian source, left untranslated."


def consistency_warnings(source: str, translation: str) -> list[Notice]:
    """Warnings about what a translation may have lost or garbled, [] when it looks right.

    Checks, without any model: numbers, amounts, percentages, dates and times (read the
    Indonesian way: ``3.016`` is 3,016, ``Rp 1,9 miliar`` IDR 1.9 billion); names and
    acronyms (allowing usual renderings: ``Korsel`` is South Korea); Indonesian words left
    in the output; and an output far shorter or longer than the source.

    Args:
        source: one Indonesian sentence.
        translation: its English translation.

    Returns:
        One :class:`Notice` per problem, kinds ``"untranslated"``, ``"number"``,
        ``"name"`` and ``"length"``; an empty list when the translation looks consistent
        (or when either side is empty or blank).
    """
    if not source.strip() or not translation.strip():
        return []
    untranslated = untranslated_warnings(source, translation)
    if untranslated and untranslated[0].message == UNTRANSLATED:
        # A sentence left in Indonesian keeps its numbers and names: say only that.
        return untranslated
    return [
        *untranslated,
        *number_warnings(source, translation),
        *name_warnings(source, translation),
        *length_warnings(source, translation),
    ]


def number_warnings(source: str, translation: str) -> list[Notice]:
    """A ``"number"`` notice per quantity of the source that the translation lacks."""
    notices = []
    quantities = source_quantities(source)
    for quantity in missing_quantities(source, translation, quantities):
        same = quantity.text == quantity.label
        shown = quantity.text if same else f"{quantity.text} ({quantity.label})"
        message = f"The source says {shown} but the translation has no {quantity.english}."
        notices.append(Notice("number", message))
    for number in extra_numbers(source, translation, quantities):
        message = f"The translation says {number} but the source has no such number."
        notices.append(Notice("number", message))
    return notices


def name_warnings(source: str, translation: str) -> list[Notice]:
    """A ``"name"`` notice per run of source names that the translation lacks."""
    notices = []
    for run in missing_names(source, translation):
        text = " ".join(name.text for name in run)
        english = " ".join(name.english for name in run)
        shown = text if text == english else f"{text} ({english})"
        message = f"The source names {shown} but the translation has no {english}."
        notices.append(Notice("name", message))
    return notices


def untranslated_warnings(source: str, translation: str) -> list[Notice]:
    """An ``"untranslated"`` notice when the translation keeps Indonesian words."""
    words = lower_words(translation)
    same = translation.strip() == source.strip()
    # A headline in title case copied as is ("Kanye West Memulai ... Setelah ...").
    if (
        same
        and not words
        and any(looks_indonesian(w.lower()) for w in re.findall(r"[^\W\d_]+", source))
    ):
        return [Notice("untranslated", UNTRANSLATED)]
    if not words:
        return []
    source_words = set(lower_words(source))
    copied = [w for w in words if w in source_words and w not in ENGLISH_WORDS]
    share = len(copied) / len(words)
    if (
        (same and copied)
        or (len(copied) >= 3 and share >= MAX_COPIED_SHARE)
        or (len(copied) == 2 and share >= MAX_COPIED_SHARE_SHORT)
    ):
        return [Notice("untranslated", UNTRANSLATED)]
    indonesian = [w for w in words if looks_indonesian(w)]
    if len(indonesian) >= MIN_INDONESIAN_WORDS:
        listed = ", ".join(list(dict.fromkeys(indonesian))[:5])
        message = f"The translation still has Indonesian words: {listed}."
        return [Notice("untranslated", message)]
    return []


def length_warnings(source: str, translation: str) -> list[Notice]:
    """A ``"length"`` notice when the translation is far shorter or longer than the source.

    A blank source gives no notice: there is no length to compare with.
    """
    src, out = len(source.strip()), len(translation.strip())
    if not src:
        return []
    ratio = out / src
    if src >= MIN_SOURCE_CHARS and ratio < MIN_LENGTH_RATIO:
        message = (
            f"The translation is much shorter than the source ({out} characters for "
            f"{src}): part of the sentence may be missing."
        )
        return [Notice("length", message)]
    if (
        ratio > MAX_LENGTH_RATIO
        and out - src >= MIN_SOURCE_CHARS
        and (ratio > MAX_LENGTH_RATIO_PLAIN or _repeats(translation))
    ):
        message = (
            f"The translation is much longer than the source ({out} characters for "
            f"{src}): it may repeat itself or add text."
        )
        return [Notice("length", message)]
    return []


def _repeats(text: str) -> bool:
    """Whether ``text`` says some run of ``REPEATED_WORDS`` words twice."""
    words = re.findall(r"\w+", text.lower())
    runs = [tuple(words[i : i + REPEATED_WORDS]) for i in range(len(words) - REPEATED_WORDS + 1)]
    return len(set(runs)) < len(runs)
