"""The Gradio Blocks app: input, options, and the views of :mod:`summarizer.ui.views`.

The handler only reads the inputs, calls :func:`summarizer.pipeline.run` and maps the
package's exceptions to ``gr.Error``; everything it shows is built by pure functions.
Models load on the first run, once per process (the Translator shares loaded backends),
so the page starts in seconds.
"""

from __future__ import annotations

import logging
import os
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from summarizer import sources
from summarizer.document import DEFAULT_POINTS, MAX_POINTS, Article, Result
from summarizer.errors import (
    EmptyInputError,
    FetchError,
    InputError,
    InputTooLargeError,
    ModelError,
    ModelNotAvailableError,
    SummarizerError,
    UnknownOptionError,
)
from summarizer.pipeline import MODEL_ENV, Update, default_model  # noqa: F401 (MODEL_ENV: re-exported)
from summarizer.sources import Source
from summarizer.ui import style, views

log = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7860
#: Uploads larger than this are refused by Gradio before they reach the handler.
MAX_FILE_SIZE = "5mb"
UPLOAD_TYPES = list(sources.FILE_SUFFIXES)
INPUT_MODES = ("paste", "upload", "url")
#: One run at a time: a CPU (or one GPU) is fastest with one batch stream at once.
CONCURRENCY_LIMIT = 1
#: Keep download files for a day, checking every hour.
DELETE_CACHE = (3600, 86400)

#: Run in the browser when a run starts: scroll the result area to the top of the window.
SCROLL_TO_RESULT_JS = """() => {
  const target = document.getElementById('result-summary');
  if (target) target.scrollIntoView({behavior: 'smooth', block: 'start'});
}"""

STAGE_PROGRESS = {
    "fetch": (0.01, "Fetching the page"),
    "strip": (0.02, "Stripping page clutter"),
    "load": (0.08, "Loading the translation model (first run only)"),
    "digest": (0.97, "Choosing the key points"),
}


@dataclass(frozen=True)
class Request:
    """What the user asked for, as read from the page."""

    mode: str
    text: str
    file: str | None
    url: str
    strip: bool
    model: str
    points: int
    digest: str
    digest_only: bool


class SummarizerBlocks(gr.Blocks):
    """The app's Blocks; ``launch`` applies the app's theme, CSS and safe defaults."""

    def launch(self, *args: Any, **kwargs: Any) -> Any:
        """Launch with the app's look and an upload size limit unless told otherwise."""
        kwargs.setdefault("theme", style.theme())
        kwargs.setdefault("css", style.CSS)
        kwargs.setdefault("max_file_size", MAX_FILE_SIZE)
        kwargs.setdefault("footer_links", ["api", "settings"])
        return super().launch(*args, **kwargs)


