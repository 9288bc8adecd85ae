"""What an import kind declares to the one pipeline (pipeline.py): its columns and template, who may import
it, how to check every row into a plan (nothing written) and how to write a plan (all of it, or a RowFailure /
StaleImport and nothing). Units and groups are registered here; features above (nominations: dossiers)
register theirs when their views load, so the pipeline never imports upward."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from inspection.imports.plan import Counter, ImportPlan
from inspection.imports.reader import Row


@dataclass(frozen=True)
class ImportKind:
    name: str
    #: what is imported, in a sentence ("đơn vị"): a lazy string
    title: object
    columns: tuple[str, ...]
    required: tuple[str, ...]
    #: rule for access.permits: may this user import this kind?
    may_import: Callable[[object], bool]
    #: check every row into `plan` (errors, counts, samples, digest, work); writes nothing
    validate: Callable[[object, Iterable[Row], ImportPlan, Counter], None]
    #: write `plan.work` (actor, plan, counter, the file's SHA-256); raises RowFailure or StaleImport
    apply: Callable[[object, ImportPlan, Counter, str], None]
    #: the workbook to fill in, and its file name
    template: Callable[[], bytes]
    template_name: str
    template_label: object
    #: where the template is downloaded and where the user lands after an import (endpoint, arguments)
    template_endpoint: tuple[str, dict]
    done_endpoint: Callable[[ImportPlan], tuple[str, dict]]
    #: lines of advice on the upload page
    hints: tuple = field(default_factory=tuple)


_KINDS: dict[str, ImportKind] = {}


def register(kind: ImportKind) -> ImportKind:
    if _KINDS.get(kind.name, kind) is not kind:
        raise ValueError(f"import kind {kind.name!r} registered twice")
    _KINDS[kind.name] = kind
    return kind


def get(name: str) -> ImportKind:
    if name not in _KINDS:
        raise ValueError(f"unknown import kind: {name!r}")
    return _KINDS[name]


def registered() -> tuple[str, ...]:
    return tuple(_KINDS)
