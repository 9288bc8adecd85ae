"""Findings ↔ dossiers (filled in by the links work)."""


def dossier_findings_context(dossier, user) -> dict:
    """Variables for templates/nominations/_dossier_findings.html on the dossier page."""
    return {}


def finding_dossiers_context(finding, user) -> dict:
    """Variables for templates/nominations/_finding_dossiers.html on the finding page."""
    return {}