def build_app(model: str | None = None) -> gr.Blocks:
    """Build the web UI (no model is loaded until the first run).

    Args:
        model: the default translation model (preset, hub id or local directory); default
            ``$SUMMARIZER_TRANSLATION_MODEL`` or the package default.

    Returns:
        The Gradio Blocks, queued, ready to ``launch()``.
    """
    from summarizer.translate.presets import PRESETS

    initial_model = default_model(model)
    choices = list(PRESETS)
    if initial_model not in choices:
        choices.insert(0, initial_model)

    with SummarizerBlocks(title="Indonesian news in English", delete_cache=DELETE_CACHE) as app:
        mode = gr.State("paste")
        gr.HTML(
            '<h1>Indonesian news <span class="arrow">→</span> English</h1>'
            "<p>Paste an article from an Indonesian news site: read its key points and a "
            "paragraph-by-paragraph translation beside the original.</p>",
            elem_id="app-header",
            js_on_load=None,
        )
        with gr.Group(elem_id="input-card"), gr.Tabs(elem_id="input-tabs"):
            with gr.Tab("Paste", id="paste") as paste_tab:
                text = gr.Textbox(
                    show_label=False,
                    placeholder="Paste the whole page: menus and ads are removed for you.",
                    lines=7,
                    max_lines=12,
                    elem_id="article-input",
                )
            with gr.Tab("Upload", id="upload") as upload_tab:
                upload = gr.File(
                    label="A saved page (.html, .htm), a text, Markdown, Word or PDF file, "
                    "up to 5 MB",
                    file_types=UPLOAD_TYPES,
                    type="filepath",
                    elem_id="file-input",
                )
            with gr.Tab("URL", id="url") as url_tab:
                url = gr.Textbox(
                    show_label=False,
                    placeholder="https://www.kompas.com/…",
                    max_lines=1,
                    elem_id="url-input",
                )
        with gr.Row(elem_id="run-row", equal_height=True):
            run_button = gr.Button(
                "Translate and summarize",
                variant="primary",
                scale=3,
                min_width=240,
                elem_id="run-button",
            )
            strip_box = gr.Checkbox(
                value=True,
                label="Remove page clutter (menus, ads, links)",
                scale=2,
                elem_id="strip-checkbox",
            )
        with gr.Accordion("Options", open=False, elem_id="options"):
            with gr.Row():
                model_box = gr.Dropdown(
                    choices=choices,
                    value=initial_model,
                    allow_custom_value=True,
                    label="Translation model",
                    info="A preset, a Hugging Face id or a local model folder.",
                    elem_id="model-input",
                )
                points = gr.Slider(
                    1,
                    MAX_POINTS,
                    value=DEFAULT_POINTS,
                    step=1,
                    label="Key points",
                    elem_id="points-input",
                )
            with gr.Row():
                digest = gr.Radio(
                    ["extractive", "abstractive"],
                    value="extractive",
                    label="Digest",
                    info="Abstractive adds a machine-written summary (needs a summarizer model).",
                    elem_id="digest-input",
                )
                digest_only = gr.Checkbox(
                    value=False,
                    label="Digest only (fast): translate just the title and the key points",
                    elem_id="digest-only-input",
                )

        summary = gr.HTML(elem_id="result-summary", js_on_load=None)
        key_points = gr.HTML(
            views.empty_html("The key points in English will appear here."),
            elem_id="key-points-output",
            js_on_load=None,
        )
        run_info = gr.HTML(elem_id="run-info", js_on_load=None)
        with gr.Row(elem_id="downloads", visible=False) as downloads:
            gr.HTML(
                '<span class="downloads-label">Download</span>',
                scale=0,
                min_width=0,
                js_on_load=None,
            )
            md_file = gr.DownloadButton(
                "Markdown", size="sm", scale=0, min_width=88, elem_id="download-md"
            )
            json_file = gr.DownloadButton(
                "JSON", size="sm", scale=0, min_width=64, elem_id="download-json"
            )
            txt_file = gr.DownloadButton(
                "Text", size="sm", scale=0, min_width=64, elem_id="download-txt"
            )
        side_by_side = gr.HTML(elem_id="side-by-side", js_on_load=views.PAIR_JS)
        with gr.Accordion(
            views.removed_label(None), open=False, visible=False, elem_id="removed"
        ) as removed_box:
            removed = gr.HTML(elem_id="removed-output", js_on_load=None)
            rerun = gr.Button(
                "Run again without stripping",
                size="sm",
                variant="secondary",
                elem_id="rerun-button",
            )

        paste_tab.select(lambda: "paste", None, mode, queue=False)
        upload_tab.select(lambda: "upload", None, mode, queue=False)
        url_tab.select(lambda: "url", None, mode, queue=False)

        inputs = [mode, text, upload, url, strip_box, model_box, points, digest, digest_only]
        outputs = [
            summary,
            key_points,
            run_info,
            side_by_side,
            removed,
            removed_box,
            rerun,
            downloads,
            md_file,
            json_file,
            txt_file,
        ]
        handler = _handler(app)
        # In the browser, at once: bring the result area into view (the answer streams in).
        run_button.click(None, js=SCROLL_TO_RESULT_JS, queue=False)
        rerun.click(None, js=SCROLL_TO_RESULT_JS, queue=False)
        run_button.click(
            handler,
            inputs,
            outputs,
            concurrency_limit=CONCURRENCY_LIMIT,
            concurrency_id="translate",
            api_name="summarize",
            show_progress_on=[key_points],
        )
        rerun.click(lambda on: not on, strip_box, strip_box, queue=False).then(
            handler,
            inputs,
            outputs,
            concurrency_limit=CONCURRENCY_LIMIT,
            concurrency_id="translate",
            api_visibility="private",
            show_progress_on=[key_points],
        )
    app.queue(max_size=32)
    return app


