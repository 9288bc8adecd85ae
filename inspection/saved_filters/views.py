"""Pages of the saved_filters feature."""

from flask import Blueprint

bp = Blueprint("saved_filters", __name__)
