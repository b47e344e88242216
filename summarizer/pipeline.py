"""The core that the UI, the CLI, the batch runner and the tests all call.

``run`` takes what the user gave (page, pasted text, or an Article) through the stages:
strip -> translate -> digest, and returns one :class:`~summarizer.document.Result`.
``run_articles`` does the same for many stripped articles at once, pooling their
sentences into shared batches. ``stream`` is ``run`` for a reader who is waiting: it yields
the cleaned article at once, then the English paragraph by paragraph as batches finish,
then the whole Result with its key points.
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from summarizer import segment, sources
from summarizer.document import (
    DEFAULT_POINTS,
    Article,
    Notice,
    Result,
    Sentence,
    check_points,
)
from summarizer.errors import UnknownOptionError
from summarizer.sources import Source
from summarizer.translate import Translation, Translator
from summarizer.translate.passages import Context, Passage
from summarizer.translate.presets import DEFAULT_MODEL
from summarizer.translate.translator import SentenceTranslator

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

#: The environment variable that sets the default translation model (UI and CLI alike).
MODEL_ENV = "SUMMARIZER_TRANSLATION_MODEL"

# progress(stage, done, total): stage is "strip", "load", "translate", "digest".
Progress = Callable[[str, int, int], None]


def default_model(model: str | None = None) -> str:
    """The translation model: ``model``, else ``$SUMMARIZER_TRANSLATION_MODEL``, else the
    package default; the one rule the UI, the CLI and the batch share."""
    return (model or "").strip() or os.environ.get(MODEL_ENV, "").strip() or DEFAULT_MODEL


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
    points: int = DEFAULT_POINTS
    digest: str = "extractive"
    digest_only: bool = False
    strip: bool = True
    summary_model: str = DEFAULT_SUMMARY_MODEL

    def __post_init__(self) -> None:
        if self.digest not in DIGESTS:
            raise UnknownOptionError(
                f"Unknown digest {self.digest!r}: choose one of {', '.join(DIGESTS)}."
            )
        check_points(self.points)

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


def prepare(source: str | bytes | Source | Article, options: Options = Options()) -> Article:
    """The article to translate: stripped from a page or pasted text (or a file's
    :class:`~summarizer.sources.Source`), or taken as given."""
    if isinstance(source, Article):
        return source
    if isinstance(source, Source):
        return sources.to_article(source, options)
    from summarizer.stripping import strip

    if options.strip:
        return strip(source)
    from summarizer.stripping import as_plain_article

    return as_plain_article(source)


def run(
    source: str | bytes | Source | Article,
    options: Options = Options(),
    *,
    translator: SentenceTranslator | None = None,
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


@dataclass(frozen=True)
class Update:
    """One step of :func:`stream`: the result so far and how much of it is translated.

    Attributes:
        result: the article with the sentences translated so far (``paragraphs`` holds the
            English of the leading paragraphs whose sentences are all translated); the
            whole Result, key points included, when ``final``.
        translated: sentences translated so far.
        total: sentences to translate.
        final: whether this is the finished Result (the last update).
    """

    result: Result
    translated: int
    total: int
    final: bool = False


def stream(
    source: str | bytes | Source | Article,
    options: Options = Options(),
    *,
    translator: SentenceTranslator | None = None,
    progress: Progress | None = None,
) -> Iterator[Update]:
    """Like :func:`run`, yielding the result as it grows, for a reader who is waiting.

    The first update holds the cleaned article (nothing translated yet); then one update per
    chunk of paragraphs translated, in reading order (the first paragraph and the title
    alone, so that they come quickly; then about one batch of sentences at a time); the
    last one (``final``) is the finished Result, the same as :func:`run` returns.

    Raises:
        InputError, ModelError: as :func:`run`, from the first ``next()`` that meets them.
    """
    start = time.perf_counter()
    if progress:
        progress("strip", 0, 1)
    article = prepare(source, options)
    timings = {"strip": time.perf_counter() - start}
    translator = translator or options.translator()
    body = segment.sentences(article.paragraphs)
    total = len(body)
    if options.digest_only or options.digest == "abstractive" or not total:
        # Digest-only translates a handful of sentences, and an abstractive summary needs
        # the whole English: nothing to show early but the cleaned article.
        yield Update(Result(article=article, sentences=list(body), model=translator.name), 0, total)
        (result,) = run_articles([article], options, translator=translator, progress=progress)
        yield Update(_timed(result, timings, result.timings), total, total, final=True)
        return
    yield Update(Result(article=article, sentences=list(body), model=translator.name), 0, total)
    start = time.perf_counter()
    if not translator.loaded:
        if progress:
            progress("load", 0, 1)
        translator.load()
        timings["load"] = time.perf_counter() - start
        start = time.perf_counter()
    title: Translation | None = None
    done = 0
    for chunk in _reading_chunks(body, _batch_size(translator)):
        passages = _passages(article, chunk)
        with_title = title is None and bool(article.title)
        if with_title:
            passages.append(Passage((article.title or "",)))
        translations = _translate(translator, passages, _offset(progress, done, total))
        if with_title:
            title = translations.pop()
        body[done : done + len(chunk)] = _translated(chunk, translations)
        done += len(chunk)
        if done < total:
            yield Update(_partial(article, body, title, translator.name), done, total)
    timings["translate"] = time.perf_counter() - start
    start = time.perf_counter()
    chosen = _choose(body, article, options)
    result = _result(article, body, chosen, title, translator.name, options)
    timings["digest"] = time.perf_counter() - start
    yield Update(dataclasses.replace(result, timings=timings), total, total, final=True)


def _timed(result: Result, before: dict[str, float], after: dict[str, float]) -> Result:
    """``result`` with the timings of the stages before it and its own."""
    return dataclasses.replace(result, timings={**before, **after})


def _batch_size(translator: SentenceTranslator) -> int:
    """Sentences per model batch (a wrapper such as the batch cache may not say)."""
    limits = getattr(translator, "batch_limits", None)
    return int(limits[1]) if limits else 32


def _reading_chunks(body: Sequence[Sentence], size: int) -> Iterator[list[Sentence]]:
    """The sentences in reading order, in chunks of whole paragraphs: the first paragraph
    alone (it shows soonest), then paragraphs together up to about ``size`` sentences, a
    full batch, so that little speed is lost to small batches."""
    paragraphs = [list(group) for _, group in itertools.groupby(body, lambda s: s.paragraph)]
    chunk: list[Sentence] = []
    for k, paragraph in enumerate(paragraphs):
        chunk += paragraph
        following = len(paragraphs[k + 1]) if k + 1 < len(paragraphs) else 0
        if k == 0 or len(chunk) + following > size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _offset(progress: Progress | None, done: int, total: int) -> Callable[[int, int], None] | None:
    """A per-call translation progress callback that counts the sentences done before it."""
    if progress is None:
        return None
    return lambda finished, _inputs: progress("translate", min(done + finished, total), total)


def _partial(
    article: Article, body: list[Sentence], title: Translation | None, model: str
) -> Result:
    """The result while the translation goes on: the English of the leading paragraphs
    whose sentences are all translated, every sentence, no key points."""
    paragraphs = []
    for _, group in itertools.groupby(body, lambda s: s.paragraph):
        sentences = list(group)
        if not all(s.translated for s in sentences):
            break
        paragraphs.append(" ".join(s.text for s in sentences))
    return Result(
        article=article,
        title=title.text if title else None,
        paragraphs=paragraphs,
        sentences=list(body),
        warnings=list(article.warnings),
        model=model,
    )


def run_articles(
    articles: Sequence[Article],
    options: Options = Options(),
    *,
    translator: SentenceTranslator | None = None,
    progress: Progress | None = None,
) -> list[Result]:
    """Translate and digest stripped articles, their sentences pooled into shared batches."""
    translator = translator or options.translator()
    timings: dict[str, float] = {}
    bodies = [segment.sentences(article.paragraphs) for article in articles]

    # What to translate: every sentence, or in digest-only mode the key sentences only.
    # In digest-only mode the points are chosen before translation (nothing to penalise
    # yet); otherwise once, after it.
    start = time.perf_counter()
    early = [
        _choose(body, a, options) if options.digest_only else []
        for body, a in zip(bodies, articles)
    ]
    timings["digest"] = time.perf_counter() - start if options.digest_only else 0.0
    wanted: list[tuple[int, int]] = []  # (article, position of the sentence in its body)
    for a, body in enumerate(bodies):
        keys = {s.place for s in early[a]}
        wanted += [(a, k) for k, s in enumerate(body) if not options.digest_only or s.place in keys]
    titled = [a for a, article in enumerate(articles) if article.title]
    passages = [
        passage
        for a, group in itertools.groupby(wanted, key=lambda w: w[0])
        for passage in _passages(articles[a], [bodies[a][k] for _, k in group])
    ]
    passages += [Passage((articles[a].title or "",)) for a in titled]

    start = time.perf_counter()
    if options.digest == "abstractive" and not options.digest_only:
        # Fail before the long translation, not after it, if the summarizer is missing.
        from summarizer.digest import Summarizer

        Summarizer(options.summary_model, device=options.device).load()
    if passages and not translator.loaded:
        if progress:
            progress("load", 0, 1)
        translator.load()
        timings["load"] = time.perf_counter() - start
        start = time.perf_counter()
    report = (lambda done, total: progress("translate", done, total)) if progress else None
    translations = _translate(translator, passages, report)
    timings["translate"] = time.perf_counter() - start

    for (a, k), sentence in zip(
        wanted, _translated([bodies[a][k] for a, k in wanted], translations[: len(wanted)])
    ):
        bodies[a][k] = sentence
    title_of = dict(zip(titled, translations[len(wanted) :]))
    results = []
    start = time.perf_counter()
    for a, (article, body) in enumerate(zip(articles, bodies)):
        if options.digest_only:  # the points chosen before, now with their English
            key = {s.place: s.key for s in early[a]}
            chosen = [dataclasses.replace(s, key=key[s.place]) for s in body if s.place in key]
        else:  # with every sentence translated, the digest can avoid doubtful ones
            chosen = _choose(body, article, options)
        results.append(_result(article, body, chosen, title_of.get(a), translator.name, options))
    if options.digest == "abstractive" and not options.digest_only:
        results = [_with_summary(r, options, progress) for r in results]
    if not options.digest_only:
        timings["digest"] = time.perf_counter() - start
    return [dataclasses.replace(r, timings=dict(timings)) for r in results]


def _passages(article: Article, sentences: Sequence[Sentence]) -> list[Passage]:
    """``sentences`` of ``article`` grouped by paragraph, each with the title and the
    previous paragraph as context (a backend that reads context translates a paragraph at
    a time; the others still get one sentence at a time)."""
    passages = []
    for p, group in itertools.groupby(sentences, key=lambda s: s.paragraph):
        previous = article.paragraphs[p - 1] if p else None
        context = Context(title=article.title, previous=previous)
        passages.append(Passage(tuple(s.source for s in group), context))
    return passages


def _translate(
    translator: SentenceTranslator,
    passages: Sequence[Passage],
    progress: Callable[[int, int], None] | None,
) -> list[Translation]:
    """One translation per sentence of ``passages``, in order: paragraph by paragraph for a
    backend that reads context, sentence by sentence for the others."""
    if getattr(translator, "reads_context", False):  # stand-in translators may lack it
        return translator.translate_passages(passages, progress=progress)
    return translator.translate_sentences(
        [s for passage in passages for s in passage.sentences], progress=progress
    )


def _choose(body: Sequence[Sentence], article: Article, options: Options) -> list[Sentence]:
    """The key sentences; those whose translation is doubtful are penalised."""
    from summarizer.digest import select_key_points

    return select_key_points(
        body,
        options.points,
        title=article.title,
        penalty=lambda s: 1.0 if s.doubtful else 0.0,
    )


def _translated(
    sentences: Sequence[Sentence], translations: Sequence[Translation]
) -> list[Sentence]:
    """``sentences`` with their English, its confidence and the trust checks' warnings."""
    from summarizer.trust import confidence_level, consistency_warnings

    return [
        dataclasses.replace(
            sentence,
            text=translation.text,
            score=translation.score,
            confidence=confidence_level(translation.score),
            warnings=[
                *translation.notices,
                *consistency_warnings(sentence.source, translation.text),
            ],
        )
        for sentence, translation in zip(sentences, translations, strict=True)
    ]


