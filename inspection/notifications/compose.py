"""How a notice names a recommendation: in ONE place, so every subject and body says it the same way (and the
readable number is used here alone)."""

from inspection.notifications.links import path_for

#: the `about_type` of a notice about a recommendation (its page marks such notices read)
RECOMMENDATION = "recommendation"


def recommendation_name(recommendation) -> str:
    """“Kiến nghị KN-03/Đ12-2017”: what a subject or body calls the recommendation (its readable number)."""
    return f"Kiến nghị {recommendation.number}"


def recommendation_path(recommendation) -> str:
    """The recommendation's page, as a path inside the portal (a notice never carries an outside address)."""
    return path_for("findings.recommendation", recommendation_id=recommendation.id)


def excerpt(text: str | None, limit: int = 200) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
