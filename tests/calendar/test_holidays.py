"""Vietnamese public holidays, year by year: the Labour Code's list with the lunar dates of the year."""

from datetime import date

import pytest
from holidays.calendars.chinese import VIETNAMESE_CALENDAR, _ChineseLunisolar

from inspection.calendar import lunar
from inspection.calendar.workdays import holiday_name, public_holidays


def days(year: int) -> dict[date, str]:
    return dict(public_holidays(year))


def test_2026_tet_giao_thua_to_mung_bon_on_the_lunar_dates():
    holidays = days(2026)
    # Tết Bính Ngọ: mùng 1 is Tuesday 17/02/2026
    assert holidays[date(2026, 2, 16)] == "Giao thừa Tết Nguyên Đán"
    assert holidays[date(2026, 2, 17)] == "Tết Nguyên Đán"
    assert holidays[date(2026, 2, 20)] == "Mùng bốn Tết Nguyên Đán"
    assert [day for day in holidays if day.month == 2] == [date(2026, 2, d) for d in range(16, 21)]


def test_2026_full_list():
    assert days(2026) == {
        date(2026, 1, 1): "Tết Dương lịch",
        date(2026, 2, 16): "Giao thừa Tết Nguyên Đán", date(2026, 2, 17): "Tết Nguyên Đán",
        date(2026, 2, 18): "Mùng hai Tết Nguyên Đán", date(2026, 2, 19): "Mùng ba Tết Nguyên Đán",
        date(2026, 2, 20): "Mùng bốn Tết Nguyên Đán",
        # 10/3 Bính Ngọ is a Sunday: off on Monday instead (Bộ luật Lao động 2019, Điều 111 khoản 3)
        date(2026, 4, 26): "Ngày Giỗ Tổ Hùng Vương", date(2026, 4, 27): "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)",
        date(2026, 4, 30): "Ngày Chiến thắng", date(2026, 5, 1): "Ngày Quốc tế Lao động",
        date(2026, 9, 1): "Quốc khánh (ngày liền kề)", date(2026, 9, 2): "Quốc khánh",
    }


def test_2026_leaves_out_what_the_admin_enters_the_swap_and_cultural_day():
    """The package has the 31/08/2026 swap (without its Saturday worked) and 24/11: the portal does not."""
    holidays = days(2026)
    assert date(2026, 8, 31) not in holidays
    assert date(2026, 11, 24) not in holidays
    assert date(2030, 11, 25) not in days(2030)  # the Monday the package gives for a Sunday 24/11


def test_2025_tet_saturday_moves_to_the_working_day_before():
    holidays = days(2025)
    # mùng 1 Ất Tỵ: Wednesday 29/01/2025; mùng 4 is a Saturday, so 29 Tết (Monday 27/01) is off instead
    assert [day.day for day in holidays if day.month == 1 and day.day > 1] == [27, 28, 29, 30, 31]
    assert holidays[date(2025, 1, 27)] == "29 Tết"
    assert holidays[date(2025, 4, 7)] == "Ngày Giỗ Tổ Hùng Vương"
    assert holidays[date(2025, 9, 1)] == "Quốc khánh (ngày liền kề)" and date(2025, 9, 2) in holidays
    assert date(2025, 5, 2) not in holidays  # the 2025 swap is the admin's to enter


def test_2024():
    holidays = days(2024)
    # mùng 1 Giáp Thìn: Saturday 10/02/2024; Tết ran 08/02–14/02
    assert holidays[date(2024, 2, 10)] == "Tết Nguyên Đán"
    assert [day for day in holidays if day.month == 2] == [date(2024, 2, d) for d in range(8, 15)]
    assert holidays[date(2024, 4, 18)] == "Ngày Giỗ Tổ Hùng Vương"
    assert {date(2024, 4, 30), date(2024, 5, 1), date(2024, 9, 2), date(2024, 9, 3)} <= set(holidays)
    assert date(2024, 4, 29) not in holidays  # swap


