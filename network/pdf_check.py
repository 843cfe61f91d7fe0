"""Is this upload a plain PDF document, safe to hand to staff? `check_pdf` answers with the list of what is wrong.

The document is parsed with qpdf (through pikepdf), as a reader would, so filters, object streams and escaped names
hide nothing; and parsed a second time from its raw objects alone, so that objects no cross-reference table points
to (which a reader repairing the file would find) are inspected too. Active content of every kind is refused, as are
files that are at the same time something else (a web page, a ZIP archive, a program). The work one file may cost is
bounded: bytes decoded, objects, filters per stream, seconds.
"""

import hashlib
import io
import re
import struct
import time
from dataclasses import dataclass, field

import pikepdf
from django.utils.translation import gettext as _

MAX_PDF_BYTES = 10 * 1024 * 1024
# Decoding: at most this much from one stream, and in total, over both readings of a file.
MAX_STREAM_DECODED_BYTES = 32 * 1024 * 1024
MAX_DECODED_BYTES = 64 * 1024 * 1024
MAX_OBJECTS = 100_000
MAX_SECONDS = 10.0

# qpdf's own guards, process-wide: no single Flate, RunLength or predictor stage grows past the stream budget.
pikepdf.settings.set_qpdf_limits(
    flate_max_memory=MAX_STREAM_DECODED_BYTES,
    run_length_max_memory=MAX_STREAM_DECODED_BYTES,
    png_max_memory=MAX_STREAM_DECODED_BYTES,
    tiff_max_memory=MAX_STREAM_DECODED_BYTES,
    dct_max_memory=MAX_STREAM_DECODED_BYTES,
    max_stream_filters=4,
)

EXECUTABLE_HEADERS = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"\xfe\xed\xfa\xcf", b"#!")
# Programs inside a file: the DOS stub every Windows program carries, and an ELF header with its padding.
_DOS_STUB = b"This program cannot be run in DOS mode"
_ELF_HEADER = re.compile(rb"\x7fELF[\x01\x02][\x01\x02]\x01.\x00{8}", re.S)
# Markup a browser would run, looked for in the lower-cased bytes (a plain search: fast on megabytes).
_MARKUP = (
    b"<script", b"<html", b"<svg", b"<iframe", b"<body", b"<object", b"<embed", b"<!doctype html", b"javascript:",
)  # fmt: skip
_ZIP_END = b"PK\x05\x06"
# Filters decoded to look inside a stream; images (DCT, JPX, JBIG2, CCITT) are left as they are.
_TEXT_FILTERS = {"/FlateDecode", "/Fl", "/ASCIIHexDecode", "/AHx", "/ASCII85Decode", "/A85", "/RunLengthDecode", "/RL"}
_LZW = {"/LZWDecode", "/LZW"}

# Action types (/S) and what is said when one is found.
_REFUSED_ACTIONS = {
    "/JavaScript": "javascript",
    "/Launch": "launch",
    "/SubmitForm": "submit",
    "/ImportData": "import",
    "/Rendition": "media",
    "/RichMediaExecute": "media",
    "/Movie": "media",
    "/Sound": "media",
    "/GoTo3DView": "media",
}
_MEDIA_SUBTYPES = {"/RichMedia", "/Movie", "/Sound", "/Screen", "/3D"}
_LINK_SCHEMES = ("http://", "https://", "mailto:")


def _messages(max_bytes: int) -> dict[str, str]:
    return {
        "empty": _("The file is empty."),
        "too_large": _("The file must be at most %(megabytes)s MB; this one is larger.")
        % {"megabytes": f"{max_bytes / (1024 * 1024):g}"},
        "executable": _("This file is a program, not a PDF document."),
        "not_pdf": _("This file is not a PDF document: it must start with %PDF- and end with %%EOF."),
        "trailing": _("Something other than PDF follows the end of this document (after its last %%EOF)."),
        "damaged": _("This PDF is damaged and cannot be read."),
        "encrypted": _("This PDF is protected by a password; send it without one."),
        "markup": _("This file holds web page code (HTML, SVG or a javascript: address) besides the PDF."),
        "zip": _("This file is also a ZIP archive."),
        "program": _("This PDF carries a program inside it."),
        "costly": _("This PDF takes too much work to read (it expands to too much data or holds too many objects)."),
        "lzw": _("This PDF uses an old compression (LZW) that is not accepted; save it again (print to PDF)."),
        "javascript": _("This PDF contains JavaScript."),
        "launch": _("This PDF contains an action that launches a program."),
        "submit": _("This PDF contains a form that sends data to an address (SubmitForm)."),
        "import": _("This PDF contains an action that imports data from a file (ImportData)."),
        "automatic": _("This PDF contains actions that run on their own when it is opened or used."),
        "xfa": _("This PDF contains an XFA form, which can run scripts."),
        "embedded": _("This PDF contains embedded files."),
        "media": _("This PDF contains multimedia or 3D content, which can run scripts."),
        "link": _("This PDF contains a link to something other than a web page or an email address."),
        "remote": _("This PDF contains a link that opens a file on this computer or on a network share."),
    }


