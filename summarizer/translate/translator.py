"""The translator: Indonesian text in, English text out, aligned and complete.

``Translator.translate`` takes whole articles: it segments them into sentences, sends each
sentence (or, for an over-long one, each piece) to the model in length-sorted batches,
and puts the output back with every paragraph and line break where it was.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from summarizer.document import Notice
from summarizer.errors import ModelError, UnsupportedModelError
from summarizer.loading import check_device, resolve_device
from summarizer.segment import sentence_spans
from summarizer.translate.backend import (
    CONTEXT_BACKENDS,
    Backend,
    BackendRequest,
    Decoding,
    Hypothesis,
    choose_backend,
    is_loaded,
    is_out_of_memory,
    load_backend,
)
from summarizer.translate.chunking import Part, batches, plan_sentence, split_to_fit
from summarizer.translate.passages import (
    PASSAGE_TOKENS,
    Context,
    Passage,
    mark,
    markable,
    runs,
    unmark,
)
from summarizer.translate.presets import DEFAULT_MODEL, ModelSpec, resolve_model

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
_WORD = re.compile(r"\w+")

# Batch limits by device kind: (padded source tokens, sentences) per batch. On a CPU the
# time of a batch grows with the work in it, and batches of about 32 sentences keep the
# threads busy without padding waste. On a GPU a decoding step of a translation-size model
# costs about as much for 256 sentences as for 32 (kernel launches, not arithmetic, set the
# pace), so larger batches multiply throughput; a batch that does not fit in memory is
# retried in halves.
BATCH_LIMITS: dict[str, tuple[int, int]] = {
    "cpu": (4096, 32),
    "mps": (8192, 64),
    "cuda": (16384, 256),
}


@dataclass(frozen=True)
class Translation:
    """One sentence's translation, its score and what the reader should know about it."""

    source: str
    text: str
    score: float | None = None
    notices: list[Notice] = field(default_factory=list)


class SentenceTranslator(Protocol):
    """What the pipeline and the shells ask of a translator: the :class:`Translator`, or a
    wrapper that layers something over one (the batch cache, as argos-translate layers its
    caching over its translation interface)."""

    @property
    def name(self) -> str:
        """The model as the user named it."""

    @property
    def loaded(self) -> bool:
        """Whether the first translation would wait for a model to load."""

    @property
    def reads_context(self) -> bool:
        """Whether whole paragraphs in context are worth sending (:meth:`translate_passages`)."""

    @property
    def batch_limits(self) -> tuple[int, int]:
        """Padded source tokens and sentences per model batch."""

    def load(self) -> Any:
        """Load the model now."""

    def translate(self, texts: Sequence[str]) -> list[str]:
        """One English string per text, its layout kept."""

    def translate_sentences(
        self, sentences: Sequence[str], progress: Progress | None = None
    ) -> list[Translation]:
        """One :class:`Translation` per sentence, in order."""

    def translate_passages(
        self, passages: Sequence[Passage], progress: Progress | None = None
    ) -> list[Translation]:
        """One :class:`Translation` per sentence of the passages, in order."""


def translate_texts(translator: SentenceTranslator, texts: Sequence[str]) -> list[str]:
    """Translate each text through ``translator``; one English string per input.

    Each text may be a whole article: paragraphs (blank lines), line breaks and surrounding
    whitespace are kept where they were.
    """
    layouts = [_layout(text) for text in texts]
    passages = [p for layout in layouts for p in layout.passages()]
    translations = iter(translator.translate_passages(passages))
    return [
        layout.render([next(translations).text for _ in layout.sentences]) for layout in layouts
    ]


