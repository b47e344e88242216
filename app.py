"""Start the web UI: ``python app.py`` (or ``summarizer serve``).

Configuration by environment: ``SUMMARIZER_TRANSLATION_MODEL`` (preset, hub id or local
directory), ``GRADIO_SERVER_NAME`` (default 127.0.0.1) and ``GRADIO_SERVER_PORT`` (7860).
"""

from summarizer.ui import launch

if __name__ == "__main__":
    launch()