class _TooCostly(Exception):
    pass


@dataclass
class _Budget:
    deadline: float
    decoded: int = 0
    problems: set[str] = field(default_factory=set)
    seen: set[bytes] = field(default_factory=set)  # streams already decoded, by digest of their raw bytes

    def spend(self, amount: int) -> None:
        self.decoded += amount
        if self.decoded > MAX_DECODED_BYTES or time.monotonic() > self.deadline:
            raise _TooCostly


def _read(file, max_bytes: int) -> bytes:
    if isinstance(file, bytes | bytearray | memoryview):
        return bytes(file)
    file.seek(0)
    data = file.read(max_bytes + 1)
    file.seek(0)
    return data


def _foreign_content(data: bytes, problems: set[str]) -> None:
    lowered = data.lower()
    if any(marker in lowered for marker in _MARKUP):
        problems.add("markup")
    if _DOS_STUB in data or _holds_elf(data):
        problems.add("program")
    if _holds_zip(data):
        problems.add("zip")


def _holds_elf(data: bytes) -> bool:
    start = data.find(b"\x7fELF")
    while start != -1:
        if _ELF_HEADER.match(data, start):
            return True
        start = data.find(b"\x7fELF", start + 1)
    return False


def _holds_zip(data: bytes) -> bool:
    # A ZIP archive is read from its end record, which gives the size of the central directory just before it.
    start = data.find(_ZIP_END)
    while start != -1:
        if start + 22 <= len(data):
            (directory_size,) = struct.unpack_from("<I", data, start + 12)
            directory = start - directory_size
            if directory >= 0 and data[directory : directory + 4] in (b"PK\x01\x02", _ZIP_END):
                return True
        start = data.find(_ZIP_END, start + 1)
    return False


def _text(value) -> str:
    if isinstance(value, pikepdf.String):
        return str(value)
    if isinstance(value, pikepdf.Dictionary):
        return " ".join(_text(value.get(key)) for key in ("/F", "/UF", "/DOS", "/Unix", "/Mac", "/URL") if key in value)
    return str(value) if value is not None else ""


def _is_web_address(target: str, schemes=_LINK_SCHEMES) -> bool:
    return target.strip().lower().startswith(schemes)


def _is_remote_file(target: str) -> bool:
    target = target.strip().lower()
    return target.startswith(("\\\\", "//", "file:", "smb:")) or "\\\\" in target


def _inspect_dictionary(dictionary, problems: set[str]) -> None:
    keys = set(dictionary.keys())
    if keys & {"/JS", "/JavaScript"}:
        problems.add("javascript")
    if "/AA" in keys:
        problems.add("automatic")
    if "/XFA" in keys or "/NeedsRendering" in keys:
        problems.add("xfa")
    if keys & {"/EmbeddedFiles", "/EF", "/RichMediaContent"}:
        problems.add("embedded" if "/RichMediaContent" not in keys else "media")
    kind = str(dictionary.get("/Type", ""))
    subtype = str(dictionary.get("/Subtype", ""))
    if kind == "/EmbeddedFile" or subtype == "/FileAttachment":
        problems.add("embedded")
    if subtype in _MEDIA_SUBTYPES or kind in {"/3D", "/RichMediaInstance"}:
        problems.add("media")
    action = str(dictionary.get("/S", ""))
    if action in _REFUSED_ACTIONS:
        problems.add(_REFUSED_ACTIONS[action])
    if action == "/URI" or "/URI" in keys:
        target = _text(dictionary.get("/URI"))
        if target and _is_remote_file(target):
            problems.add("remote")
        elif target and not _is_web_address(target):
            problems.add("link")
    if action in {"/GoToR", "/GoToE"} and "/F" in keys:
        target = _text(dictionary.get("/F"))
        if _is_remote_file(target):
            problems.add("remote")
        elif not _is_web_address(target, ("http://", "https://")):
            problems.add("link")
    if "/OpenAction" in keys:
        opening = dictionary.get("/OpenAction")
        if isinstance(opening, pikepdf.Dictionary) and str(opening.get("/S", "")) not in {"/GoTo", ""}:
            problems.add("automatic")


