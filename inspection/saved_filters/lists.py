"""The list pages whose filters can be saved: the page's endpoint, and the query parameters it reads (the
field names of its filter form, so a filter added to the form can be saved without touching this module)."""

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from flask_wtf import FlaskForm
from wtforms.fields.core import UnboundField

from inspection.findings.forms import RegisterFilterForm


@dataclass(frozen=True)
class SavedList:
    #: stored in SavedFilter.list_name
    name: str
    endpoint: str
    form_class: type[FlaskForm]

    @property
    def parameters(self) -> frozenset[str]:
        """The query parameters the list reads: its filter form's fields (never `page`, which no form has)."""
        return frozenset(name for name in dir(self.form_class)
                         if isinstance(getattr(self.form_class, name), UnboundField) and name != "csrf_token")

    def clean_query(self, query_string: str) -> str:
        """Only the list's own parameters with a value, sorted by name so that the same filters always read
        the same (the panel marks the saved filter the page shows): what a saved filter stores."""
        known = self.parameters
        pairs = [(name, value.strip()) for name, value in parse_qsl(query_string, keep_blank_values=False)
                 if name in known and value.strip()]
        return urlencode(sorted(pairs, key=lambda pair: pair[0]))


LISTS = {saved.name: saved for saved in (SavedList("register", "findings.register", RegisterFilterForm),)}


def list_for_endpoint(endpoint: str | None) -> SavedList | None:
    return next((saved for saved in LISTS.values() if saved.endpoint == endpoint), None)
