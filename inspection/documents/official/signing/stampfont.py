"""The stamp's font: a Vietnamese-capable TrueType font rescaled to 1000 units per em.

pyHanko 0.38 writes glyph widths (/W) and kerning in the font's own units, which PDF reads as thousandths of
an em: a font with 2048 units per em (Liberation, DejaVu) comes out with letters spread twice too wide. The
font is therefore cut to the Latin and Vietnamese letters and rescaled to 1000 units (fontTools, ~0,6 s),
once per process and kept in the temporary folder.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem

#: a font with every Vietnamese letter; the first one present is used
SOURCES = ("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
           "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
           "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
           "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
#: Basic Latin to Latin Extended-B (ơ, ư, đ), combining marks, Latin Extended Additional (ạ…ỹ), punctuation
UNICODES = [*range(0x20, 0x250), *range(0x300, 0x370), *range(0x1E00, 0x1F00), *range(0x2000, 0x2070)]
UNITS_PER_EM = 1000

logging.getLogger("fontTools.subset").setLevel(logging.ERROR)


def source_font() -> Path | None:
    return next((Path(path) for path in SOURCES if Path(path).exists()), None)


@functools.cache
def stamp_font(source: Path) -> str:
    """The path of the rescaled copy of `source`, made on first use."""
    stat = source.stat()
    tag = hashlib.sha256(f"{source}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()[:16]
    target = Path(tempfile.gettempdir()) / f"inspection-stamp-{tag}.ttf"
    if not target.exists():
        _write_scaled(source, target)
    return str(target)


def _write_scaled(source: Path, target: Path) -> None:
    font = TTFont(str(source))
    options = subset.Options()
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=UNICODES)
    subsetter.subset(font)
    scale_upem(font, UNITS_PER_EM)
    # written beside the target and renamed: two workers starting together never read half a file
    partial = target.with_name(f"{target.name}.{os.getpid()}")
    font.save(str(partial))
    os.replace(partial, target)
