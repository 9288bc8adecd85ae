"""The unit officer's to-do page (filled in by the responses feature)."""


def todo_context(user) -> dict:
    return {}
