"""A Result as Markdown, JSON or plain text: the files users take away."""

from __future__ import annotations

import json

from summarizer.document import Result, Sentence
from summarizer.errors import UnknownOptionError

FORMATS = ("md", "json", "txt")


def to_json(result: Result) -> str:
    """Everything: the stripped article, the aligned translation, key points, warnings."""
    return json.dumps(result.as_dict(), ensure_ascii=False, indent=2) + "\n"


def to_text(result: Result) -> str:
    """The English title and body, paragraphs separated by blank lines."""
    parts = [result.title] if result.title else []
    parts += result.paragraphs or [p.text for p in result.key_points]
    return "\n\n".join(parts) + "\n"


def to_markdown(result: Result) -> str:
    """Key points first, then the translation beside the Indonesian, paragraph by paragraph."""
    article = result.article
    lines = [f"# {result.title or article.title or 'Untitled article'}", ""]
    meta = [
        f"{label}: {value}"
        for label, value in (
            ("Source", article.url),
            ("Site", article.site),
            ("Date", article.date),
            ("Author", article.author),
            ("Original title", article.title if result.title else None),
            ("Model", result.model),
        )
        if value
    ]
    if meta:
        lines += [f"*{' · '.join(meta)}*", ""]
    lines += ["## Key points", ""]
    for point in result.key_points:
        lines.append(f"- {point.text}  ")
        lines.append(f"  *{point.source}*")
    if result.summary:
        lines += ["", "## Summary", ""]
        lines += [f"- {bullet}" for bullet in result.summary]
    flagged = [s for s in result.sentences if s.doubtful]
    if flagged:
        lines += ["", "## Check these sentences", ""]
        lines += [f"- {_flag(s)}" for s in flagged]
    if result.paragraphs:
        lines += ["", "## Translation", ""]
        for english, source in zip(result.paragraphs, article.paragraphs):
            lines += [english, "", f"> {source}", ""]
    if result.warnings:
        lines += ["## Notes", ""]
        lines += [f"- {w.message}" for w in result.warnings]
    return "\n".join(lines).rstrip() + "\n"


def _flag(sentence: Sentence) -> str:
    """One line for a doubtful sentence: where it is and why it is doubtful."""
    reasons = [w.message.rstrip(". ") for w in sentence.warnings]
    if sentence.confidence == "low":
        reasons.append("the model is not confident of this translation")
    return f'"{sentence.text}" (paragraph {sentence.paragraph + 1}): ' + "; ".join(reasons) + "."


def render(result: Result, fmt: str) -> str:
    """``result`` written out in one of the output formats.

    Args:
        result: the pipeline's result.
        fmt: one of :data:`FORMATS`.

    Returns:
        The text of the file.

    Raises:
        UnknownOptionError: ``fmt`` is not one of :data:`FORMATS`.
    """
    if fmt == "md":
        return to_markdown(result)
    if fmt == "json":
        return to_json(result)
    if fmt == "txt":
        return to_text(result)
    raise UnknownOptionError(f"Unknown format {fmt!r}: choose one of {', '.join(FORMATS)}.")
