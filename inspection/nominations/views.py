"""Placeholder: the nominations feature's pages."""

from flask import Blueprint

bp = Blueprint("nominations", __name__)
