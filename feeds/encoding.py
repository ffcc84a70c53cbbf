"""From feed bytes to text: refuse what is not text, decide the encoding line by line.

A file that is valid UTF-8 (BOM optional) is read as UTF-8 at once. Otherwise each line is
decided on its own: a line that is valid UTF-8 stays UTF-8, a line that is not is read as
Windows-1252 (Excel's default on Dutch Windows) and its number is kept for a notice. So a BOM
followed by a Windows-1252 body is accepted, and one stray Windows-1252 byte garbles nothing
but its own line, which is reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from feeds.raw import FeedFileError

UTF8_BOM: Final = b"\xef\xbb\xbf"

#: Byte order marks of the encodings a feed may not use (UTF-32 before UTF-16: FF FE 00 00).
_WIDE_BOMS: Final = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"\xff\xfe", b"\xfe\xff")

#: Starts of common binary formats a feed is mistaken for (a spreadsheet, a zip, a PDF, ...).
_BINARY_SIGNATURES: Final = (
    b"PK\x03\x04",  # zip, and so .xlsx / .docx / .ods
    b"\xd0\xcf\x11\xe0",  # OLE2: .xls / .doc
    b"%PDF-",
    b"\x1f\x8b",  # gzip
    b"BZh",
    b"7z\xbc\xaf",
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",
    b"SQLite format 3\x00",
    b"\x7fELF",
)

#: How much of the file is looked at, and the share of control bytes that makes it binary.
_SAMPLE_BYTES: Final = 65_536
_MAX_CONTROL_SHARE: Final = 0.05

#: Bytes that occur in text: printable ASCII and everything above it, tab, line ends, form feed.
_TEXT_BYTES: Final = bytes(range(0x20, 0x7F)) + bytes(range(0x80, 0x100)) + b"\t\n\r\x0c"

#: cp1252 leaves five bytes undefined; they are read as the Latin-1 control they stand for.
_CP1252_UNDEFINED: Final = {0x81: "\x81", 0x8D: "\x8d", 0x8F: "\x8f", 0x90: "\x90", 0x9D: "\x9d"}


@dataclass
class DecodedText:
    """The text of a feed file and the (1-based) lines read as Windows-1252."""

    text: str
    windows_1252_lines: list[int] = field(default_factory=list)


def not_text_reason(data: bytes) -> str | None:
    """Why `data` is not a text file (UTF-16, binary, ...), or None when it may be text."""
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
    for bom in _WIDE_BOMS:
        if data.startswith(bom):
            return "it is UTF-16 or UTF-32 text (save it as UTF-8 or Windows-1252)"
    for signature in _BINARY_SIGNATURES:
        if data.startswith(signature):
            return "it is a binary file (a spreadsheet, archive, image or document?)"
    sample = data[:_SAMPLE_BYTES]
    controls = len(sample.translate(None, _TEXT_BYTES))
    if sample and controls > _MAX_CONTROL_SHARE * len(sample):
        if sample.count(0) * 3 > len(sample):
            return "it looks like UTF-16 text (save it as UTF-8 or Windows-1252)"
        return "it holds binary data"
    return None


def decode_feed(data: bytes, source: str) -> DecodedText:
    """Decode a feed file; raises `FeedFileError` naming `source` when it is not text."""
    reason = not_text_reason(data)
    if reason is not None:
        raise FeedFileError(f"{source}: not a CSV or JSON text file: {reason}")
    body = data[len(UTF8_BOM) :] if data.startswith(UTF8_BOM) else data
    try:
        return DecodedText(body.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    # bytes.splitlines breaks at \n, \r and \r\n only, as the CSV reader does.
    parts: list[str] = []
    windows_1252: list[int] = []
    for number, line in enumerate(body.splitlines(keepends=True), start=1):
        try:
            parts.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            parts.append(decode_windows_1252(line))
            windows_1252.append(number)
    return DecodedText("".join(parts), windows_1252)


def decode_windows_1252(line: bytes) -> str:
    """A line as Windows-1252; its five undefined bytes as the Latin-1 controls (no loss)."""
    try:
        return line.decode("cp1252")
    except UnicodeDecodeError:
        return "".join(
            _CP1252_UNDEFINED.get(byte) or bytes([byte]).decode("cp1252") for byte in line
        )
