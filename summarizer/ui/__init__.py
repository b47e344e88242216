"""The web UI: a Gradio app over :func:`summarizer.pipeline.run`.

    >>> from summarizer.ui import build_app, launch
    >>> launch()                      # http://127.0.0.1:7860

Gradio is imported only when the app is built, so ``summarizer.ui.views`` (the pure HTML
views) can be used and tested without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import gradio as gr

__all__ = ["build_app", "launch"]


def build_app(model: str | None = None) -> gr.Blocks:
    """Build the web UI; see :func:`summarizer.ui.app.build_app`."""
    from summarizer.ui.app import build_app as build

    return build(model)


def launch(
    host: str | None = None, port: int | None = None, model: str | None = None, share: bool = False
) -> Any:
    """Start the web UI and block; see :func:`summarizer.ui.app.launch`."""
    from summarizer.ui.app import launch as start

    return start(host=host, port=port, model=model, share=share)
