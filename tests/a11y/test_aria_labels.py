"""Every aria-label follows the page language: in templates its words come from gettext (`_('…')`, a Vietnamese
msgid with an English translation in the .po), never literal text such as aria-label="breadcrumb"; scripts take
their labels from the page (data attributes the templates fill) rather than writing words of their own."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ATTRIBUTE = re.compile(r"""aria-label\s*=\s*(?:"([^"]*)"|'([^']*)')""")
EXPRESSION = re.compile(r"\{\{(.*?)\}\}|\{%(.*?)%\}", re.S)
LITERAL = re.compile(r"""(['"])((?:(?!\1).)*)\1""")
TRANSLATED_CALL = re.compile(r"(?:\b_|\bgettext|\bngettext|\b_l)\(\s*$")
SCRIPT_LABEL = re.compile(r"""setAttribute\(\s*["']aria-label["']\s*,\s*(["'`])""")
LETTER = re.compile(r"[^\W\d_]")


def label_problems(value: str) -> list[str]:
    """What is wrong with one aria-label's value: words outside any {{ }}, or a string literal inside an
    expression that is not the argument of a gettext call."""
    problems = []
    outside = EXPRESSION.sub("", value)
    if LETTER.search(outside):
        problems.append(f"literal words {outside.strip()!r}")
    for match in EXPRESSION.finditer(value):
        code = match.group(1) or match.group(2) or ""
        problems += [f"untranslated string {literal.group(0)}" for literal in LITERAL.finditer(code)
                     if LETTER.search(literal.group(2)) and not TRANSLATED_CALL.search(code[:literal.start()])]
    return problems


def template_labels():
    for path in sorted((ROOT / "templates").rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for match in ATTRIBUTE.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            yield f"{path.relative_to(ROOT)}:{line}", match.group(1) if match.group(1) is not None else match.group(2)


def test_every_template_aria_label_is_translated():
    found = list(template_labels())
    assert len(found) > 40  # the scan reads the templates (a broken pattern would find nothing and pass)
    bad = [f"{where}: aria-label=\"{value}\" — {'; '.join(problems)}"
           for where, value in found if (problems := label_problems(value))]
    assert not bad, "aria-label must say its words through _('…'):\n" + "\n".join(bad)


def test_scripts_write_no_aria_label_words_of_their_own():
    bad = [f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, m.start()) + 1}"
           for path in sorted((ROOT / "static" / "js").rglob("*.js"))
           for text in [path.read_text(encoding="utf-8")] for m in SCRIPT_LABEL.finditer(text)]
    assert not bad, "a script sets a literal aria-label (take it from a data attribute the template translates): " \
                    + ", ".join(bad)


def test_the_check_catches_what_the_issue_found():
    assert label_problems("breadcrumb")
    assert label_problems("{{ 'Năm trước' }}")
    assert label_problems("Biên bản phiên họp")
    assert label_problems("{{ _('Đơn vị') }} {{ 'Gỡ' if removable else 'Thêm' }}")
    assert not label_problems("{{ _('Đường dẫn') }}")
    assert not label_problems("{{ _('Năm trước (%(year)s)', year=year - 1) }}")
    assert not label_problems("{{ label }}")
