"""The look of the web UI: the page CSS and the Gradio theme settings.

Fonts are system font stacks, so the page needs nothing from the network (the tool runs
offline). Colours use Gradio's theme variables where they exist, so dark mode works.
"""

from __future__ import annotations

SANS = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif'
)
SERIF = 'Charter, "Bitstream Charter", "Iowan Old Style", Georgia, "DejaVu Serif", serif'
MONO = 'ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace'

CSS = (
    f":root {{ --reader-serif: {SERIF}; --reader-sans: {SANS}; }}\n"
    + """
.gradio-container { width: 100% !important; max-width: 1180px !important; margin: 0 auto !important; }
/* Top level, not in @media: Gradio scopes media rules to .contain, inside .main. */
.gradio-container .main {
  max-width: none !important; padding-left: clamp(12px, 4vw, 32px) !important;
  padding-right: clamp(12px, 4vw, 32px) !important;
}

/* Header */
#app-header { padding: 6px 2px 2px; }
#app-header h1 {
  font-size: 1.65rem; font-weight: 700; letter-spacing: -0.01em; margin: 0 0 4px;
  color: var(--body-text-color);
}
#app-header h1 .arrow { color: var(--color-accent); font-weight: 600; }
#app-header p { margin: 0; color: var(--body-text-color-subdued); font-size: 0.98rem; }

/* Input card */
#input-card { border-radius: 12px; }
#article-input textarea { font-size: 0.95rem; line-height: 1.5; }
#run-row { align-items: center; gap: 12px; }
#run-button { min-height: 46px; font-size: 1.02rem; font-weight: 600; }

/* Result header */
.doc-summary { padding: 2px 2px 0; }
.run-info { padding: 0 2px; }
.checks summary .muted { font-weight: 400; }
.doc-title {
  font-family: var(--reader-serif); font-size: 1.6rem; line-height: 1.25; font-weight: 700;
  margin: 0 0 4px; color: var(--body-text-color);
}
.doc-original { margin: 0 0 6px; color: var(--body-text-color-subdued); font-style: italic; }
.doc-meta, .doc-stats { margin: 2px 0; color: var(--body-text-color-subdued); font-size: 0.9rem; }
.doc-meta a { color: inherit; text-decoration: underline; word-break: break-all; }
.checks { margin: 6px 0 0; font-size: 0.9rem; }
.checks summary { cursor: pointer; color: #c2410c; font-weight: 600; }
.checks ol { margin: 6px 0 0; padding-left: 22px; max-height: 260px; overflow: auto; }
.checks li { margin: 3px 0; line-height: 1.45; }
.checks a { color: var(--color-accent); }
.timings { display: flex; flex-wrap: wrap; gap: 6px; margin: 10px 0 2px; }
.timing {
  font-size: 0.8rem; padding: 2px 9px; border-radius: 999px;
  background: var(--background-fill-secondary); color: var(--body-text-color);
  border: 1px solid var(--border-color-primary); font-variant-numeric: tabular-nums;
}
.timing-label { color: var(--body-text-color-subdued); }
.timing-total { font-weight: 600; }
.notices {
  margin: 10px 0 0; padding: 8px 12px; border-radius: 8px; font-size: 0.9rem;
  background: #fff8e6; border: 1px solid #f3d58a; color: #5c4300;
}
.dark .notices { background: #3a2f12; border-color: #6b5416; color: #f6e3b0; }
.notices ul { margin: 0; padding-left: 18px; }

/* Key points */
.section-title {
  font-size: 0.78rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.08em;
  color: var(--body-text-color-subdued); margin: 0 0 10px;
}
.section-note { text-transform: none; letter-spacing: 0; font-weight: 400; }
.key-points { padding: 4px 2px; }
.kp-list { list-style: none; counter-reset: kp; margin: 0; padding: 0; }
.kp {
  counter-increment: kp; position: relative; padding: 10px 14px 10px 46px; margin: 0 0 8px;
  border-radius: 10px; background: var(--background-fill-secondary);
  border: 1px solid var(--border-color-primary);
}
.kp::before {
  content: counter(kp); position: absolute; left: 13px; top: 13px; width: 22px; height: 22px;
  border-radius: 50%; background: var(--color-accent); color: white; font-size: 0.78rem;
  font-weight: 700; display: flex; align-items: center; justify-content: center;
}
.kp summary {
  cursor: pointer; list-style: none; font-family: var(--reader-serif); font-size: 1.08rem;
  line-height: 1.5; color: var(--body-text-color);
}
.kp summary::-webkit-details-marker { display: none; }
.kp summary::after {
  content: "source"; margin-left: 8px; font-family: var(--reader-sans); font-size: 0.72rem;
  color: var(--body-text-color-subdued); border: 1px solid var(--border-color-primary);
  border-radius: 999px; padding: 0 7px; vertical-align: 2px; white-space: nowrap;
}
.kp details[open] summary::after { content: "hide source"; }
.kp-source {
  margin-top: 8px; padding: 8px 10px; border-left: 3px solid var(--color-accent);
  background: var(--background-fill-primary); border-radius: 0 6px 6px 0;
  color: var(--body-text-color-subdued); font-size: 0.95rem; line-height: 1.5;
}
.lang-tag {
  display: inline-block; font-size: 0.68rem; font-weight: 700; letter-spacing: 0.05em;
  padding: 0 5px; margin-right: 7px; border-radius: 4px; vertical-align: 1px;
  background: var(--border-color-primary); color: var(--body-text-color-subdued);
}
.kp-ref { margin-left: 8px; font-size: 0.8rem; color: var(--color-accent); white-space: nowrap; }
.kp-flag {
  margin-left: 6px; font-family: var(--reader-sans); font-size: 0.72rem; padding: 0 7px;
  border-radius: 999px; background: #fde8e8; color: #9b1c1c; vertical-align: 2px; cursor: help;
}
.abstract { margin-top: 14px; }
.abstract ul { margin: 0; padding-left: 20px; font-family: var(--reader-serif); line-height: 1.55; }

/* Side by side */
.sbs {
  display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
  grid-template-rows: repeat(var(--rows), auto); column-gap: 28px;
}
.sbs-col {
  display: grid; grid-row: 1 / span var(--rows); grid-template-rows: subgrid;
  min-width: 0;
}
.col-en { grid-column: 1; }
.col-id { grid-column: 2; }
.col-label {
  font-size: 0.78rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.08em;
  color: var(--body-text-color-subdued); margin: 0 0 8px; padding-bottom: 6px;
  border-bottom: 1px solid var(--border-color-primary);
}
.para { margin: 0 0 14px; line-height: 1.62; }
.para-en { font-family: var(--reader-serif); font-size: 1.04rem; color: var(--body-text-color); }
.para-id { font-size: 0.93rem; color: var(--body-text-color-subdued); }
.s.key { background: rgba(255, 214, 10, 0.32); border-radius: 3px; padding: 1px 0;
  box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.s.pair { background: rgba(99, 102, 241, 0.16); border-radius: 3px; }
.s.key.pair { background: rgba(255, 190, 0, 0.55); }
.dark .s.key { background: rgba(255, 214, 10, 0.22); }
.s.flag {
  text-decoration: underline dotted #e8590c; text-decoration-thickness: 2px;
  text-underline-offset: 4px; cursor: help;
}
.muted { color: var(--body-text-color-subdued); }
.placeholder {
  color: var(--body-text-color-subdued); text-align: center; padding: 28px 12px;
  border: 1px dashed var(--border-color-primary); border-radius: 10px; font-size: 0.95rem;
}

.para-en.pending { opacity: 0.55; }

/* An error stays in the result area until the next run. */
.error-panel {
  padding: 12px 16px; border-radius: 10px; border: 1px solid #f5b5b5; background: #fff4f4;
  color: #7a1c1c; scroll-margin-top: 12px;
}
.dark .error-panel { background: #3b1717; border-color: #7a2e2e; color: #f8d0d0; }
.error-title { margin: 0 0 4px; font-size: 1.05rem; font-weight: 700; }
.error-message { margin: 0; line-height: 1.5; overflow-wrap: anywhere; }
.error-fixes { margin: 8px 0 0; padding-left: 20px; line-height: 1.5; }
.error-fixes li { margin: 2px 0; overflow-wrap: anywhere; }

/* Removed boilerplate */
.removed-list {
  margin: 6px 0 0; padding-left: 22px; font-size: 0.85rem; color: var(--body-text-color-subdued);
  max-height: 320px; overflow: auto;
}
.removed-list li { margin: 2px 0; }

#rerun-button { width: auto !important; align-self: flex-start; margin-top: 8px; }
#downloads { gap: 8px; align-items: center; flex-wrap: wrap; }
#downloads > * { flex: 0 0 auto !important; width: auto !important; }
.downloads-label {
  font-size: 0.78rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.08em;
  color: var(--body-text-color-subdued); margin-right: 4px;
}

/* Phone: one column, each English paragraph followed by its Indonesian source. */
@media (max-width: 720px) {
  #app-header h1 { font-size: 1.3rem; }
  .doc-title { font-size: 1.3rem; }
  .sbs { grid-template-columns: minmax(0, 1fr); grid-template-rows: none; }
  .sbs-col { display: contents; }
  .col-id .col-label { display: none; }
  .col-en .col-label { grid-row: 1; }
  .para-en { grid-row: calc(var(--row) * 2 - 2); margin-bottom: 6px; }
  .para-id {
    grid-row: calc(var(--row) * 2 - 1); margin-bottom: 18px; padding-left: 10px;
    border-left: 2px solid var(--border-color-primary); font-size: 0.88rem;
  }
}
"""
)


def theme() -> object:
    """The Gradio theme: a quiet neutral base with an indigo accent and system fonts."""
    import gradio as gr

    return gr.themes.Soft(
        primary_hue="indigo",
        neutral_hue="slate",
        radius_size="md",
        font=[gr.themes.Font(name) for name in _names(SANS)],
        font_mono=[gr.themes.Font(name) for name in _names(MONO)],
    ).set(
        block_title_background_fill="transparent",
        block_title_text_color="*neutral_700",
        block_title_text_weight="600",
        block_title_padding="0",
        block_label_background_fill="transparent",
    )


def _names(stack: str) -> list[str]:
    """The family names of a CSS font stack, without the keywords Gradio would quote."""
    names = [name.strip().strip('"') for name in stack.split(",")]
    return [n for n in names if n not in ("system-ui", "-apple-system", "ui-monospace")]
