"""A focal point with more open items than a section shows: the most urgent ones, then a link to the register
that lists the whole section."""

import re
from datetime import timedelta

from inspection.extensions import db
from inspection.responses.todo import SECTION_LIMIT
from inspection.timeutil import today_vn
from tests.responses.builders import Scene, make_recommendation


def test_a_long_overdue_section_shows_the_most_overdue_and_links_to_the_rest(login):
    scene = Scene(due=today_vn() + timedelta(days=100))
    today = today_vn()
    for days in range(1, SECTION_LIMIT + 6):
        make_recommendation([scene.unit], mission=scene.mission, due=today - timedelta(days=days),
                            issued_on=today - timedelta(days=400))
    db.session.commit()
    page = login(scene.officer).get("/todo").get_data(as_text=True)
    overdue = page[page.index('id="qua-han"'):page.index('id="con-lai"')]
    badges = [int(n) for n in re.findall(r"Quá hạn (\d+) ngày", overdue)]
    assert len(badges) == SECTION_LIMIT and badges[0] == SECTION_LIMIT + 5 and badges[-1] == 6
    assert "còn 5 kiến nghị khác" in overdue
    link = re.search(r'href="(/recommendations/\?[^"]+)">Xem cả mục', overdue).group(1)
    register = login(scene.officer).get(link.replace("&amp;", "&")).get_data(as_text=True)
    assert f'data-total="{SECTION_LIMIT + 5}"' in register
