"""The nominations blueprint; its routes live in the *_views modules, grouped by sub-area."""

from flask import Blueprint

bp = Blueprint("nominations", __name__)
