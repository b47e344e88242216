"""The core that the UI, the CLI, the batch runner and the tests all call.

``run`` takes what the user gave (page, pasted text, or an Article) through the stages:
strip -> translate -> digest, and returns one :class:`~summarizer.document.Result`.
``run_articles`` does the same for many stripped articles at once, pooling their
sentences into shared batches.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING, Any

from summarizer.document import Article, KeyPoint, Notice, Result, Sentence
from summarizer.errors import UnknownOptionError
from summarizer.segment import split_sentences
from summarizer.translate import Translation, Translator
from summarizer.translate.passages import Context, Passage
from summarizer.translate.presets import DEFAULT_MODEL

if TYPE_CHECKING:
    from summarizer.digest import Choice

log = logging.getLogger(__name__)

DIGESTS = ("extractive", "abstractive")
NO_SUMMARY_IN_DIGEST_ONLY = Notice(
    "summary-skipped",
    "No abstractive summary in digest-only mode: it is written from the whole translation. "
    "Turn digest-only off to get one.",
)
# summarizer.digest.abstractive.DEFAULT_MODEL, repeated so that importing the pipeline does
# not import the digest package (and numpy) before a run needs it; a test keeps them equal.
DEFAULT_SUMMARY_MODEL = "sshleifer/distilbart-cnn-12-6"

# progress(stage, done, total): stage is "strip", "load", "translate", "digest".
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Options:
    """Everything a run can be asked to do differently; one source of defaults.

    Attributes:
        model: translation model (preset, hub id or local directory).
        device, beams, backend: passed to the :class:`Translator`.
        points: number of key points.
        digest: ``extractive`` (key sentences) or ``abstractive`` (a summarizer model
            on the English text, in addition to the key sentences).
        digest_only: translate only the title and the key sentences (fast).
        strip: remove boilerplate; off, the input is taken as the article as it is.
        summary_model: the abstractive summarizer (hub id or local directory).
    """

    model: str = DEFAULT_MODEL
    device: str = "auto"
    beams: int = 4
    backend: str = "auto"
    points: int = 3
    digest: str = "extractive"
    digest_only: bool = False
    strip: bool = True
    summary_model: str = DEFAULT_SUMMARY_MODEL

    def __post_init__(self) -> None:
        if self.digest not in DIGESTS:
            raise UnknownOptionError(
                f"Unknown digest {self.digest!r}: choose one of {', '.join(DIGESTS)}."
            )
        if not 1 <= self.points <= 20:
            raise UnknownOptionError(f"points must be between 1 and 20, not {self.points}.")

    @classmethod
    def fields(cls) -> set[str]:
        """The names of all options."""
        return {f.name for f in dataclasses.fields(cls)}

    def replace(self, **changes: Any) -> Options:
        """A copy with ``changes``; unknown option names are rejected."""
        unknown = set(changes) - self.fields()
        if unknown:
            raise UnknownOptionError(
                f"Unknown option(s) {', '.join(sorted(unknown))}: "
                f"valid options are {', '.join(sorted(self.fields()))}."
            )
        return dataclasses.replace(self, **changes)

    def translator(self) -> Translator:
        """A translator for these options (cheap: the model is shared and loads lazily)."""
        return Translator(self.model, device=self.device, beams=self.beams, backend=self.backend)


def prepare(source: str | bytes | Article, options: Options = Options()) -> Article:
    """The article to translate: stripped from a page or pasted text, or taken as given."""
    if isinstance(source, Article):
        return source
    from summarizer.stripping import strip

    if options.strip:
        return strip(source)
    from summarizer.stripping import as_plain_article

    return as_plain_article(source)


def run(
    source: str | bytes | Article,
    options: Options = Options(),
    *,
    translator: Translator | None = None,
    progress: Progress | None = None,
) -> Result:
    """Strip, translate and digest one article.

    Args:
        source: an HTML page or pasted text (str or bytes), or an Article.
        options: what to do; see :class:`Options`.
        translator: the translator to use (default: one built from ``options``).
        progress: called as ``progress(stage, done, total)`` while the run goes on.

    Returns:
        The Result, with timings per stage.

    Raises:
        InputError: the input is empty, binary, undecodable, too large or has no article.
        ModelError: the translation model is not available or could not be loaded.
    """
    start = time.perf_counter()
    if progress:
        progress("strip", 0, 1)
    article = prepare(source, options)
    stripped = time.perf_counter() - start
    (result,) = run_articles([article], options, translator=translator, progress=progress)
    return dataclasses.replace(result, timings={"strip": stripped, **result.timings})


def run_articles(
    articles: Sequence[Article],
    options: Options = Options(),
    *,
    translator: Translator | None = None,
    progress: Progress | None = None,
) -> list[Result]:
    """Translate and digest stripped articles, their sentences pooled into shared batches."""
    translator = translator or options.translator()
    timings: dict[str, float] = {}
    bodies = [[split_sentences(p) for p in article.paragraphs] for article in articles]

    # What to translate: every sentence, or in digest-only mode the key sentences only.
    start = time.perf_counter()
    early = [_choose(body, a, options) for body, a in zip(bodies, articles)]
    timings["digest"] = time.perf_counter() - start if options.digest_only else 0.0
    wanted: list[tuple[int, int, int]] = []  # (article, paragraph, sentence)
    for a, body in enumerate(bodies):
        if options.digest_only:
            wanted += [(a, c.paragraph, c.index) for c in early[a]]
        else:
            wanted += [(a, p, s) for p, para in enumerate(body) for s in range(len(para))]
    titled = [a for a, article in enumerate(articles) if article.title]
    passages = _passages(articles, bodies, wanted, titled)
    sources = [s for passage in passages for s in passage.sentences]

    start = time.perf_counter()
    if options.digest == "abstractive" and not options.digest_only:
        # Fail before the long translation, not after it, if the summarizer is missing.
        from summarizer.digest import Summarizer

        Summarizer(options.summary_model, device=options.device).load()
    if sources and not translator.loaded:
        if progress:
            progress("load", 0, 1)
        translator.load()
        timings["load"] = time.perf_counter() - start
        start = time.perf_counter()
    report = (lambda done, total: progress("translate", done, total)) if progress else None
    if getattr(translator, "reads_context", False):  # stand-in translators may lack it
        translations = translator.translate_passages(passages, progress=report)
    else:
        translations = translator.translate_sentences(sources, progress=report)
    timings["translate"] = time.perf_counter() - start

    by_article: list[dict[tuple[int, int], Translation]] = [{} for _ in articles]
    for (a, p, s), translation in zip(wanted, translations):
        by_article[a][(p, s)] = translation
    title_of = dict(zip(titled, translations[len(wanted) :]))
    results = []
    start = time.perf_counter()
    for a, (article, body) in enumerate(zip(articles, bodies)):
        sentences = _sentences(body, by_article[a])
        # With every sentence translated, the digest can avoid doubtful ones.
        chosen = early[a] if options.digest_only else _choose(body, article, options, sentences)
        results.append(
            _result(article, sentences, chosen, title_of.get(a), translator.name, options)
        )
    if options.digest == "abstractive" and not options.digest_only:
        results = [_with_summary(r, options, progress) for r in results]
    if not options.digest_only:
        timings["digest"] = time.perf_counter() - start
    return [dataclasses.replace(r, timings=dict(timings)) for r in results]


def _passages(
    articles: Sequence[Article],
    bodies: list[list[list[str]]],
    wanted: list[tuple[int, int, int]],
    titled: list[int],
) -> list[Passage]:
    """The sentences to translate, in the order of ``wanted`` and then the titles, grouped
    by paragraph with the title and the previous paragraph as context (a backend that
    reads context gets whole paragraphs; the others still get one sentence at a time)."""
    passages = []
    for (a, p), group in groupby(wanted, key=lambda w: (w[0], w[1])):
        article = articles[a]
        previous = article.paragraphs[p - 1] if p else None
        context = Context(title=article.title, previous=previous)
        passages.append(Passage(tuple(bodies[a][p][s] for _, _, s in group), context))
    passages += [Passage((articles[a].title or "",)) for a in titled]
    return passages


def _choose(
    body: list[list[str]],
    article: Article,
    options: Options,
    sentences: Sequence[Sentence] = (),
) -> list[Choice]:
    """The key sentences; those flagged as doubtful translations are penalised."""
    from summarizer.digest import select_key_points

    penalties = {(s.paragraph, s.index): 1.0 for s in sentences if s.doubtful}
    return select_key_points(body, options.points, title=article.title, penalties=penalties)


def _sentences(
    body: list[list[str]], translated: dict[tuple[int, int], Translation]
) -> list[Sentence]:
    """The translated sentences of one article, checked for consistency, in order."""
    from summarizer.trust import confidence_level, consistency_warnings

    sentences = []
    for p, para in enumerate(body):
        for s, source in enumerate(para):
            translation = translated.get((p, s))
            if translation is None:
                continue
            checks = consistency_warnings(source, translation.text)
            sentences.append(
                Sentence(
                    source=source,
                    text=translation.text,
                    paragraph=p,
                    index=s,
                    score=translation.score,
                    confidence=confidence_level(translation.score),
                    warnings=[*translation.notices, *checks],
                )
            )
    return sentences


def _result(
    article: Article,
    sentences: list[Sentence],
    chosen: Sequence[Choice],
    title: Translation | None,
    model: str,
    options: Options,
) -> Result:
    """Assemble one article's Result from its translated sentences."""
    english = {(s.paragraph, s.index): s.text for s in sentences}
    paragraphs = []
    if not options.digest_only:
        paragraphs = [
            " ".join(english[(p, s)] for s in range(count))
            for p, count in enumerate(_counts(sentences, len(article.paragraphs)))
        ]
    run_warnings: list[Notice] = []
    if options.digest == "abstractive" and options.digest_only:
        run_warnings.append(NO_SUMMARY_IN_DIGEST_ONLY)
    for sentence in sentences:
        for notice in sentence.warnings:
            if notice.kind == "long-sentence" and notice not in run_warnings:
                run_warnings.append(notice)
    key_points = [
        KeyPoint(c.sentence, english.get((c.paragraph, c.index), ""), c.paragraph, c.index, c.score)
        for c in chosen
    ]
    return Result(
        article=article,
        title=title.text if title else None,
        paragraphs=paragraphs,
        sentences=sentences,
        key_points=key_points,
        warnings=[*article.warnings, *run_warnings],
        model=model,
    )


def _counts(sentences: Sequence[Sentence], paragraphs: int) -> list[int]:
    """Sentences per paragraph."""
    counts = [0] * paragraphs
    for sentence in sentences:
        counts[sentence.paragraph] += 1
    return counts


def _with_summary(result: Result, options: Options, progress: Progress | None) -> Result:
    """Add abstractive bullets, summarised from the English translation."""
    from summarizer.digest import Summarizer

    if progress:
        progress("digest", 0, 1)
    summary = Summarizer(options.summary_model, device=options.device).summarize(
        result.text, max_points=max(options.points, 3)
    )
    return dataclasses.replace(result, summary=summary)
