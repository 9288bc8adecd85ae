"""ZIP bombs built in code, cheaply: a member is a list of (piece, times). Each piece is deflated once, ending
on a full flush (byte-aligned, no reference to earlier data), so the same compressed bytes repeated `times`
times are a valid deflate stream of the piece repeated: a 1 GiB member costs the test one compression of a
1 MiB piece and a CRC pass, never 1 GiB of memory. Written the way zipfile writes: local headers, data,
central directory, end record (no ZIP64: every size stays under 4 GiB)."""

import io
import struct
import time
import tracemalloc
import zipfile
import zlib

from openpyxl import Workbook

MIB = 1024 * 1024
GIB = 1024 * MIB
_FINAL_EMPTY_BLOCK = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS).flush()
_DOS_TIME, _DOS_DATE = 0, (2026 - 1980) << 9 | 1 << 5 | 1


def _deflated(piece: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(piece) + compressor.flush(zlib.Z_FULL_FLUSH)


def _member(pieces: list[tuple[bytes, int]]) -> tuple[bytes, int, int]:
    """(compressed bytes, CRC-32, inflated size)."""
    compressed, crc, size = [], 0, 0
    for piece, times in pieces:
        block = _deflated(piece)
        compressed.append(block * times)
        for _ in range(times):
            crc = zlib.crc32(piece, crc)
        size += len(piece) * times
    return b"".join(compressed) + _FINAL_EMPTY_BLOCK, crc, size


def build_zip(members: dict[str, list[tuple[bytes, int]]], declared_sizes: dict[str, int] | None = None) -> bytes:
    """`declared_sizes` makes the archive lie about some members' inflated size (CRC and data stay true)."""
    out, directory = io.BytesIO(), []
    for name, pieces in members.items():
        data, crc, size = _member(pieces)
        size = (declared_sizes or {}).get(name, size)
        encoded, offset = name.encode(), out.tell()
        fields = struct.pack("<HHHHHIIIHH", 20, 0, 8, _DOS_TIME, _DOS_DATE, crc, len(data), size, len(encoded), 0)
        out.write(b"PK\x03\x04" + fields + encoded + data)
        directory.append(b"PK\x01\x02" + struct.pack("<H", 20) + fields + struct.pack("<HHHII", 0, 0, 0, 0, offset)
                         + encoded)
    start = out.tell()
    out.write(b"".join(directory))
    out.write(b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, len(directory), len(directory), out.tell() - start,
                                           start, 0))
    return out.getvalue()


def stored_members(real_zip: bytes, *, leave_out: str = "") -> dict[str, list[tuple[bytes, int]]]:
    """The members of a real archive (an .xlsx saved by openpyxl), to rebuild it around a bomb."""
    with zipfile.ZipFile(io.BytesIO(real_zip)) as archive:
        return {info.filename: [(archive.read(info), 1)] for info in archive.infolist() if info.filename != leave_out}


def _run(byte: bytes, length: int) -> list[tuple[bytes, int]]:
    """`length` bytes of one byte value: whole mebibytes, then the rest."""
    whole, rest = divmod(length, MIB)
    return [(byte * MIB, whole)] + ([(byte * rest, 1)] if rest else [])


def opendocument_bomb(inflated: int = GIB, declared: int | None = None) -> bytes:
    """An OpenDocument-looking ZIP whose `mimetype` member inflates to `inflated` bytes (spaces after the type);
    `declared`: the size its headers claim instead."""
    kind = b"application/vnd.oasis.opendocument.text"
    return build_zip({"mimetype": [(kind, 1)] + _run(b" ", inflated - len(kind)),
                      "content.xml": [(b"<office:document-content/>", 1)]},
                     declared_sizes={"mimetype": declared} if declared is not None else None)


def xlsx_bomb(real_xlsx: bytes, header: list[str], row: list[str], inflated: int = GIB) -> bytes:
    """A real .xlsx whose first sheet holds a header row and one data row, the data row's last cell being
    `inflated` bytes of "A": the sheet's XML is ~1 GiB, the file ~1 MB."""
    members = stored_members(real_xlsx, leave_out="xl/worksheets/sheet1.xml")
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns='
            b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
    members["xl/worksheets/sheet1.xml"] = [
        (head + _row(header) + _row(row)[:-len(b"</row>")] + b'<c t="inlineStr"><is><t>', 1),
        *_run(b"A", inflated), (b"</t></is></c></row></sheetData></worksheet>", 1)]
    return build_zip(members)


def xlsx_with_entities(real_xlsx: bytes, header: list[str]) -> bytes:
    """A real .xlsx whose sheet declares the "billion laughs" entities and uses the last one in a cell."""
    entities = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)]
    sheet = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE worksheet [' + "".join(entities) + ']>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             + _row(header).decode() + '<row><c t="inlineStr"><is><t>&lol9;</t></is></c></row>'
             '</sheetData></worksheet>').encode()
    members = stored_members(real_xlsx, leave_out="xl/worksheets/sheet1.xml")
    members["xl/worksheets/sheet1.xml"] = [(sheet, 1)]
    return build_zip(members)


def _row(cells: list[str]) -> bytes:
    return ("<row>" + "".join(f'<c t="inlineStr"><is><t>{cell}</t></is></c>' for cell in cells) + "</row>").encode()


def measured(call):
    """(result, seconds, peak bytes of Python allocations made during the call). tracemalloc sees every
    bytes object zlib and the XML parser produce, so a member read whole shows as its full size."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = call()
        return result, time.perf_counter() - started, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def real_xlsx(header: list[str]) -> bytes:
    """A workbook as openpyxl saves it, holding the header row."""
    workbook = Workbook()
    workbook.active.append(header)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
