"""The Content-Security-Policy allows no inline script, event handler or style: none may sit in any
template, including the branches the endpoint walk does not reach (refused forms, print views)."""

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
FORBIDDEN = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I),
    "event handler": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I),
    "style attribute": re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I),
    "style element": re.compile(r"<style\b", re.I),
    "javascript: address": re.compile(r"javascript:", re.I),
}


@pytest.mark.parametrize("name", sorted(FORBIDDEN))
def test_no_template_holds_inline_code_or_style(name):
    found = [f"{path.relative_to(TEMPLATES)}: {match.group(0)[:80]}"
             for path in sorted(TEMPLATES.rglob("*.html"))
             for match in FORBIDDEN[name].finditer(path.read_text(encoding="utf-8"))]
    assert found == []


def test_the_templates_are_there():
    assert len(list(TEMPLATES.rglob("*.html"))) > 50
