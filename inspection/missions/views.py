"""Placeholder: the missions feature's pages."""

from flask import Blueprint

bp = Blueprint("missions", __name__)