def test_2017_under_the_2012_code_no_adjoining_day_but_weekend_holidays_moved():
    holidays = days(2017)
    assert holidays[date(2017, 1, 2)] == "Tết Dương lịch (nghỉ bù)"  # 01/01/2017 was a Sunday
    # mùng 1 Đinh Dậu: Saturday 28/01/2017; the five days became 26/01–01/02
    assert [day for day in holidays if day.month in (1, 2) and day > date(2017, 1, 20)] == [
        date(2017, 1, 26), date(2017, 1, 27), date(2017, 1, 28), date(2017, 1, 29), date(2017, 1, 30),
        date(2017, 1, 31), date(2017, 2, 1)]
    assert holidays[date(2017, 4, 6)] == "Ngày Giỗ Tổ Hùng Vương"
    assert holidays[date(2017, 5, 2)] == "Ngày Chiến thắng (nghỉ bù)"  # 30/04/2017 was a Sunday
    assert holidays[date(2017, 9, 4)] == "Quốc khánh (nghỉ bù)"  # 02/09/2017 was a Saturday
    assert date(2017, 9, 1) not in holidays and date(2017, 9, 3) not in holidays


def test_2030():
    holidays = days(2030)
    # mùng 1 Canh Tuất: Saturday 02/02/2030
    assert holidays[date(2030, 2, 2)] == "Tết Nguyên Đán"
    assert holidays[date(2030, 1, 31)] == "29 Tết" and holidays[date(2030, 2, 6)] == "Mùng năm Tết Nguyên Đán"
    assert holidays[date(2030, 4, 12)] == "Ngày Giỗ Tổ Hùng Vương"
    assert holidays[date(2030, 9, 3)] == "Quốc khánh (ngày liền kề)"
    assert len(holidays) == 13


@pytest.mark.parametrize("year", [2017, 2024, 2025, 2026, 2030, 2101, 2150])
def test_every_year_has_the_fixed_days_and_five_days_of_tet(year):
    holidays = days(year)
    assert {date(year, 1, 1), date(year, 4, 30), date(year, 5, 1), date(year, 9, 2)} <= set(holidays)
    new_year = lunar.lunar_new_year(year)
    assert holidays[new_year] == "Tết Nguyên Đán"
    assert sum(1 for name in holidays.values() if "Tết Nguyên Đán" in name or name == "29 Tết") >= 5
    assert lunar.hung_kings_day(year) in holidays


def test_after_the_package_tables_end_holidays_still_come():
    """The package's lunar tables stop at 2100; a deadline set in late 2100 ends in 2101."""
    holidays = days(2101)
    assert holidays[date(2101, 1, 29)] == "Tết Nguyên Đán"
    assert holidays[date(2101, 4, 8)] == "Ngày Giỗ Tổ Hùng Vương"
    assert holidays[date(2101, 9, 1)] == "Quốc khánh (ngày liền kề)"


def test_astronomical_lunar_dates_agree_with_the_package_for_every_year_it_covers():
    tables = _ChineseLunisolar(calendar=VIETNAMESE_CALENDAR)
    for year in range(1901, 2101):
        assert lunar.lunar_new_year(year) == tables.lunar_new_year_date(year)[0], year
        assert lunar.hung_kings_day(year) == tables.hung_kings_date(year)[0], year


def test_lunar_dates_the_vietnamese_and_chinese_calendars_disagree_on():
    """1985: Vietnam (UTC+7) kept Tết on 21/01, China (UTC+8) on 20/02; the Vietnamese date is used."""
    assert lunar.lunar_new_year(1985) == date(1985, 1, 21)


def test_holiday_name_and_cache_is_read_only():
    assert holiday_name(date(2026, 9, 2)) == "Quốc khánh"
    assert holiday_name(date(2026, 9, 3)) is None
    with pytest.raises(TypeError):
        public_holidays(2026)[date(2026, 3, 3)] = "x"
