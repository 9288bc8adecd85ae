"""Award hold: a dossier linked to an open finding of severity "serious" or above is on hold
(DOMAIN.md 1.6; Decree 152 Art. 4). Filled in by the findings ↔ dossiers work."""


def held_clause():
    """SQL condition over Dossier: on hold because of an open serious finding (None until built)."""
    return None
