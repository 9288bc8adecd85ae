"""Saving a filter keeps only the list's own parameters; names are trimmed, bounded and unique per user and list;
each user touches only their own filters."""

import pytest
from wtforms import StringField

from inspection.auth.models import Role
from inspection.extensions import db
from inspection.rules import RuleViolation
from inspection.saved_filters import services
from inspection.saved_filters.lists import LISTS, SavedList
from inspection.saved_filters.models import SavedFilter
from tests.factories import make_user

REGISTER = LISTS["register"]


@pytest.fixture
def user(app):
    return make_user(Role.COUNCIL)


def test_only_the_registers_parameters_with_a_value_are_kept_and_never_the_page(user):
    saved = services.save_filter(user, REGISTER, "Quá hạn ở KG",
                                 "verified=open&page=3&evil=1&unit=+KG+&due_from=&csrf_token=x&overdue=y&sort=unit")

    assert saved.query_string == "overdue=y&sort=unit&unit=KG&verified=open"
    assert (saved.user_id, saved.list_name) == (user.id, "register")


def test_a_parameter_added_to_the_filter_form_can_be_saved_without_touching_saved_filters(user):
    class WiderForm(REGISTER.form_class):
        keyword = StringField()

    wider = SavedList("register", REGISTER.endpoint, WiderForm)

    saved = services.save_filter(user, wider, "Từ khóa", "keyword=h%E1%BB%93+s%C6%A1&page=2")

    assert saved.query_string == "keyword=h%E1%BB%93+s%C6%A1"


def test_names_are_trimmed_and_inner_spaces_collapsed(user):
    assert services.save_filter(user, REGISTER, "  Quá hạn \t  KG ", "").name == "Quá hạn KG"


@pytest.mark.parametrize(("name", "message"), [("   ", "Hãy nhập tên cho bộ lọc."),
                                               ("x" * 121, "Tên bộ lọc dài tối đa 120 ký tự.")])
def test_an_empty_or_too_long_name_is_refused_on_the_name_field(user, name, message):
    with pytest.raises(RuleViolation) as refused:
        services.save_filter(user, REGISTER, name, "overdue=y")

    assert (refused.value.field, refused.value.message) == ("name", message)


def test_120_characters_are_enough(user):
    assert len(services.save_filter(user, REGISTER, "x" * 120, "").name) == 120


def test_a_name_already_used_is_refused_unless_overwriting(user):
    first = services.save_filter(user, REGISTER, "Của tôi", "overdue=y")

    with pytest.raises(RuleViolation) as refused:
        services.save_filter(user, REGISTER, " Của  tôi ", "severity=critical")
    assert refused.value.field == "name" and "Bạn đã có bộ lọc tên “Của tôi”" in refused.value.message

    again = services.save_filter(user, REGISTER, "Của tôi", "severity=critical", overwrite=True)
    assert again.id == first.id and again.query_string == "severity=critical"
    assert db.session.query(SavedFilter).count() == 1


def test_the_same_name_is_free_for_another_user_and_another_list(user):
    other = make_user(Role.INSPECTOR)
    services.save_filter(user, REGISTER, "Quá hạn", "overdue=y")
    services.save_filter(other, REGISTER, "Quá hạn", "overdue=y")
    services.save_filter(user, SavedList("dossiers", "nominations.registry", REGISTER.form_class), "Quá hạn", "")

    assert [saved.name for saved in services.saved_filters(user, "register")] == ["Quá hạn"]
    assert len(services.saved_filters(other, "register")) == 1


def test_filters_are_listed_by_name(user):
    for name in ("Xác minh", "Quá hạn", "Của KG"):
        services.save_filter(user, REGISTER, name, "")

    assert [saved.name for saved in services.saved_filters(user, "register")] == ["Của KG", "Quá hạn", "Xác minh"]


def test_renaming_to_another_filters_name_is_refused(user):
    first = services.save_filter(user, REGISTER, "Một", "")
    services.save_filter(user, REGISTER, "Hai", "overdue=y")

    with pytest.raises(RuleViolation) as refused:
        services.rename_filter(user, first, "Hai")
    assert refused.value.field == "name"
    assert services.rename_filter(user, first, " Một  (sửa) ").name == "Một (sửa)"
    assert services.rename_filter(user, first, "Một (sửa)").name == "Một (sửa)"  # its own name is no clash


def test_nobody_deletes_someone_elses_filter(user):
    saved = services.save_filter(user, REGISTER, "Của tôi", "")

    with pytest.raises(RuleViolation):
        services.delete_filter(make_user(Role.ADMIN), saved)
    services.delete_filter(user, saved)
    assert services.saved_filters(user, "register") == []
