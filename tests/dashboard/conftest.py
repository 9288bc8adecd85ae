import pytest

from tests.dashboard.scenario import TODAY, build_scenario


@pytest.fixture
def pinned_today(monkeypatch):
    """The dashboard and the register both see TODAY."""
    monkeypatch.setattr("inspection.dashboard.views.today_vn", lambda: TODAY)
    monkeypatch.setattr("inspection.findings.register_views.today_vn", lambda: TODAY)
    return TODAY


@pytest.fixture
def scenario(app, pinned_today):
    return build_scenario()


@pytest.fixture
def app_config():
    """Every dashboard computed afresh (test_cache.py turns the cache on): these tests change data directly."""
    return {"DASHBOARD_CACHE_SECONDS": 0}
