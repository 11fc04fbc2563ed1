"""A small writer of editable OpenDocument text files (.odt) — headings, paragraphs and tables, no dependency.

API::

    Heading(level, text), Paragraph(text, bold=False), Table(headers, rows, tall_rows=(), widths=()),
    Image(png, width_cm, height_cm)                                                                  # blocks
    write_odt(path, blocks, title="", font="SimSun")    # atomic: written to a temporary file, then renamed

The package follows ODF 1.2: ``mimetype`` is the first entry and stored uncompressed, then
``META-INF/manifest.xml``, ``content.xml``, ``styles.xml``, ``meta.xml`` and the images under ``Pictures/``.
Word, WPS and LibreOffice open it (checked with LibreOffice 7.4's PDF conversion).
Table cells have thin borders; the header row is bold on grey; ``tall_rows`` are rows given a tall minimum height
(blank fields to be filled in by hand, e.g. an approval opinion).
"""

from __future__ import annotations

import os
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence, Union
from xml.sax.saxutils import escape

MIMETYPE = "application/vnd.oasis.opendocument.text"
_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
       'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
       'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
       'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
       'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
       'xmlns:xlink="http://www.w3.org/1999/xlink" '
       'xmlns:dc="http://purl.org/dc/elements/1.1/" '
       'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.2"')


@dataclass
class Heading:
    level: int
    text: str


@dataclass
class Paragraph:
    text: str
    bold: bool = False


@dataclass
class Table:
    headers: list[str]
    rows: list[list[Any]]
    #: indexes of rows (0 = first body row) drawn tall, for hand-written entries
    tall_rows: Sequence[int] = field(default_factory=tuple)
    #: relative column widths (empty: equal)
    widths: Sequence[float] = field(default_factory=tuple)


@dataclass
class Image:
    """A PNG picture on its own centred line, ``width_cm`` × ``height_cm`` on the page."""

    png: bytes
    width_cm: float
    height_cm: float


Block = Union[Heading, Paragraph, Table, Image]


def _pictures(blocks: Sequence[Block]) -> list[tuple[str, bytes]]:
    """(package path, bytes) of each image, in order."""
    return [(f"Pictures/image{i + 1}.png", b.png) for i, b in enumerate(x for x in blocks if isinstance(x, Image))]


def _t(value: Any) -> str:
    """Cell or paragraph text, XML-escaped, line breaks kept."""
    s = "" if value is None else str(value)
    return "<text:line-break/>".join(escape(part) for part in s.split("\n"))


_CENTER = ' fo:text-align="center"'


def _styles(font: str) -> str:
    props = (f'style:font-name="{font}" style:font-name-asian="{font}" fo:font-size="10.5pt" '
             'style:font-size-asian="10.5pt" fo:language="zh" fo:country="CN" style:language-asian="zh" '
             'style:country-asian="CN"')
    heads = "".join(
        f'<style:style style:name="Heading_20_{n}" style:display-name="Heading {n}" style:family="paragraph" '
        f'style:parent-style-name="Standard" style:next-style-name="Standard" style:default-outline-level="{n}">'
        f'<style:paragraph-properties fo:margin-top="{0.5 if n > 1 else 0}cm" fo:margin-bottom="0.2cm"'
        f'{_CENTER if n == 1 else ""}/>'
        f'<style:text-properties fo:font-size="{size}pt" style:font-size-asian="{size}pt" fo:font-weight="bold" '
        f'style:font-weight-asian="bold"/></style:style>'
        for n, size in ((1, 18), (2, 14), (3, 12)))
    return (f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {_NS}>'
            f'<office:font-face-decls><style:font-face style:name="{font}" svg:font-family="\'{font}\'"/>'
            '</office:font-face-decls><office:styles>'
            f'<style:default-style style:family="paragraph"><style:text-properties {props}/></style:default-style>'
            '<style:style style:name="Standard" style:family="paragraph" style:class="text">'
            '<style:paragraph-properties fo:margin-bottom="0.15cm" fo:line-height="130%"/></style:style>'
            f'{heads}</office:styles><office:automatic-styles><style:page-layout style:name="pm1">'
            '<style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" '
            'fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm" style:print-orientation="portrait"/>'
            '</style:page-layout></office:automatic-styles><office:master-styles>'
            '<style:master-page style:name="Standard" style:page-layout-name="pm1"/></office:master-styles>'
            '</office:document-styles>')


_AUTO = ('<office:automatic-styles>'
         '<style:style style:name="Tbl" style:family="table"><style:table-properties style:width="17cm" '
         'table:align="margins" fo:margin-top="0.1cm" fo:margin-bottom="0.2cm"/></style:style>'
         '<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties '
         'fo:border="0.5pt solid #000000" fo:padding="0.08cm"/></style:style>'
         '<style:style style:name="Head" style:family="table-cell"><style:table-cell-properties '
         'fo:border="0.5pt solid #000000" fo:padding="0.08cm" fo:background-color="#e6e6e6"/></style:style>'
         '<style:style style:name="Row" style:family="table-row"/>'
         '<style:style style:name="Tall" style:family="table-row"><style:table-row-properties '
         'style:min-row-height="3.5cm"/></style:style>'
         '<style:style style:name="PB" style:family="paragraph" style:parent-style-name="Standard">'
         '<style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>'
         '<style:style style:name="PC" style:family="paragraph" style:parent-style-name="Standard">'
         '<style:paragraph-properties fo:margin-bottom="0cm"/><style:text-properties fo:font-size="9pt" '
         'style:font-size-asian="9pt"/></style:style>'
         '<style:style style:name="PH" style:family="paragraph" style:parent-style-name="PC">'
         '<style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>'
         '<style:style style:name="PI" style:family="paragraph" style:parent-style-name="Standard">'
         '<style:paragraph-properties fo:text-align="center"/></style:style>'
         '</office:automatic-styles>')


