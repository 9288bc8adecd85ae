"""A page of a PDF as an image (poppler's pdftoppm): a preview of page 1, and the pixels the rendering tests
look at (a blank page, a table past the margin, Vietnamese letters read back by OCR)."""

from __future__ import annotations

import pathlib
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass

from inspection.documents.official.pdf import ConversionError

TIMEOUT_SECONDS = 60
# the header ends with exactly one whitespace byte; the pixels may start with any byte value
_PGM_HEADER = re.compile(rb"P5\s+(?P<w>\d+)\s+(?P<h>\d+)\s+255\s")


@dataclass(frozen=True)
class Greymap:
    """8-bit grey pixels, row by row (0 black, 255 white)."""

    width: int
    height: int
    pixels: bytes

    def dark(self, x0: int, y0: int, x1: int, y1: int, below: int = 128) -> int:
        """How many pixels in the box [x0, x1) × [y0, y1) are darker than `below`."""
        return sum(sum(1 for value in self.pixels[y * self.width + x0:y * self.width + x1] if value < below)
                   for y in range(max(y0, 0), min(y1, self.height)))


def page_png(pdf: bytes, page: int = 1, *, dpi: int = 100) -> bytes:
    return _render(pdf, page, dpi, ["-png"], ".png")


def page_grey(pdf: bytes, page: int = 1, *, dpi: int = 100) -> Greymap:
    return parse_pgm(_render(pdf, page, dpi, ["-gray"], ".pgm"))


def parse_pgm(data: bytes) -> Greymap:
    """A binary PGM (P5) as pdftoppm writes it: "P5\\n<w> <h>\\n255\\n" then the pixels."""
    header = _PGM_HEADER.match(data)
    if header is None:
        raise ConversionError("Ảnh trang không đúng định dạng PGM.")
    width, height = int(header["w"]), int(header["h"])
    return Greymap(width, height, data[header.end():header.end() + width * height])


def _render(pdf: bytes, page: int, dpi: int, options: list[str], suffix: str) -> bytes:
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise ConversionError("Máy chủ chưa cài poppler (pdftoppm) nên không xem trước được trang PDF.")
    with tempfile.TemporaryDirectory(prefix="inspection-page-") as folder:
        work = pathlib.Path(folder)
        (work / "document.pdf").write_bytes(pdf)
        command = [tool, *options, "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
                   str(work / "document.pdf"), str(work / "page")]
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
        result = work / f"page{suffix}"
        if done.returncode != 0 or not result.exists():
            raise ConversionError(f"Không dựng được trang {page} của bản PDF thành ảnh.")
        return result.read_bytes()
