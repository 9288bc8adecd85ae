"""The charts' data, as JSON for static/js/dashboard.js: the same numbers as the tables beside them, with
each bar's register link so that a click on a bar opens the list it counts."""

from flask_babel import gettext as _

from inspection.dashboard.scope import AGING, Row


def aging_labels() -> dict[str, str]:
    return {"1-30": _("1–30 ngày"), "31-60": _("31–60 ngày"), "61-90": _("61–90 ngày"), "91+": _("Trên 90 ngày")}


def _series(label: str, cells) -> dict:
    cells = list(cells)
    return {"label": label, "values": [cell.value for cell in cells], "hrefs": [cell.href for cell in cells]}


def _rows_chart(rows: list[Row], keys: tuple[str, ...], labels: dict[str, str]) -> dict:
    return {"labels": [row.label for row in rows],
            "series": [_series(labels[key], (row.cells[key] for row in rows)) for key in keys]}


def _open_overdue(rows: list[Row]) -> dict:
    return _rows_chart(rows, ("open", "overdue"), {"open": _("Chưa kết luận"), "overdue": _("Quá hạn")})


def chart_data(dashboard) -> dict:
    totals, aging = dashboard.totals, aging_labels()
    return {
        "aging": {"labels": list(aging.values()),
                  "series": [_series(_("Kiến nghị quá hạn"), (totals.cells[key] for key in AGING))]},
        "units": _rows_chart(dashboard.by_unit, AGING, aging) | {"stacked": True, "horizontal": True},
        "category": _open_overdue(dashboard.by_category) | {"horizontal": True},
        "severity": _open_overdue(dashboard.by_severity),
        "cohorts": _cohort_rates(dashboard.cohorts),
        "trend": _trend(dashboard.trend),
    }


def _cohort_rates(table) -> dict:
    """Implementation rate in percent per cohort and horizon (null where the horizon is not reached)."""
    cohorts = list(reversed(table.cohorts))
    series = []
    for index, label in enumerate((_("Sau 1 năm"), _("Sau 2 năm"), _("Sau 3 năm"), _("Đến nay"))):
        stages = [cohort.stages[index] for cohort in cohorts]
        series.append({"label": label, "values": [
            round(stage.rate * 100, 2) if stage.reached and stage.rate is not None else None for stage in stages]})
    return {"labels": [str(cohort.year) for cohort in cohorts], "series": series, "percent": True}


def _trend(months) -> dict:
    return {"labels": [month.label for month in months], "line": True, "series": [
        _series(_("Ban hành trong tháng"), (month.opened for month in months)),
        _series(_("Xác minh trong tháng"), (month.verified for month in months)),
        _series(_("Quá hạn cuối tháng"), (month.overdue for month in months))]}
