"""Every figure of a dashboard as plain data (label, note, each cell's value and register arguments), so that
two dashboards compare whole."""


def _row(row) -> tuple:
    return row.label, row.note, tuple(sorted((key, cell.value, tuple(sorted(cell.args.items())))
                                             for key, cell in row.cells.items()))


def _cell(cell) -> tuple:
    return cell.value, tuple(sorted(cell.args.items()))


def figures(dashboard) -> dict:
    cohorts = dashboard.cohorts
    return {
        "totals": _row(dashboard.totals),
        "rows": {name: [_row(row) for row in getattr(dashboard, name)]
                 for name in ("by_unit", "by_group", "by_mission", "by_category", "by_severity")},
        "group_year": (dashboard.group_year, tuple(dashboard.group_years)),
        "cohorts": [(cohort.year, _cell(cohort.issued),
                     [(stage.years, stage.reached, stage.issued, _cell(stage.still_open),
                       sorted((status.value, _cell(cell)) for status, cell in stage.verdicts.items()))
                      for stage in cohort.stages]) for cohort in cohorts.cohorts],
        "backlog": (_cell(cohorts.backlog_open), _cell(cohorts.backlog_overdue), cohorts.backlog_before),
        "trend": [(month.first, month.last, _cell(month.opened), _cell(month.verified), _cell(month.overdue))
                  for month in dashboard.trend],
        "base_args": dashboard.base_args,
    }