class Translator:
    """Translates Indonesian text to English with a seq2seq model.

    Creating a Translator is cheap: the model loads on first use, once per process, and is
    shared by every Translator with the same model, backend and device.

    Args:
        model: a preset (``opus-mt``, ``nllb-600m``, ``madlad-3b``), a hub id or a local
            model directory.
        device: ``auto``, ``cuda``, ``mps`` or ``cpu``.
        beams: beam size (1 is greedy decoding).
        backend: ``auto``, ``transformers`` or another registered backend.
        compute_type: precision (``float16``, ``int8``...); the backend's default if None.
        revision: the hub revision to load.
        max_batch_tokens: padded source tokens per batch (default: by device, see
            ``BATCH_LIMITS``).
        batch_size: sentences per batch at most (default: by device).
        no_repeat_ngram_size: no n-gram of this size repeats in an output (0: off).
        max_ratio: output tokens at most ``max_ratio`` x source tokens + 10.
    """

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        *,
        device: str = "auto",
        beams: int = 4,
        backend: str = "auto",
        compute_type: str | None = None,
        revision: str | None = None,
        max_batch_tokens: int | None = None,
        batch_size: int | None = None,
        no_repeat_ngram_size: int = 4,
        max_ratio: float = 1.5,
    ) -> None:
        if beams < 1:
            raise ValueError(f"beams must be at least 1, not {beams}")
        self.spec: ModelSpec = resolve_model(model)
        self.device = check_device(device)
        self.backend_name = backend
        self.compute_type = compute_type
        self.revision = revision
        self.max_batch_tokens = max_batch_tokens
        self.batch_size = batch_size
        self.decoding = Decoding(
            beams=beams, max_ratio=max_ratio, no_repeat_ngram_size=no_repeat_ngram_size
        )
        self._request: BackendRequest | None = None
        # Set when a batch ran out of device memory: later batches stay under it.
        self._memory_cap: int | None = None

    @property
    def name(self) -> str:
        """The model as the user named it."""
        return self.spec.name

    @property
    def request(self) -> BackendRequest:
        """What identifies the loaded model (resolving ``auto`` device and backend)."""
        if self._request is None:
            device = resolve_device(self.device)
            backend = choose_backend(self.backend_name, self.spec, device)
            self._request = BackendRequest(
                self.spec, backend, device, self.compute_type, self.revision
            )
        return self._request

    @property
    def batch_limits(self) -> tuple[int, int]:
        """Padded source tokens and sentences per batch: as given, else the device's."""
        tokens, size = BATCH_LIMITS.get(self.request.device.split(":")[0], BATCH_LIMITS["cpu"])
        size = self.batch_size or size
        if self._memory_cap is not None:
            size = min(size, self._memory_cap)
        return self.max_batch_tokens or tokens, size

    @property
    def reads_context(self) -> bool:
        """Whether the backend translates whole paragraphs in context (a chat LLM), so that
        :meth:`translate_passages` is worth calling instead of :meth:`translate_sentences`."""
        return self.request.backend in CONTEXT_BACKENDS

    @property
    def loaded(self) -> bool:
        """Whether the model is in memory already."""
        return is_loaded(self.request)

    def load(self) -> Backend:
        """Load the model now (it loads on first use otherwise) and return the backend.

        With ``backend="auto"``, a model the preferred backend cannot run faithfully is
        loaded with transformers instead.
        """
        try:
            return load_backend(self.request)
        except UnsupportedModelError as exc:
            if self.backend_name != "auto" or self.request.backend == "transformers":
                raise
            log.warning("%s Using the transformers backend.", exc)
            self._request = dataclasses.replace(self.request, backend="transformers")
            return load_backend(self._request)

    def translate(self, texts: Sequence[str]) -> list[str]:
        """Translate each text; one English string per input.

        Each text may be a whole article: paragraphs (blank lines), line breaks and
        surrounding whitespace are kept where they were.
        """
        return translate_texts(self, texts)

    def translate_passages(
        self, passages: Sequence[Passage], progress: Progress | None = None
    ) -> list[Translation]:
        """Translate paragraphs; one :class:`Translation` per sentence, in order.

        A backend that reads context (a chat LLM) gets each paragraph whole, its sentences
        numbered, with the article title and the previous paragraph; the numbers give the
        sentence alignment back, and a paragraph whose numbers did not survive is
        translated again sentence by sentence. Other backends translate the sentences one
        by one, as :meth:`translate_sentences` does.
        """
        sentences = [s for passage in passages for s in passage.sentences]
        if not self.reads_context:
            return self.translate_sentences(sentences, progress)
        plans = [plan_sentence(s) for s in sentences]
        if not any(part.translate for plan in plans for part in plan):
            return [self._assemble(s, plan, {}, {}, {}) for s, plan in zip(sentences, plans)]
        return _InContext(self, self.load(), passages, plans, progress).translate()

    def translate_sentences(
        self, sentences: Sequence[str], progress: Progress | None = None
    ) -> list[Translation]:
        """Translate sentences, one :class:`Translation` per sentence, in order.

        Sentences from many articles may be pooled here: they are batched together.
        ``progress(done, total)`` is called after each batch.
        """
        plans = [plan_sentence(s) for s in sentences]
        wanted = sorted({p.text for plan in plans for p in plan if p.translate})
        backend = self.load() if wanted else None
        pieces: dict[str, list[str]] = {}
        long_notices: dict[str, Notice] = {}
        if backend is None:
            return [self._assemble(s, plan, {}, {}, {}) for s, plan in zip(sentences, plans)]
        limit = self.input_limit(backend)
        sizes = dict(zip(wanted, backend.count_tokens(wanted)))
        for text, size in sizes.items():
            if size > limit:
                pieces[text] = split_to_fit(text, limit, backend.count_tokens)
                long_notices[text] = Notice(
                    "long-sentence",
                    f"A sentence of {size} tokens is over the model's limit of {limit}; "
                    f"it was translated in {len(pieces[text])} pieces.",
                )
            else:
                pieces[text] = [text]
        inputs = sorted({piece for split in pieces.values() for piece in split})
        # Only the pieces of split sentences are new: the rest were counted above.
        fresh = [text for text in inputs if text not in sizes]
        sizes.update(zip(fresh, backend.count_tokens(fresh)))
        hypotheses = dict(
            zip(inputs, self._generate(backend, inputs, [sizes[t] for t in inputs], progress))
        )
        return [
            self._assemble(s, plan, pieces, hypotheses, long_notices)
            for s, plan in zip(sentences, plans)
        ]

    def input_limit(self, backend: Backend) -> int:
        """The longest input in tokens: the model's window, or less where the output
        bound of a longer input would not fit the model's output limit."""
        return min(
            backend.max_input_tokens, self.decoding.max_source_tokens(backend.max_output_tokens)
        )

    def _generate(
        self,
        backend: Backend,
        inputs: Sequence[str],
        sizes: Sequence[int],
        progress: Progress | None,
        contexts: Sequence[Context | None] | None = None,
    ) -> list[Hypothesis]:
        """Translate inputs (of ``sizes`` tokens) in length-sorted batches; one hypothesis
        per input, in order. ``contexts`` go with the inputs to a backend that reads them.

        A batch that runs out of device memory is split in halves, and later batches are
        kept to that size; only a single input that does not fit is an error.
        """
        results: dict[int, Hypothesis] = {}
        pending = deque(batches(sizes, *self.batch_limits))
        while pending:
            batch = pending.popleft()
            texts = [inputs[i] for i in batch]
            try:
                if contexts is None:
                    hypotheses = backend.generate(texts, self.decoding)
                else:
                    hypotheses = backend.generate(  # type: ignore[call-arg]
                        texts, self.decoding, contexts=[contexts[i] for i in batch]
                    )
            except Exception as exc:
                if not is_out_of_memory(exc):
                    raise
                pending = self._halved(batch, pending, sizes[batch[0]], exc)
                continue
            results.update(zip(batch, hypotheses))
            if progress is not None:
                progress(len(results), len(inputs))
        return [results[i] for i in range(len(inputs))]

    def _halved(
        self, batch: list[int], pending: deque[list[int]], longest: int, exc: Exception
    ) -> deque[list[int]]:
        """``batch``, which ran out of memory, and the batches after it, cut to half its size
        (which later calls keep to); ``longest`` is its longest input, in tokens."""
        if len(batch) == 1:
            raise ModelError(
                f"{self.name} ran out of memory on {self.request.device} translating one "
                f"sentence of {longest} tokens; try a smaller model or another device."
            ) from exc
        cap = self._memory_cap = len(batch) // 2
        log.warning(
            "A batch of %d sentences did not fit in %s memory; using batches of %d.",
            len(batch),
            self.request.device,
            cap,
        )
        return deque(b[i : i + cap] for b in (batch, *pending) for i in range(0, len(b), cap))

    def _assemble(
        self,
        sentence: str,
        plan: list[Part],
        pieces: dict[str, list[str]],
        hypotheses: dict[str, Hypothesis],
        long_notices: dict[str, Notice],
    ) -> Translation:
        """Put a sentence's translated and copied parts back together."""
        texts: list[str] = []
        scores: list[float] = []
        notices: list[Notice] = []
        for part in plan:
            if not part.translate:
                texts.append(part.text)
                continue
            if part.text in long_notices:
                notices.append(long_notices[part.text])
            for piece in pieces[part.text]:
                hypothesis = hypotheses[piece]
                if not hypothesis.text:
                    notices.append(
                        Notice("empty-output", "The model returned nothing for: " + piece)
                    )
                    texts.append(piece)
                    continue
                texts.append(hypothesis.text)
                notices.extend(hypothesis.notices)
                if hypothesis.score is not None:
                    scores.append(hypothesis.score)
        text = " ".join(texts)
        if _repeats(text):
            notices.append(Notice("repetition", "The translation repeats itself; check it."))
        return Translation(sentence, text, min(scores) if scores else None, notices)