def _result(
    article: Article,
    body: list[Sentence],
    chosen: list[Sentence],
    title: Translation | None,
    model: str,
    options: Options,
) -> Result:
    """Assemble one article's Result from its sentences (all of them, translated or not)."""
    paragraphs = []
    if not options.digest_only:
        english: list[list[str]] = [[] for _ in article.paragraphs]
        for sentence in body:
            english[sentence.paragraph].append(sentence.text)
        paragraphs = [" ".join(texts) for texts in english]
    run_warnings: list[Notice] = []
    if options.digest == "abstractive" and options.digest_only:
        run_warnings.append(NO_SUMMARY_IN_DIGEST_ONLY)
    for sentence in body:
        for notice in sentence.warnings:
            if notice.kind == "long-sentence" and notice not in run_warnings:
                run_warnings.append(notice)
    return Result(
        article=article,
        title=title.text if title else None,
        paragraphs=paragraphs,
        sentences=body,
        key_points=chosen,
        warnings=[*article.warnings, *run_warnings],
        model=model,
    )


def _with_summary(result: Result, options: Options, progress: Progress | None) -> Result:
    """Add abstractive bullets, summarised from the English translation."""
    from summarizer.digest import Summarizer

    if progress:
        progress("digest", 0, 1)
    summary = Summarizer(options.summary_model, device=options.device).summarize(
        result.text, points=options.points
    )
    return dataclasses.replace(result, summary=summary)
