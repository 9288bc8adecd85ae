"""The council names recommendations on its agenda by their numbers: one or several (commas, semicolons, new
lines), typed in any case, with or without accents; the old forms (the id, the page's address) still work; an
unknown number is refused beside the field, by name, with nothing added. The agenda and minutes show numbers."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from inspection.council.models import ReviewItem
from inspection.extensions import db
from tests.council.builders import HELD_ON, make_scene


@pytest.fixture
def scene(app):
    return make_scene()


def text_of(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)).split())


def on_agenda(session) -> list[int]:
    return list(db.session.scalars(select(ReviewItem.recommendation_id).where(ReviewItem.session_id == session.id)
                                   .order_by(ReviewItem.position)))


def recs(scene, count: int):
    made = [scene.rec(HELD_ON + timedelta(days=200 + n), text=f"Kiến nghị bổ sung {n}") for n in range(count)]
    db.session.commit()
    return made


@pytest.mark.parametrize("separator", [", ", "; ", "\n", "\r\n", " ;\n "])
def test_several_numbers_are_added_in_the_order_typed(scene, login, separator):
    first, second, third = recs(scene, 3)
    session = scene.open_session()
    typed = separator.join([third.number, first.number.lower(), second.number.replace("Đ", "d")])
    response = login(scene.council).post(f"/council/sessions/{session.id}/items", data={"add-numbers": typed},
                                         follow_redirects=True)
    assert (f"Đã bổ sung vào chương trình: kiến nghị số {third.number}, {first.number}, {second.number}."
            in text_of(response))
    assert on_agenda(session) == [third.id, first.id, second.id]


def test_the_old_ways_still_work_next_to_numbers(scene, login):
    first, second, third = recs(scene, 3)
    session = scene.open_session()
    typed = f"{first.id}, http://cong/recommendations/{second.id}; {third.number}"
    response = login(scene.council).post(f"/council/sessions/{session.id}/items", data={"add-numbers": typed},
                                         follow_redirects=True)
    assert response.status_code == 200 and on_agenda(session) == [first.id, second.id, third.id]


def test_one_recommendation_named_twice_two_ways_is_added_once(scene, login):
    (rec,) = recs(scene, 1)
    session = scene.open_session()
    login(scene.council).post(f"/council/sessions/{session.id}/items", data={"add-numbers": f"{rec.number}, {rec.id}"})
    assert on_agenda(session) == [rec.id]


def test_an_unknown_number_is_named_beside_the_field_and_nothing_is_added(scene, login):
    (rec,) = recs(scene, 1)
    session = scene.open_session()
    unknown = f"KN-77/Đ{scene.mission.id}-2099"
    response = login(scene.council).post(f"/council/sessions/{session.id}/items",
                                         data={"add-numbers": f"{rec.number}; kn-77/d{scene.mission.id}-2099"})
    page = text_of(response)
    assert response.status_code == 200 and f"Kiến nghị số: không có kiến nghị số {unknown}." in page
    assert "is-invalid" in response.get_data(as_text=True) and on_agenda(session) == []


def test_text_that_is_no_number_is_refused_with_an_example(scene, login):
    session = scene.open_session()
    response = login(scene.council).post(f"/council/sessions/{session.id}/items",
                                         data={"add-numbers": "kiến nghị hôm trước"})
    assert "Kiến nghị số: “kiến” không phải số kiến nghị (số kiến nghị có dạng KN-03/Đ12-2017)." in text_of(response)
    assert on_agenda(session) == []


def test_the_field_asks_for_numbers_not_addresses(scene, login):
    session = scene.open_session()
    page = login(scene.council).get(f"/council/sessions/{session.id}").get_data(as_text=True)
    assert "KN-03/Đ12-2017" in page and "…/recommendations/12" not in page
    assert '<textarea' in page and 'name="add-numbers"' in page


def test_the_agenda_minutes_and_messages_name_items_by_number(scene, login):
    rec = scene.overdue(90, text="Kiện toàn Hội đồng Thi đua – Khen thưởng các cấp")
    db.session.commit()
    session = scene.open_session()
    client = login(scene.council)
    agenda = text_of(client.get(f"/council/sessions/{session.id}"))
    assert f"1. Kiến nghị số {rec.number}" in agenda
    minutes = text_of(client.get(f"/council/sessions/{session.id}/minutes"))
    assert f"{rec.number} : Kiện toàn Hội đồng" in minutes
    item = db.session.scalar(select(ReviewItem).where(ReviewItem.session_id == session.id))
    removed = client.post(f"/council/sessions/{session.id}/items/{item.id}/remove", data={"confirmed": "1"},
                          follow_redirects=True)
    assert f"Đã bỏ kiến nghị số {rec.number} khỏi chương trình." in text_of(removed)