def _handler(app: gr.Blocks) -> Callable[..., Iterator[tuple[Any, ...]]]:
    """The Run handler, bound to ``app`` (for its file cache): a generator, so that the
    page shows the cleaned article at once and the English as it is translated."""

    def summarize(
        mode: str,
        text: str,
        file: str | None,
        url: str,
        strip: bool,
        model: str,
        points: float,
        digest: str,
        digest_only: bool,
        progress: gr.Progress = gr.Progress(),  # noqa: B008 (Gradio's injection idiom)
    ) -> Iterator[tuple[Any, ...]]:
        request = Request(
            mode=mode if mode in INPUT_MODES else "paste",
            text=text or "",
            file=file,
            url=(url or "").strip(),
            strip=bool(strip),
            model=(model or "").strip(),
            points=int(points),
            digest=digest,
            digest_only=bool(digest_only),
        )
        try:
            for update in stream_request(request, _reporter(progress)):
                if update.final:
                    folder = Path(app.GRADIO_CACHE) / "summarizer" / uuid.uuid4().hex
                    yield _final_outputs(
                        update.result, request, write_downloads(update.result, folder)
                    )
                else:
                    yield _partial_outputs(update)
        except SummarizerError as exc:
            yield _error_outputs(error_view(exc, default_model(request.model)))
        except Exception as exc:  # a bug: log it, show a short message, never a traceback
            log.exception("unexpected error in the web UI")
            yield _error_outputs(
                views.error_html(
                    "Something went wrong",
                    f"The run failed ({type(exc).__name__}). The details are in the server log.",
                    ["Run it again; if it fails again, report it with the server log."],
                )
            )

    return summarize


def _final_outputs(result: Result, request: Request, files: dict[str, Path]) -> tuple[Any, ...]:
    """Every output for a finished run."""
    return (
        views.summary_html(result),
        views.key_points_html(result),
        views.run_info_html(result),
        views.side_by_side_html(result),
        views.removed_html(result.article),
        gr.Accordion(label=views.removed_label(result.article, request.strip), visible=True),
        gr.Button("Run again without stripping" if request.strip else "Run again with stripping"),
        gr.Row(visible=True),
        gr.DownloadButton(value=str(files["md"])),
        gr.DownloadButton(value=str(files["json"])),
        gr.DownloadButton(value=str(files["txt"])),
    )


def _partial_outputs(update: Update) -> tuple[Any, ...]:
    """The outputs while the run goes on: the article, the English so far, no downloads."""
    result = update.result
    return (
        views.summary_html(result),
        views.translating_html(update.translated, update.total),
        "",
        views.side_by_side_html(result, translating=True),
        views.removed_html(result.article),
        gr.Accordion(label=views.removed_label(result.article), visible=False),
        gr.skip(),
        gr.Row(visible=False),
        gr.skip(),
        gr.skip(),
        gr.skip(),
    )


def _error_outputs(error: str) -> tuple[Any, ...]:
    """The outputs of a failed run: the error in the result area, the rest cleared."""
    return (
        error,
        views.empty_html("The key points in English will appear here."),
        "",
        "",
        "",
        gr.Accordion(visible=False),
        gr.skip(),
        gr.Row(visible=False),
        gr.skip(),
        gr.skip(),
        gr.skip(),
    )


def _reporter(progress: gr.Progress) -> Callable[[str, int, int], None]:
    """A pipeline progress callback that drives Gradio's progress bar."""

    def report(stage: str, done: int, total: int) -> None:
        if stage == "translate":
            progress((done, total), desc="Translating", unit="sentences")
        elif stage in STAGE_PROGRESS:
            fraction, desc = STAGE_PROGRESS[stage]
            progress(fraction, desc=desc)

    return report


def stream_request(
    request: Request, progress: Callable[[str, int, int], None] | None = None
) -> Iterator[Update]:
    """Run the pipeline on what the user gave, yielding the result as it grows.

    Raises:
        SummarizerError: with a message for the user (empty input, no article, model
            missing...), from the first ``next()`` that meets it.
    """
    from summarizer.pipeline import Options, stream
    from summarizer.translate.presets import resolve_model

    options = Options(
        model=default_model(request.model),
        points=request.points,
        digest=request.digest,
        digest_only=request.digest_only,
        strip=request.strip,
    )
    resolve_model(options.model)  # an unknown name fails now, not after the stripping
    if progress and request.mode == "url":
        progress("fetch", 0, 1)
    source = read_source(request)
    yield from stream(source, options, progress=progress)


def run_request(
    request: Request, progress: Callable[[str, int, int], None] | None = None
) -> Result:
    """The finished result of :func:`stream_request`, with every failure as a ``gr.Error``.

    Raises:
        gr.Error: with a message for the user (empty input, no article, model missing...).
    """
    try:
        *_, last = stream_request(request, progress)
        return last.result
    except SummarizerError as exc:
        raise gr.Error(user_message(exc), title=_error_title(exc), print_exception=False) from None


