"""Imports every feature's models so that mappers, Alembic and `flask shell` see them all."""

from inspection.audit import AuditEntry  # noqa: F401
from inspection.auth.models import LoginThrottle, User, UserSession  # noqa: F401
from inspection.calendar.models import CalendarDay  # noqa: F401
from inspection.council.models import ReviewItem, ReviewSession  # noqa: F401
from inspection.dashboard.models import DashboardCount, DashboardFact, DashboardState  # noqa: F401
from inspection.documents.issuer_profiles import IssuerProfile  # noqa: F401
from inspection.files.models import StoredFile  # noqa: F401
from inspection.findings.models import Finding, FollowUpAction, Recommendation, Responsibility  # noqa: F401
from inspection.groups.models import EmulationGroup, GroupMember  # noqa: F401
from inspection.imports.models import ImportUpload  # noqa: F401
from inspection.jobs.models import Job, JobWorker  # noqa: F401
from inspection.missions.models import InspectionPlan, Mission, MissionMember, SelfReport, WorkingSession  # noqa: F401
from inspection.nominations.models import AwardForm, Dossier, ReportedFigure  # noqa: F401
from inspection.nominations.tally import AwardTally, AwardTallyAll, AwardTallyChange  # noqa: F401
from inspection.notifications.models import Notification  # noqa: F401
from inspection.official.models import OfficialDocument  # noqa: F401
from inspection.reminders.models import ReminderDispatch  # noqa: F401
from inspection.responses.models import DueDateChange, Evidence, Message  # noqa: F401
from inspection.saved_filters.models import SavedFilter  # noqa: F401
from inspection.submissions import FormSubmission  # noqa: F401
from inspection.units.models import Unit, UnitEvent, UnitEventLink, UnitName, UnitPlacement  # noqa: F401
