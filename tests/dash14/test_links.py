"""The dashboard and the award report write their hundreds of links themselves (inspection/links.py; the
dashboard's scope.register_href and Cell.html): they must be exactly the links url_for and the former template
macro gave."""

from flask import url_for
from markupsafe import escape

from inspection.dashboard.scope import Cell, register_href
from inspection.links import href_maker

ARGS = [{}, {"verified": "open"}, {"issued_from": "01/01/2025", "issued_to": "31/12/2025", "subtree": "P-01"},
        {"q": "khen thưởng & kỷ luật", "responsible": "UBND xã An Nam", "aging": "91+"},
        {"group": "57", "overdue": "y", "cohort": "2024", "verified_before": "31/12/2025"}]


def test_register_links_are_those_of_url_for(app):
    with app.test_request_context("/dashboard/"):
        for args in ARGS:
            assert register_href(args) == url_for("findings.register", **args)


def test_a_number_links_to_its_list_or_says_why_it_cannot(app):
    with app.test_request_context("/dashboard/"):
        cell = Cell(5549, {"verified": "open", "q": "a&b"})
        href = url_for("findings.register", verified="open", q="a&b")
        assert cell.html == f'<a href="{escape(href)}" data-count="5549">5.549</a>'
        empty = Cell(0, {"issued_from": "01/02/2025", "issued_to": "01/01/2025"})
        assert empty.html == ('<span data-count="0" title="Kỳ lọc và năm ban hành không giao nhau">0</span>')


def test_the_award_reports_links_are_those_of_url_for_lists_included(app):
    with app.test_request_context("/nominations/report"):
        href = href_maker("nominations.registry")
        for args in ({"year_from": "2017", "form": ["BKUBT", "GK"], "status": ["awarded", "revoked"]},
                     {"unit": "KG", "subtree": "y", "recipient": "household", "q": "Nguyễn & con"}, {}):
            assert href(args) == url_for("nominations.registry", **args)