def error_view(exc: SummarizerError, model: str = "") -> str:
    """The error panel for one of the package's errors: what failed and how to fix it."""
    return views.error_html(_error_title(exc), user_message(exc), _fixes(exc, model))


def _fixes(exc: SummarizerError, model: str) -> list[str]:
    """What the user can do about ``exc`` (``model``: the translation model asked for)."""
    if isinstance(exc, ModelError):
        fixes = [
            "Open Options → Translation model and give the folder of a model you have "
            "(or choose another preset)."
        ]
        if isinstance(exc, ModelNotAvailableError) and "No such folder" not in str(exc):
            fixes.append(
                f"Or download it first: run `summarizer download {model}` on a machine that "
                "is online, then run again."
            )
        return fixes
    if isinstance(exc, FetchError):
        return ["Save the page in your browser and use the Upload tab, or paste its text."]
    if isinstance(exc, UnknownOptionError):
        return ["Change it under Options and run again."]
    return []


def read_source(request: Request) -> Source | Article:
    """The input of the chosen tab, read by the core's loader (:mod:`summarizer.sources`):
    pasted text, an uploaded file, or the page at an address.

    Raises:
        EmptyInputError: the chosen tab holds nothing.
        InputError: the uploaded file is of another type, too large or unreadable.
        FetchError: the URL is refused or cannot be fetched.
    """
    if request.mode == "upload":
        if not request.file:
            raise EmptyInputError(
                f"Choose a file to upload first ({', '.join(sources.FILE_SUFFIXES)})."
            )
        return sources.read_file(Path(request.file))
    if request.mode == "url":
        if not request.url:
            raise EmptyInputError("Enter the address of an article (https://…) first.")
        return sources.from_url(request.url, strip=request.strip)
    return sources.from_text(request.text)


def user_message(exc: SummarizerError) -> str:
    """The message a user sees for one of the package's errors."""
    message = str(exc).strip()
    if not message:
        message = "The input could not be processed."
    return message


def _error_title(exc: SummarizerError) -> str:
    """A short heading for the error toast."""
    if isinstance(exc, EmptyInputError):
        return "Nothing to translate"
    if isinstance(exc, InputTooLargeError):
        return "Input too large"
    if isinstance(exc, FetchError):
        return "Could not fetch the page"
    if isinstance(exc, ModelError):
        return "Model not available"
    if isinstance(exc, InputError):
        return "No article found"
    return "Error"


def write_downloads(result: Result, folder: Path) -> dict[str, Path]:
    """Write the result as Markdown, JSON and text files into ``folder``.

    Returns:
        The path of each file by format (``md``, ``json``, ``txt``).
    """
    from summarizer.render import FORMATS, render

    folder.mkdir(parents=True, exist_ok=True)
    stem = slug(result.title or result.article.title or "") or "article"
    paths = {}
    for fmt in FORMATS:
        path = folder / f"{stem}.{fmt}"
        path.write_text(render(result, fmt), encoding="utf-8")
        paths[fmt] = path
    return paths


def slug(title: str, limit: int = 60) -> str:
    """A file name stem from a title: lower-case ASCII words joined by hyphens."""
    words = re.findall(r"[a-z0-9]+", title.lower())
    stem = ""
    for word in words:
        candidate = f"{stem}-{word}" if stem else word
        if len(candidate) > limit:
            break
        stem = candidate
    return stem


def launch(
    host: str | None = None,
    port: int | None = None,
    model: str | None = None,
    share: bool = False,
) -> None:
    """Start the web UI and block until it is stopped.

    Args:
        host: the address to bind; default ``$GRADIO_SERVER_NAME`` or 127.0.0.1.
        port: the port; default ``$GRADIO_SERVER_PORT`` or 7860.
        model: the default translation model; default ``$SUMMARIZER_TRANSLATION_MODEL``.
        share: also open a public gradio.live link (off unless asked for).
    """
    host = host or os.environ.get("GRADIO_SERVER_NAME") or DEFAULT_HOST
    port = port or int(os.environ.get("GRADIO_SERVER_PORT") or DEFAULT_PORT)
    app = build_app(model)
    log.info("starting the web UI on http://%s:%d", host, port)
    app.launch(server_name=host, server_port=port, share=share, show_error=False)
