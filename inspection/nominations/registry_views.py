"""The dossier registry (sổ hồ sơ khen thưởng): every dossier the user may see, filtered with the shared
DossierFilter (the export and the report use the same one), sorted and paginated in SQL."""

from dataclasses import MISSING, fields, replace

from flask import current_app, render_template, request
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from inspection.extensions import db
from inspection.nominations import filters, holds
from inspection.nominations.access import can_create_dossier
from inspection.nominations.blueprint import bp
from inspection.nominations.filters import DossierFilter
from inspection.nominations.forms import DossierFilterForm
from inspection.nominations.models import AwardForm, Dossier
from inspection.nominations.registry_pages import RegistryPagination
from inspection.params import page_number, whole_number
from inspection.permissions import login_required
from inspection.units.models import Unit
from inspection.units.scope import visible_unit_ids


@bp.route("/nominations/")
@login_required
def registry():
    catalogue = catalogue_forms()
    form = DossierFilterForm(formdata=request.args)
    form.form.choices = [(award.code, award.name_vi) for award in catalogue]
    form.validate()
    criteria = registry_criteria(form)
    page = RegistryPagination(page=page_number(), per_page=current_app.config["PAGE_SIZE"], max_per_page=200,
                              rows=registry_rows(),
                              ids=registry_ids_query(criteria, current_user),
                              after=whole_number(request.args.get("after")),
                              before=whole_number(request.args.get("before")),
                              last=request.args.get("last") == "1",
                              by_units=bool(criteria.unit) or visible_unit_ids(current_user) is not None)
    return render_template("nominations/registry.html", form=form, criteria=criteria, page=page,
                           held=holds.held_among(dossier.id for dossier in page.items),
                           can_create=can_create_dossier(current_user))


def catalogue_forms() -> list[AwardForm]:
    """The catalogue in its own order (orders, medals, honours, prizes, certificates, titles, flags)."""
    return list(db.session.scalars(select(AwardForm).order_by(AwardForm.id)))


def filter_form(args) -> DossierFilterForm:
    """The registry's filter form over `args` (a query string), validated (the export job builds it so)."""
    form = DossierFilterForm(formdata=args)
    form.form.choices = [(award.code, award.name_vi) for award in catalogue_forms()]
    form.validate()
    return form


def registry_criteria(form: DossierFilterForm, args=None) -> DossierFilter:
    """The filter from the query string (or the `args` an export job kept of it), without the values the form
    refused (they are reported beside their field and otherwise ignored, never a 500)."""
    criteria = DossierFilter.from_args(request.args if args is None else args)
    defaults = {item.name: item.default if item.default is not MISSING else item.default_factory()
                for item in fields(DossierFilter)}
    return replace(criteria, **{name: defaults[name] for name in form.rejected() if name in defaults})


def registry_ids_query(criteria: DossierFilter, user):
    """The ids of the dossiers the user may see that the filter keeps, from the dossier table alone (a page is
    found on the index ix_dossier_year_unit_code_id, see registry_pages)."""
    return filters.apply(select(Dossier.id), criteria, visible_unit_ids(user), holds.held_clause())


def registry_rows():
    """The page's rows once its ids are known: the unit joined (its names by selectinload), the award form by
    its joined relationship."""
    return select(Dossier).join(Dossier.unit).options(contains_eager(Dossier.unit).selectinload(Unit.names))
