"""Raw input to text: size limit, binary detection, encoding detection, HTML or not.

The stripper accepts ``str`` or ``bytes``. Bytes are decoded as UTF-8 when they are
valid UTF-8, else in the charset an HTML page declares, else in the encoding
charset-normalizer finds (cp1252 and latin-1 pages are common on older Indonesian sites).
"""

from __future__ import annotations

import logging
import re

from summarizer.errors import BinaryInputError, EmptyInputError, EncodingError, InputTooLargeError

log = logging.getLogger(__name__)

#: Largest input accepted, in bytes (or characters for ``str``): 5 MiB. A news page is
#: rarely over 1 MiB of HTML; anything bigger is not a single article.
MAX_INPUT_BYTES = 5 * 1024 * 1024

# Magic numbers of formats users are likely to upload by mistake.
_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"PK\x03\x04": "a ZIP archive (or a .docx/.xlsx file)",
    b"\x1f\x8b": "gzip-compressed data",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document",
    b"RIFF": "a RIFF file (WebP image, WAV audio...)",
    b"\x7fELF": "a program",
    b"MZ": "a Windows program",
}
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.IGNORECASE)
_HTML_START = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|div|article|p|section|main|span|a\s)[\s>/]",
    re.IGNORECASE,
)
_DOCUMENT = re.compile(r"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)
# A text is a fragment of markup when at least this share of its lines hold a tag.
_MARKUP_LINES = 0.5
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def check_size(size: int, max_bytes: int = MAX_INPUT_BYTES) -> None:
    """Raise InputTooLargeError when ``size`` is over ``max_bytes``."""
    if size > max_bytes:
        raise InputTooLargeError(
            f"The input is {size / 1_048_576:.1f} MiB; the limit is "
            f"{max_bytes / 1_048_576:.0f} MiB. Give a single article (its page or its text), "
            "not a whole site or a data dump."
        )


def to_text(raw: str | bytes, encoding: str | None = None) -> str:
    """Decode ``raw`` into text, refusing empty, binary, undecodable or oversized input.

    Args:
        raw: the input as given by the user.
        encoding: an encoding to try first (an HTTP ``Content-Type`` charset), or None.

    Returns:
        The text, with Windows line ends normalised.

    Raises:
        EmptyInputError: nothing but whitespace.
        InputTooLargeError: over :data:`MAX_INPUT_BYTES`.
        BinaryInputError: a file format or binary data, not text.
        EncodingError: bytes that decode in no likely encoding.
    """
    if isinstance(raw, bytes | bytearray):
        data = bytes(raw)
        check_size(len(data))
        if not data.strip():
            raise EmptyInputError("The input is empty. Paste an article, or give its page or URL.")
        _check_binary(data)
        text = _decode(data, encoding)
    elif isinstance(raw, str):
        check_size(len(raw))
        text = raw
    else:
        raise TypeError(f"strip() takes str or bytes, not {type(raw).__name__}")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EmptyInputError("The input is empty. Paste an article, or give its page or URL.")
    controls = len(_CONTROL.findall(text[:8192]))
    if "\x00" in text[:8192] or controls > 0.05 * min(len(text), 8192):
        raise BinaryInputError(
            "The input holds binary data (control characters), not text or HTML. "
            "Paste the article's text, or give its web page."
        )
    return text


def is_html(text: str) -> bool:
    """Whether ``text`` is an HTML page (or fragment) rather than plain text."""
    head = text.lstrip()[:4096]
    if not head.startswith("<") and not _HTML_START.search(head[:1024]):
        return False
    if _DOCUMENT.search(head[:1024]):
        return True
    if not _HTML_START.search(head) or len(_TAG.findall(text[:20000])) < 3:
        return False
    # A fragment of markup, or text pasted with a few tags in it (a page copied with
    # scripts off shows its <noscript> ad tags as text): markup when most lines hold tags.
    lines = [line for line in text[:20000].splitlines() if line.strip()][:200]
    tagged = sum(1 for line in lines if _TAG.search(line))
    return tagged >= _MARKUP_LINES * len(lines)


def _check_binary(data: bytes) -> None:
    """Raise BinaryInputError for known file formats and NUL-laden data."""
    for magic, name in _MAGIC.items():
        if data.startswith(magic):
            raise BinaryInputError(
                f"The input is {name}, not a web page or text. Open it, copy the article's "
                "text and paste it, or give the article's URL."
            )
    head = data[:8192]
    if not head.startswith(_BOMS) and head.count(b"\x00") > 0:
        raise BinaryInputError(
            "The input is binary data (it holds NUL bytes), not text or HTML. "
            "Paste the article's text, or give its web page."
        )


def _decode(data: bytes, hint: str | None) -> str:
    """Decode bytes: BOM, UTF-8, the hinted or declared charset, then detection."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:4096])
    for name in (hint, declared.group(1).decode("ascii", "ignore") if declared else None):
        if not name or name.lower().replace("-", "") == "utf8":
            continue
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            log.debug("declared charset %s does not decode the input", name)
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise EncodingError(
            "The input's bytes could not be decoded as text in any likely encoding. "
            "Save the page as UTF-8 (or copy and paste its text)."
        )
    log.debug("decoded the input as %s", best.encoding)
    return str(best)
