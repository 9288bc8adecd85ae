"""Importing units and emulation groups from .xlsx and .csv files."""
