"""The one exception services raise when a request breaks a business rule."""


class RuleViolation(ValueError):
    """A refused change. `message` is shown to the user as is (Vietnamese, translated);
    `field` names the form field at fault, when there is one."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
