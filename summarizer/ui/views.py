"""The web UI's views of a Result: pure functions from data to an HTML string.

Every piece of text that came from the input or a model is escaped here, so a page that
contains markup (or a model that writes some) can never inject HTML into the UI.
The element ids ``translation-output`` and ``clean-text-output`` are a stable interface
(browser checks read them); the CSS in :mod:`summarizer.ui.style` lays the two columns out
side by side, paragraph by paragraph, on a wide screen, and interleaved on a phone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape

from summarizer.document import Article, Notice, Result, Sentence

#: The stages of a run, in order, with the label shown beside their time.
STAGE_LABELS = {
    "strip": "strip",
    "load": "load model",
    "translate": "translate",
    "digest": "digest",
}


def _e(text: object) -> str:
    """``text`` escaped for HTML content and attribute values."""
    return escape(str(text), quote=True)


def flag_reasons(sentence: Sentence) -> list[str]:
    """Why a translated sentence deserves a second look (empty when it does not)."""
    reasons = [notice.message for notice in sentence.warnings]
    if sentence.confidence == "low":
        reasons.append("The model is not confident of this translation.")
    return reasons


def format_seconds(seconds: float) -> str:
    """A duration for people: ``0.04 s``, ``1.3 s``, ``12 s``, ``2 min 5 s``."""
    if seconds < 0.1:
        return f"{seconds:.2f} s"
    if seconds < 10:
        return f"{seconds:.1f} s"
    if seconds < 60:
        return f"{seconds:.0f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s"


def timings_html(timings: Mapping[str, float]) -> str:
    """The total time and the time per stage, as a row of small labelled figures."""
    if not timings:
        return ""
    known = [stage for stage in STAGE_LABELS if stage in timings]
    stages = known + sorted(set(timings) - set(known))
    items = [
        f'<span class="timing"><span class="timing-label">{_e(STAGE_LABELS.get(s, s))}</span> '
        f"{_e(format_seconds(timings[s]))}</span>"
        for s in stages
    ]
    total = sum(timings.values())
    return (
        '<div class="timings"><span class="timing timing-total">'
        f'<span class="timing-label">total</span> {_e(format_seconds(total))}</span>'
        + "".join(items)
        + "</div>"
    )


def notices_html(notices: Iterable[Notice]) -> str:
    """Run-level notices (an English page, long sentences split...) as a callout list."""
    by_kind: dict[str, list[Notice]] = {}
    for notice in notices:
        same = by_kind.setdefault(notice.kind, [])
        if notice not in same:
            same.append(notice)
    if not by_kind:
        return ""
    items = "".join(
        f'<li data-kind="{_e(kind)}">{_e(same[0].message)}'
        + (
            f' <span class="muted">(and {len(same) - 1} more like it)</span>'
            if len(same) > 1
            else ""
        )
        + "</li>"
        for kind, same in by_kind.items()
    )
    return f'<div class="notices" role="note"><ul>{items}</ul></div>'


def summary_html(result: Result) -> str:
    """The header of a result: the English title, the original title and the metadata."""
    article = result.article
    title = result.title or article.title
    parts = []
    if title:
        parts.append(f'<h2 class="doc-title">{_e(title)}</h2>')
    if article.title and result.title:
        parts.append(f'<p class="doc-original" lang="id">{_e(article.title)}</p>')
    meta = [_e(v) for v in (article.site, article.date, article.author) if v]
    if article.url and article.url.lower().startswith(("http://", "https://")):
        meta.append(
            f'<a href="{_e(article.url)}" rel="noopener noreferrer nofollow" '
            f'target="_blank">{_e(article.url)}</a>'
        )
    elif article.url:  # a page can claim any URL; only web addresses become links
        meta.append(_e(article.url))
    if meta:
        parts.append(f'<p class="doc-meta">{" · ".join(meta)}</p>')
    return f'<div class="doc-summary">{"".join(parts)}</div>'


def run_info_html(result: Result) -> str:
    """What the run did: counts and model, sentences to check, notices, time per stage."""
    parts = [
        f'<p class="doc-stats">{_e(_stats(result))}</p>',
        checks_html(result),
        notices_html(result.warnings),
        timings_html(result.timings),
    ]
    return f'<div class="run-info">{"".join(parts)}</div>'


def _stats(result: Result) -> str:
    """One line on what was translated, by which model, and what to check."""
    paragraphs = len(result.article.paragraphs)
    sentences = len(result.sentences)
    if result.paragraphs:
        line = f"{_plural(paragraphs, 'paragraph')}, {_plural(sentences, 'sentence')} translated"
    else:
        line = f"Digest only: {_plural(sentences, 'sentence')} of {_plural(paragraphs, 'paragraph')} translated"
    if result.model:
        line += f" by {model_label(result.model)}"
    return line + "."


def checks_html(result: Result) -> str:
    """The translated sentences to check, with why, collapsed (hover needs a mouse)."""
    flagged = [(s, flag_reasons(s)) for s in result.sentences]
    items = [
        f'<li><a href="#para-{s.paragraph}">paragraph {s.paragraph + 1}</a>: '
        f'"{_e(s.text)}" <span class="muted">{_e(" ".join(reasons))}</span></li>'
        for s, reasons in flagged
        if reasons
    ]
    if not items:
        return ""
    return (
        f'<details class="checks"><summary>{_plural(len(items), "sentence")} to check '
        '<span class="muted">(underlined below; hover or open for why)</span></summary>'
        f"<ol>{''.join(items)}</ol></details>"
    )


def model_label(model: str) -> str:
    """A model as people want to read it: a local folder by its name, anything else as is."""
    if model.startswith(("/", "~", ".")) or "\\" in model:
        return model.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or model
    return model


def _plural(count: int, noun: str) -> str:
    """``"1 noun"`` or ``"N nouns"``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def key_points_html(result: Result) -> str:
    """The key points in English, each expandable to its Indonesian source sentence.

    Abstractive summary bullets, when there are any, follow under their own heading.
    """
    items = []
    for point in result.key_points:
        reasons = flag_reasons(point) if point.translated else []
        mark = ""
        if reasons:
            mark = (
                f' <span class="kp-flag" title="{_e(" ".join(reasons))}" '
                'aria-label="check this translation">check</span>'
            )
        english = _e(point.text) if point.text else '<span class="muted">(not translated)</span>'
        items.append(
            f'<li class="kp" data-paragraph="{point.paragraph}" data-index="{point.index}">'
            f'<details><summary><span class="kp-text">{english}</span>{mark}</summary>'
            f'<div class="kp-source"><span class="lang-tag">ID</span>'
            f'<span lang="id">{_e(point.source)}</span>'
            f'<a class="kp-ref" href="#para-{point.paragraph}">paragraph {point.paragraph + 1}</a>'
            "</div></details></li>"
        )
    if items:
        body = f'<ol class="kp-list">{"".join(items)}</ol>'
    else:
        body = '<p class="muted">No key points: the article is too short.</p>'
    summary = ""
    if result.summary:
        bullets = "".join(f"<li>{_e(b)}</li>" for b in result.summary)
        summary = (
            '<section class="abstract"><h3 class="section-title">Summary '
            '<span class="section-note">(abstractive, machine-written)</span></h3>'
            f"<ul>{bullets}</ul></section>"
        )
    return (
        '<section class="key-points"><h3 class="section-title">Key points</h3>'
        f"{body}{summary}</section>"
    )