def _walk(obj, problems: set[str], budget: _Budget) -> None:
    """Every dictionary inside `obj`, not following references (each referenced object is walked on its own)."""
    pending = [obj]
    while pending:
        item = pending.pop()
        if isinstance(item, pikepdf.Stream):
            item = item.stream_dict
        if isinstance(item, pikepdf.Dictionary):
            _inspect_dictionary(item, problems)
            children = item.values()
        elif isinstance(item, pikepdf.Array):
            children = list(item)
        else:
            continue
        for child in children:
            if isinstance(child, pikepdf.Dictionary | pikepdf.Array) and not child.is_indirect:
                pending.append(child)
        if time.monotonic() > budget.deadline:
            raise _TooCostly


def _filters(stream) -> list[str]:
    value = stream.stream_dict.get("/Filter")
    if value is None:
        return []
    if isinstance(value, pikepdf.Array):
        return [str(item) for item in value]
    return [str(value)]


def _inspect_stream(stream, problems: set[str], budget: _Budget) -> None:
    """Decode a compressed or encoded stream (not an image: images run nothing) and look inside it. Streams kept as
    they are were seen with the rest of the file."""
    filters = set(_filters(stream))
    if filters & _LZW:
        problems.add("lzw")
        return
    if not filters or not filters <= _TEXT_FILTERS or str(stream.stream_dict.get("/Subtype", "")) == "/Image":
        return
    digest = hashlib.sha256(stream.read_raw_bytes() + repr(sorted(filters)).encode()).digest()
    if digest in budget.seen:
        return
    budget.seen.add(digest)
    try:
        data = stream.read_bytes(decode_level=pikepdf.StreamDecodeLevel.generalized)
    except pikepdf.DataDecodingError as error:
        if "limit" in str(error):
            raise _TooCostly from None
        problems.add("damaged")
        return
    budget.spend(len(data))
    _foreign_content(data, problems)


def _inspect_document(data: bytes, budget: _Budget) -> None:
    problems = budget.problems
    with pikepdf.open(io.BytesIO(data)) as pdf:
        table = pdf.get_xref_table()
        if len(table) > MAX_OBJECTS:
            raise _TooCostly
        # Streams written directly in the file first: an object stream using a refused filter is never decoded.
        ordered = sorted(table.items(), key=lambda item: item[1].type != 1)
        for (number, generation), entry in ordered:
            if entry.type == 0:
                continue
            if entry.type == 2 and "lzw" in problems:
                continue
            obj = pdf.get_object(number, generation)
            if isinstance(obj, pikepdf.Stream):
                _inspect_stream(obj, problems, budget)
            _walk(obj, problems, budget)
        _walk(pdf.trailer, problems, budget)


def check_pdf(file, *, max_bytes: int = MAX_PDF_BYTES) -> list[str]:
    """What makes `file` (bytes or a file object) unfit to keep as a plain PDF document; an empty list if nothing.
    Each problem is a sentence for the person who sent it."""
    messages = _messages(max_bytes)
    data = _read(file, max_bytes)
    if not data:
        return [messages["empty"]]
    if len(data) > max_bytes or (not isinstance(file, bytes) and (getattr(file, "size", 0) or 0) > max_bytes):
        return [messages["too_large"]]
    if data.startswith(EXECUTABLE_HEADERS):
        return [messages["executable"]]
    last_end = data.rfind(b"%%EOF")
    if not data.startswith(b"%PDF-") or last_end == -1:
        return [messages["not_pdf"]]
    problems: set[str] = set()
    if data[last_end + 5 :].strip(b" \t\r\n\f\x00"):
        problems.add("trailing")
    _foreign_content(data, problems)
    budget = _Budget(deadline=time.monotonic() + MAX_SECONDS, problems=problems)
    try:
        _inspect_document(data, budget)
        # The same bytes without their cross-reference tables: qpdf rebuilds them from every object in the file.
        _inspect_document(data.replace(b"startxref", b"startxre_"), budget)
    except _TooCostly:
        problems.add("costly")
    except pikepdf.PasswordError:
        problems.add("encrypted")
    except (pikepdf.PdfError, RecursionError, ValueError):
        problems.add("damaged")
    order = list(messages)
    return [messages[key] for key in sorted(problems, key=order.index)]
