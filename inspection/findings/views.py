"""Placeholder: the findings feature's pages."""

from flask import Blueprint

bp = Blueprint("findings", __name__)