def _table(tbl: Table, n: int) -> str:
    cols = max([len(tbl.headers)] + [len(r) for r in tbl.rows] + [1])
    out = [f'<table:table table:name="Table{n}" table:style-name="Tbl">']
    if len(tbl.widths) == cols:
        out += [f'<table:table-column table:style-name="Col{n}_{i}"/>' for i in range(cols)]
    else:
        out.append(f'<table:table-column table:number-columns-repeated="{cols}"/>')
    if tbl.headers:
        out.append('<table:table-header-rows><table:table-row table:style-name="Row">')
        for h in list(tbl.headers) + [""] * (cols - len(tbl.headers)):
            out.append('<table:table-cell table:style-name="Head" office:value-type="string">'
                       f'<text:p text:style-name="PH">{_t(h)}</text:p></table:table-cell>')
        out.append("</table:table-row></table:table-header-rows>")
    for i, row in enumerate(tbl.rows):
        style = "Tall" if i in set(tbl.tall_rows) else "Row"
        out.append(f'<table:table-row table:style-name="{style}">')
        for c in list(row) + [""] * (cols - len(row)):
            out.append('<table:table-cell table:style-name="Cell" office:value-type="string">'
                       f'<text:p text:style-name="PC">{_t(c)}</text:p></table:table-cell>')
        out.append("</table:table-row>")
    out.append("</table:table>")
    return "".join(out)


def _column_styles(blocks: Sequence[Block]) -> str:
    out, n = [], 0
    for b in blocks:
        if isinstance(b, Table):
            n += 1
            total = sum(b.widths) or 1.0
            out += [f'<style:style style:name="Col{n}_{i}" style:family="table-column"><style:table-column-properties '
                    f'style:column-width="{17 * w / total:.2f}cm"/></style:style>' for i, w in enumerate(b.widths)]
    return "".join(out)


def content_xml(blocks: Sequence[Block]) -> str:
    """The ``content.xml`` of the blocks."""
    body = []
    n_table = n_image = 0
    for b in blocks:
        if isinstance(b, Heading):
            level = min(max(int(b.level), 1), 3)
            body.append(f'<text:h text:style-name="Heading_20_{level}" text:outline-level="{level}">'
                        f"{_t(b.text)}</text:h>")
        elif isinstance(b, Paragraph):
            body.append(f'<text:p text:style-name="{"PB" if b.bold else "Standard"}">{_t(b.text)}</text:p>')
        elif isinstance(b, Table):
            n_table += 1
            body.append(_table(b, n_table))
        elif isinstance(b, Image):
            n_image += 1
            body.append(f'<text:p text:style-name="PI"><draw:frame draw:name="image{n_image}" '
                        f'text:anchor-type="as-char" svg:width="{b.width_cm:.2f}cm" svg:height="{b.height_cm:.2f}cm">'
                        f'<draw:image xlink:href="Pictures/image{n_image}.png" xlink:type="simple" '
                        'xlink:show="embed" xlink:actuate="onLoad"/></draw:frame></text:p>')
    auto = _AUTO.replace("</office:automatic-styles>", _column_styles(blocks) + "</office:automatic-styles>")
    return (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_NS}>{auto}'
            f'<office:body><office:text>{"".join(body)}</office:text></office:body></office:document-content>')


def _manifest(pictures: Sequence[str] = ()) -> str:
    entries = "".join(f'<manifest:file-entry manifest:full-path="{p}" manifest:media-type="text/xml"/>'
                      for p in ("content.xml", "styles.xml", "meta.xml"))
    entries += "".join(f'<manifest:file-entry manifest:full-path="{p}" manifest:media-type="image/png"/>'
                       for p in pictures)
    return ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            f'<manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="{MIMETYPE}"/>'
            f"{entries}</manifest:manifest>")


def _meta(title: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {_NS}><office:meta>'
            f"<dc:title>{escape(title)}</dc:title><meta:generator>SWC EcoValue</meta:generator>"
            "</office:meta></office:document-meta>")


def write_odt(path: Union[str, Path], blocks: Sequence[Block], title: str = "", font: str = "SimSun") -> None:
    """Write the blocks as an .odt at ``path`` (through a temporary file renamed into place)."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        with zipfile.ZipFile(tmp, "w") as z:
            z.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE, compress_type=zipfile.ZIP_STORED)
            pictures = _pictures(blocks)
            for name, text in (("META-INF/manifest.xml", _manifest([n for n, _ in pictures])),
                               ("content.xml", content_xml(blocks)), ("styles.xml", _styles(font)),
                               ("meta.xml", _meta(title))):
                z.writestr(name, text.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED)
            for name, data in pictures:
                z.writestr(name, data, compress_type=zipfile.ZIP_STORED)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
