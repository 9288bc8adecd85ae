"""The kinds of official document the portal writes, one registry.

A kind knows its subject (a mission, a unit, a review session, a period, an award report's criteria): how to
load it from request arguments with the acting user's access checked (`load`), how to describe it for the
stored document (`describe`: what the list shows and scopes by) and how to build the document's content on a
day (`build`). The issuing machinery (services, views) knows nothing of missions or awards: it goes through a
Kind. Builders live in `inspection.official.builders.<key>` and register themselves here.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from inspection.documents.official.model import Content


@dataclass(frozen=True)
class SubjectRef:
    """What a stored document records about its subject."""

    #: "mission", "unit", "session", "period", "awards"
    subject_type: str
    #: the subject's id (mission, unit, session); None for a period or an award report's criteria
    subject_id: int | None
    #: the unit the document is about or addressed to (scopes unit officers' lists); None = council-wide
    unit_id: int | None
    #: a line for lists: "Kiểm tra công tác TĐKT tỉnh Kiên Giang năm 2017"
    title: str
    #: the year the document belongs to (lists filter by it)
    year: int
    #: the request arguments that load the subject again (regenerating a draft)
    args: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Kind:
    key: str
    #: "Thông báo kết luận kiểm tra" (lazy gettext)
    label: Any
    #: the type's code in the number: "TB", "BC", "BB"; "" for a công văn
    type_code: str
    #: load(user, args) -> subject, raising the portal's access errors (403/404) or ValueError with a Vietnamese
    #: message naming the argument
    load: Callable[[Any, Mapping[str, str]], Any]
    describe: Callable[[Any], SubjectRef]
    build: Callable[[Any, datetime.date], Content]
    #: the SubjectRef.subject_type of this kind's subjects ("mission"): which pages offer the kind's button.
    #: Pages pass the subject as args named after it: {"mission": id}, {"unit": id}, {"session": id}; a period
    #: and an award report's criteria pass their page's query string.
    subject_type: str


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    KINDS[kind.key] = kind
    return kind