def side_by_side_html(result: Result, translating: bool = False) -> str:
    """The English translation beside the cleaned Indonesian body, paragraph by paragraph.

    Key sentences are highlighted in both columns; translated sentences with trust warnings
    or low confidence are underlined, with the reasons in their ``title`` (shown on hover).
    In digest-only mode the English column holds only the sentences that were translated.
    While ``translating``, paragraphs not translated yet hold a placeholder
    (``class="para para-en pending"``).
    """
    article = result.article
    keys = {k.place: n for n, k in enumerate(result.key_points, 1)}
    by_paragraph: list[list[Sentence]] = [[] for _ in article.paragraphs]
    for sentence in result.sentences:
        by_paragraph[sentence.paragraph].append(sentence)
    english_cells = []
    source_cells = []
    for p, sentences in enumerate(by_paragraph):
        en_spans = []
        id_spans = []
        for sentence in sentences:
            key = keys.get(sentence.place)
            place = "{}-{}".format(*sentence.place)
            id_spans.append(_span(sentence.source, place, key=key, lang="id"))
            if sentence.translated:
                en_spans.append(
                    _span(sentence.text, place, key=key, reasons=flag_reasons(sentence))
                )
        english = " ".join(en_spans) or '<span class="muted">…</span>'
        pending = " pending" if translating and len(en_spans) < len(sentences) else ""
        english_cells.append(
            f'<p class="para para-en{pending}" id="para-{p}" style="--row: {p + 2}">{english}</p>'
        )
        source_cells.append(
            f'<p class="para para-id" lang="id" style="--row: {p + 2}">{" ".join(id_spans)}</p>'
        )
    rows = len(article.paragraphs) + 1
    if translating:
        english_label = "English (translating…)"
    elif result.paragraphs:
        english_label = "English"
    else:
        english_label = "English (key sentences only)"
    return (
        f'<div class="sbs" style="--rows: {rows}">'
        f'<section id="translation-output" class="sbs-col col-en" aria-label="English translation">'
        f'<h3 class="col-label">{english_label}</h3>{"".join(english_cells)}</section>'
        f'<section id="clean-text-output" class="sbs-col col-id" lang="id" '
        f'aria-label="Cleaned Indonesian text">'
        f'<h3 class="col-label">Indonesian, cleaned</h3>{"".join(source_cells)}</section>'
        "</div>"
    )


