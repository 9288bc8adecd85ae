"""Placeholder: the responses feature's pages."""

from flask import Blueprint

bp = Blueprint("responses", __name__)