@dataclass(frozen=True)
class _Layout:
    """A text as sentences and the exact whitespace around them."""

    gaps: list[str]
    sentences: list[str]

    def passages(self) -> list[Passage]:
        """The sentences grouped by line (a line break or a blank line starts a paragraph),
        each paragraph with the previous one as context."""
        groups: list[list[str]] = []
        for gap, sentence in zip(self.gaps, self.sentences):
            if not groups or "\n" in gap:
                groups.append([])
            groups[-1].append(sentence)
        previous = [None, *(" ".join(g) for g in groups[:-1])]
        return [Passage(tuple(g), Context(previous=p)) for g, p in zip(groups, previous)]

    def render(self, translated: Sequence[str]) -> str:
        out = [self.gaps[0]]
        for sentence, gap in zip(translated, self.gaps[1:]):
            out += [sentence, gap]
        return "".join(out)


def _layout(text: str) -> _Layout:
    spans = sentence_spans(text)
    starts = [0] + [end for _, end in spans]
    ends = [start for start, _ in spans] + [len(text)]
    return _Layout([text[a:b] for a, b in zip(starts, ends)], [text[s:e] for s, e in spans])


def _repeats(text: str, n: int = 3, times: int = 3) -> bool:
    """Whether some word n-gram occurs ``times`` times or more (a decoding loop)."""
    words = _WORD.findall(text.lower())
    seen: dict[tuple[str, ...], int] = {}
    for i in range(len(words) - n + 1):
        gram = tuple(words[i : i + n])
        seen[gram] = seen.get(gram, 0) + 1
        if seen[gram] >= times:
            return True
    return False