def _span(
    text: str,
    place: str,
    *,
    key: int | None = None,
    reasons: Sequence[str] = (),
    lang: str = "",
) -> str:
    """One sentence as a span, marked as a key point and/or flagged with its reasons.

    ``place`` (``"paragraph-index"``) pairs a sentence with its translation: hovering one
    highlights both (:data:`PAIR_JS`).
    """
    classes = ["s"]
    titles = []
    if key is not None:
        classes.append("key")
        titles.append(f"Key point {key}.")
    if reasons:
        classes.append("flag")
        titles.extend(reasons)
    attrs = f' class="{" ".join(classes)}" data-s="{_e(place)}"'
    if titles:
        attrs += f' title="{_e(" ".join(titles))}"'
    if key is not None:
        attrs += f' data-key="{key}"'
    if lang:
        attrs += f' lang="{_e(lang)}"'
    return f"<span{attrs}>{_e(text)}</span>"


#: Run once on the side-by-side view: hovering (or tapping) a sentence highlights it and
#: its counterpart in the other column. Delegated, so it survives new results.
PAIR_JS = """
const mark = (target, on) => {
  const sentence = target.closest && target.closest('[data-s]');
  if (!sentence) return;
  element.querySelectorAll('[data-s="' + sentence.dataset.s + '"]')
    .forEach((node) => node.classList.toggle('pair', on));
};
element.addEventListener('mouseover', (event) => mark(event.target, true));
element.addEventListener('mouseout', (event) => mark(event.target, false));
"""


def removed_html(article: Article) -> str:
    """What the stripper removed, in page order, so a user can see why."""
    if not article.removed:
        return '<p class="muted">Nothing was removed: the whole input was taken as the article.</p>'
    items = "".join(f"<li>{_e(line)}</li>" for line in article.removed)
    return (
        f'<p class="muted">{_plural(len(article.removed), "block")} of the input were judged '
        "to be page furniture (menus, captions, links, ads) and left out.</p>"
        f'<ol class="removed-list" lang="id">{items}</ol>'
    )


def removed_label(article: Article | None, stripped: bool = True) -> str:
    """The label of the accordion that holds :func:`removed_html`."""
    if article is None:
        return "Removed from the page"
    if not stripped:
        return "Removed from the page (stripping was off)"
    return f"Removed from the page ({len(article.removed)})"


def empty_html(message: str) -> str:
    """A placeholder shown where a result will appear."""
    return f'<div class="placeholder">{_e(message)}</div>'


def translating_html(translated: int, total: int) -> str:
    """What the key-points area says while the translation goes on."""
    if not translated:
        return empty_html("Translating: the English appears below, paragraph by paragraph.")
    return empty_html(
        f"Translating: {translated} of {_plural(total, 'sentence')} done. "
        "The key points come when the whole article is translated."
    )


def error_html(title: str, message: str, fixes: Sequence[str] = ()) -> str:
    """An error as it stays on the page until the next run: what failed, and what to do."""
    items = "".join(f"<li>{_e(fix)}</li>" for fix in fixes)
    advice = f'<ul class="error-fixes">{items}</ul>' if items else ""
    return (
        '<div class="error-panel" id="error-panel" role="alert">'
        f'<h3 class="error-title">{_e(title)}</h3>'
        f'<p class="error-message">{_e(message)}</p>{advice}</div>'
    )
