"""Vietnamese lunisolar dates by astronomy, for the years the `holidays` package has no table for.

The package's lunar tables stop at 1901–2100, yet a deadline set late in 2100 ends in 2101. This is
Hồ Ngọc Đức's well-known algorithm (new moons and the sun's longitude after Meeus, at UTC+7, the
time zone the Vietnamese calendar has used since 1968). The tests check that it gives the package's
date of Tết and of Giỗ Tổ Hùng Vương for every year 1901–2100.
"""

import math
from datetime import date, timedelta

#: the Vietnamese calendar is reckoned at UTC+7
TIME_ZONE = 7.0
#: Julian day number of date.min (0001-01-01) minus its ordinal (1)
_JDN_OFFSET = 1721425
_SYNODIC_MONTH = 29.530588853
#: the new moon from which the month numbers k are counted (1900-01-01)
_EPOCH_NEW_MOON = 2415021.076998695


def _jdn(day: date) -> int:
    return day.toordinal() + _JDN_OFFSET


def _from_jdn(jdn: int) -> date:
    return date.fromordinal(jdn - _JDN_OFFSET)


def _new_moon(k: int) -> float:
    """The Julian date of the k-th new moon after the epoch (Meeus, Astronomical Algorithms)."""
    t = k / 1236.85
    t2, t3 = t * t, t * t * t
    rad = math.pi / 180
    jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * rad)
    sun = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * rad
    moon = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * rad
    latitude = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * rad
    correction = ((0.1734 - 0.000393 * t) * math.sin(sun) + 0.0021 * math.sin(2 * sun)
                  - 0.4068 * math.sin(moon) + 0.0161 * math.sin(2 * moon) - 0.0004 * math.sin(3 * moon)
                  + 0.0104 * math.sin(2 * latitude) - 0.0051 * math.sin(sun + moon)
                  - 0.0074 * math.sin(sun - moon) + 0.0004 * math.sin(2 * latitude + sun)
                  - 0.0004 * math.sin(2 * latitude - sun) - 0.0006 * math.sin(2 * latitude + moon)
                  + 0.0010 * math.sin(2 * latitude - moon) + 0.0005 * math.sin(2 * moon + sun))
    return jd + correction - _delta_t(t)


def _delta_t(t: float) -> float:
    """Terrestrial minus universal time, in days."""
    if t < -11:
        return 0.001 + 0.000839 * t + 0.0002261 * t * t - 0.00000845 * t ** 3 - 0.000000081 * t ** 4
    return -0.000278 + 0.000265 * t + 0.000262 * t * t


def _new_moon_day(k: int) -> int:
    """The day number (local time) on which the k-th new moon falls."""
    return math.floor(_new_moon(k) + 0.5 + TIME_ZONE / 24)


def _sun_sector(day_number: int) -> int:
    """Which twelfth of the ecliptic (0–11, each 30°) the sun is in at the start of that local day."""
    t = (day_number - 0.5 - TIME_ZONE / 24 - 2451545.0) / 36525
    rad = math.pi / 180
    anomaly = (357.52910 + 35999.05030 * t - 0.0001559 * t * t - 0.00000048 * t ** 3) * rad
    mean_longitude = 280.46645 + 36000.76983 * t + 0.0003032 * t * t
    centre = ((1.914600 - 0.004817 * t - 0.000014 * t * t) * math.sin(anomaly)
              + (0.019993 - 0.000101 * t) * math.sin(2 * anomaly) + 0.000290 * math.sin(3 * anomaly))
    longitude = math.radians(mean_longitude + centre) % (2 * math.pi)
    return math.floor(longitude / math.pi * 6)


def _month_11_start(year: int) -> int:
    """First day of the 11th lunar month (the one holding the winter solstice) of `year`."""
    k = math.floor((_jdn(date(year, 12, 31)) - 2415021) / _SYNODIC_MONTH)
    start = _new_moon_day(k)
    if _sun_sector(start) >= 9:
        start = _new_moon_day(k - 1)
    return start


def _month_index(start_11: int) -> int:
    return math.floor((start_11 - _EPOCH_NEW_MOON) / _SYNODIC_MONTH + 0.5)


def _leap_month_offset(start_11: int) -> int:
    """In a 13-month year, how many months after month 11 the leap month (no major solar term) comes."""
    k = _month_index(start_11)
    offset, sector = 1, _sun_sector(_new_moon_day(k + 1))
    while offset < 14:
        previous, offset = sector, offset + 1
        sector = _sun_sector(_new_moon_day(k + offset))
        if sector == previous:
            break
    return offset - 1


def lunar_to_solar(day: int, month: int, year: int) -> date:
    """The solar date of day `day` of the ordinary (not leap) lunar month `month` of lunar year `year`."""
    first, second = (year - 1, year) if month < 11 else (year, year + 1)
    start_11, next_start_11 = _month_11_start(first), _month_11_start(second)
    offset = (month - 11) % 12
    if next_start_11 - start_11 > 365 and offset >= _leap_month_offset(start_11):
        offset += 1  # a leap month comes before this one
    month_start = _new_moon_day(_month_index(start_11) + offset)
    return _from_jdn(month_start) + timedelta(days=day - 1)


def lunar_new_year(year: int) -> date:
    """Mùng 1 Tết of the lunar year that begins in solar `year`."""
    return lunar_to_solar(1, 1, year)


def hung_kings_day(year: int) -> date:
    """Giỗ Tổ Hùng Vương: the 10th day of the 3rd lunar month."""
    return lunar_to_solar(10, 3, year)