class _InContext:
    """One :meth:`Translator.translate_passages` call on a backend that reads context.

    Sentences that can travel marked (one part for the model, no marker of their own,
    within the input limit) go as runs of a paragraph; the others (URLs inside, over-long,
    copied parts) take the sentence path. A run whose markers did not survive is sent again
    sentence by sentence, each with the paragraph's context.
    """

    def __init__(
        self,
        translator: Translator,
        backend: Backend,
        passages: Sequence[Passage],
        plans: list[list[Part]],
        progress: Progress | None,
    ) -> None:
        self.translator = translator
        self.backend = backend
        self.sentences = [s for passage in passages for s in passage.sentences]
        self.contexts = [passage.context for passage in passages for _ in passage.sentences]
        self.ends = [len(passage.sentences) for passage in passages]
        self.plans = plans
        self.progress = progress
        self.done = 0
        self.total = 0

    def translate(self) -> list[Translation]:
        limit = self.translator.input_limit(self.backend)
        texts = {i: plan[0].text for i, plan in enumerate(self.plans) if _marked_part(plan)}
        unique = sorted(set(texts.values()))
        sizes = dict(zip(unique, self.backend.count_tokens(unique)))
        eligible = {i: text for i, text in texts.items() if sizes[text] <= limit}
        chunks = self._chunks(eligible, sizes, min(limit, PASSAGE_TOKENS))
        others = [i for i, plan in enumerate(self.plans) if i not in eligible]
        self.total = len(eligible) + len(others)

        found: dict[int, Hypothesis] = {}
        retry: list[int] = []
        hypotheses = self._round(
            [
                mark([eligible[i] for i in chunk]) if len(chunk) > 1 else eligible[chunk[0]]
                for chunk in chunks
            ],
            [self.contexts[chunk[0]] for chunk in chunks],
            [len(chunk) for chunk in chunks],
        )
        for chunk, hypothesis in zip(chunks, hypotheses):
            pieces = [hypothesis.text] if len(chunk) == 1 else unmark(hypothesis.text, len(chunk))
            if pieces is None:
                log.info(
                    "markers lost in a run of %d sentences; translating them one by one", len(chunk)
                )
                retry += chunk
                continue
            for i, piece in zip(chunk, pieces):
                last = i == chunk[-1]
                found[i] = Hypothesis(piece, hypothesis.score, hypothesis.notices if last else ())
        self.total += len(retry)
        singles = self._round(
            [eligible[i] for i in retry], [self.contexts[i] for i in retry], [1] * len(retry)
        )
        found.update(zip(retry, singles))
        rest = iter(self._sentence_path([self.sentences[i] for i in others]))
        results = []
        for i, sentence in enumerate(self.sentences):
            if i not in found:
                results.append(next(rest))
                continue
            text = eligible[i]
            results.append(
                self.translator._assemble(
                    sentence, self.plans[i], {text: [text]}, {text: found[i]}, {}
                )
            )
        return results

    def _chunks(
        self, eligible: dict[int, str], sizes: dict[str, int], budget: int
    ) -> list[list[int]]:
        """Runs of consecutive eligible sentences of each passage, within ``budget`` tokens."""
        chunks: list[list[int]] = []
        start = 0
        for count in self.ends:
            run: list[int] = []
            for i in [*range(start, start + count), -1]:  # -1 closes the last run
                if i in eligible:
                    run.append(i)
                    continue
                if run:
                    for group in runs([sizes[eligible[j]] for j in run], budget):
                        chunks.append([run[g] for g in group])
                    run = []
            start += count
        return chunks

    def _round(
        self, texts: list[str], contexts: list[Context], weights: list[int]
    ) -> list[Hypothesis]:
        """Generate for ``texts`` (each of ``weights`` sentences), each distinct
        (text, context) once, reporting progress in sentences."""
        keys = list(dict.fromkeys(zip(texts, contexts)))
        if not keys:
            return []
        weight = dict(zip(zip(texts, contexts), weights))
        sizes = self.backend.count_tokens([text for text, _ in keys])
        start, share = self.done, sum(weight[k] for k in keys)

        def report(done: int, total: int) -> None:
            if self.progress is not None:
                self.progress(start + share * done // total, self.total)

        hypotheses = self.translator._generate(
            self.backend, [t for t, _ in keys], sizes, report, contexts=[c for _, c in keys]
        )
        self.done = start + share
        by_key = dict(zip(keys, hypotheses))
        return [by_key[key] for key in zip(texts, contexts)]

    def _sentence_path(self, sentences: list[str]) -> list[Translation]:
        """Sentences that cannot travel marked, translated one by one (split, copied parts)."""
        if not sentences:
            return []
        start = self.done

        def report(done: int, total: int) -> None:
            if self.progress is not None:
                self.progress(start + len(sentences) * done // max(total, 1), self.total)

        translations = self.translator.translate_sentences(sentences, report)
        self.done = start + len(sentences)
        return translations


def _marked_part(plan: list[Part]) -> bool:
    """Whether a sentence is one part for the model that a marked input can carry."""
    return len(plan) == 1 and plan[0].translate and markable(plan[0].text)
