"""The builders of the six kinds of official document; importing this package registers them all in
inspection.official.kinds.KINDS."""

from inspection.official.builders import (  # noqa: F401  (each module registers its kind)
    awards,
    conclusion,
    minutes,
    remediation,
    reminder,
    summary,
)
