"""The inspection portal: application factory."""

import os

from flask import Flask

from inspection.config import DefaultConfig
from inspection.forms_util import PortalRequest


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: defaults, then instance/config.py, then INSPECTION_* env (or test_config)."""
    app = Flask(__name__, instance_relative_config=True,
                template_folder="../templates", static_folder="../static")
    app.request_class = PortalRequest
    load_config(app, test_config)
    register_extensions(app)
    register_converters(app)
    register_blueprints(app)
    register_templating(app)
    register_errors(app)
    register_security_headers(app)
    register_request_log(app)
    register_cli(app)
    register_jobs(app)
    trust_proxies(app)
    return app


def trust_proxies(app: Flask) -> None:
    """Behind a reverse proxy every request comes from 127.0.0.1; the proxy's header says who it is for."""
    hops = int(app.config.get("PROXY_FIX_X_FOR") or 0)
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)


def load_config(app: Flask, test_config: dict | None) -> None:
    app.config.from_object(DefaultConfig)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("INSPECTION")
    else:
        app.config.from_mapping(test_config)
    os.makedirs(app.instance_path, exist_ok=True)
    default_db = "sqlite:///" + os.path.join(app.instance_path, "inspection.sqlite3")
    app.config["SQLALCHEMY_DATABASE_URI"] = app.config.get("DATABASE_URL") or default_db
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        options = app.config["SQLALCHEMY_ENGINE_OPTIONS"] = dict(app.config["SQLALCHEMY_ENGINE_OPTIONS"])
        options["connect_args"] = {"connect_timeout": app.config["DATABASE_CONNECT_TIMEOUT"],
                                   **options.get("connect_args", {})}
    app.config["FILES_FOLDER"] = app.config.get("FILES_FOLDER") or os.path.join(app.instance_path, "files")
    app.config.setdefault("REMEMBER_COOKIE_SECURE", app.config["SESSION_COOKIE_SECURE"])
    if not app.config.get("SECRET_KEY"):
        raise RuntimeError("Chưa đặt khóa bí mật SECRET_KEY: chạy `make run` một lần (ghi instance/config.py), "
                           "hoặc đặt biến môi trường INSPECTION_SECRET_KEY.")


def register_extensions(app: Flask) -> None:
    from inspection import models  # noqa: F401  (every mapper must be known before first use)
    from inspection.extensions import babel, csrf, db, login_manager, migrate
    from inspection.i18n import select_locale

    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(app.root_path, "..", "migrations"),
                     render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    login_manager.init_app(app)


def register_converters(app: Flask) -> None:
    """Before the blueprints: every <int:…> of the URL map is then a bounded id (past MAX_ID: a 404)."""
    from inspection.params import BoundedIntConverter

    app.url_map.converters["int"] = BoundedIntConverter


def register_blueprints(app: Flask) -> None:
    from inspection.admin.views import bp as admin_bp
    from inspection.auth.views import bp as auth_bp
    from inspection.calendar.views import bp as calendar_bp
    from inspection.council.views import bp as council_bp
    from inspection.dashboard.views import bp as dashboard_bp
    from inspection.findings.views import bp as findings_bp
    from inspection.groups.views import bp as groups_bp
    from inspection.health_views import bp as health_bp
    from inspection.home.views import bp as home_bp
    from inspection.imports.views import bp as imports_bp
    from inspection.jobs.views import bp as jobs_bp
    from inspection.missions.views import bp as missions_bp
    from inspection.nominations.views import bp as nominations_bp
    from inspection.notifications.views import bp as notifications_bp
    from inspection.official import issuer_views  # noqa: F401  (the issuers' settings, on official's blueprint)
    from inspection.official.views import bp as official_bp
    from inspection.permissions import install_default_deny
    from inspection.responses.views import bp as responses_bp
    from inspection.saved_filters.views import bp as saved_filters_bp
    from inspection.search.views import bp as search_bp
    from inspection.units.views import bp as units_bp

    for blueprint in (auth_bp, home_bp, admin_bp, units_bp, groups_bp, imports_bp, missions_bp, findings_bp,
                      responses_bp, nominations_bp, calendar_bp, dashboard_bp, council_bp, notifications_bp,
                      saved_filters_bp, jobs_bp, health_bp, search_bp, official_bp):
        app.register_blueprint(blueprint)
    install_default_deny(app)


def register_templating(app: Flask) -> None:
    from inspection.confirm import install_confirm
    from inspection.formatting import install_filters

    install_filters(app)
    install_confirm(app)


def register_errors(app: Flask) -> None:
    from inspection.errors import install_error_handlers

    install_error_handlers(app)


def register_security_headers(app: Flask) -> None:
    from inspection.security_headers import install_security_headers

    install_security_headers(app)


def register_jobs(app: Flask) -> None:
    """Every feature's job kinds and periodic tasks (inspection/tasks.py), then the queue that carries them."""
    from inspection import tasks  # noqa: F401
    from inspection.jobs.queue import init_app

    init_app(app)


def register_request_log(app: Flask) -> None:
    from inspection.request_log import install_request_log

    install_request_log(app)


def register_cli(app: Flask) -> None:
    from inspection.cli import register_commands

    register_commands(app)
