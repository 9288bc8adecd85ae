"""Context for the parts of other features' pages that show responses: the panel on the recommendation
page, and what waits on the inspectors in the mission workspace. Each runs a fixed number of queries."""

from dataclasses import dataclass, field

from wtforms.fields.choices import SelectChoice

from inspection.auth.models import Role
from inspection.findings.access import can_decide_extension, can_manage
from inspection.findings.models import Recommendation, Responsibility, UnitStatus
from inspection.forms_util import ButtonForm
from inspection.responses import drafts
from inspection.responses.forms import (
    ActionForm,
    DecisionForm,
    EvidenceVersionForm,
    ExtensionRequestForm,
    MessageForm,
    NewActionForm,
    ProgressForm,
    ReturnForm,
)
from inspection.responses.models import DueDateChange, Evidence, ExtensionStatus, Message
from inspection.responses.queries import (
    EvidenceGroup,
    changes_of,
    evidence_by_message,
    evidence_of,
    group_evidence,
    messages_of,
    next_status_choices,
    shares_of,
)
from inspection.responses.waiting import waiting_on_inspector  # noqa: F401  (the workspace slot's context)
from inspection.units.scope import visible_unit_ids


@dataclass
class PanelForms:
    message: MessageForm | None = None
    new_action: NewActionForm | None = None
    extension: ExtensionRequestForm | None = None
    progress: dict[int, ProgressForm] = field(default_factory=dict)
    actions: dict[int, ActionForm] = field(default_factory=dict)
    versions: dict[str, EvidenceVersionForm] = field(default_factory=dict)
    decisions: dict[int, DecisionForm] = field(default_factory=dict)
    withdrawals: dict[int, ButtonForm] = field(default_factory=dict)
    #: the team's "send this report of done back", per share reported done
    returns: dict[int, ReturnForm] = field(default_factory=dict)


@dataclass
class Panel:
    recommendation: Recommendation
    shares: list[Responsibility]
    own_shares: list[Responsibility]
    messages: list[Message]
    attached: dict[int, list[Evidence]]
    evidence: list[EvidenceGroup]
    changes: list[DueDateChange]
    can_decide: bool
    forms: PanelForms = field(default_factory=PanelForms)

    @property
    def can_answer(self) -> bool:
        return bool(self.own_shares)

    @property
    def can_speak(self) -> bool:
        return self.can_answer or self.can_decide

    @property
    def own_unit_ids(self) -> set[int]:
        return {share.unit_id for share in self.own_shares}

    @property
    def pending(self) -> list[DueDateChange]:
        return [change for change in self.changes if change.status == ExtensionStatus.PENDING]


def panel_context(recommendation: Recommendation, user) -> dict:
    """Variables for templates/responses/_panel.html on the recommendation page (one key, `response_panel`)."""
    shares = shares_of(recommendation)
    evidence = evidence_of(recommendation)
    panel = Panel(recommendation=recommendation, shares=shares, own_shares=_own_shares(user, shares),
                  messages=messages_of(recommendation), attached=evidence_by_message(evidence),
                  evidence=group_evidence(evidence), changes=changes_of(recommendation),
                  can_decide=can_decide_extension(user, recommendation))
    panel.forms = _forms(panel, user)
    drafts.discard()  # a draft for a form no longer on the page is dropped
    return {"response_panel": panel}


def _own_shares(user, shares: list[Responsibility]) -> list[Responsibility]:
    if user.role != Role.UNIT_OFFICER:
        return []
    visible = visible_unit_ids(user) or set()
    return [share for share in shares if share.unit_id in visible]


def _forms(panel: Panel, user) -> PanelForms:
    forms = PanelForms()
    if panel.can_speak:
        forms.message = _form(panel, MessageForm, "msg", unit_id=_unit_choices(panel))
        forms.versions = {group.key: _form(panel, EvidenceVersionForm, f"ev{group.key}") for group in panel.evidence
                          if _may_add_version(panel, user, group)}
    if panel.recommendation.is_open and panel.can_answer:
        _unit_forms(panel, forms)
    if panel.can_decide:
        forms.decisions = {change.id: _form(panel, DecisionForm, f"dec{change.id}") for change in panel.pending}
    forms.withdrawals = {change.id: _form(panel, ButtonForm, f"wd{change.id}") for change in panel.pending
                         if change.unit_id in panel.own_unit_ids}
    if panel.recommendation.is_open and can_manage(user, panel.recommendation):
        forms.returns = {share.id: _form(panel, ReturnForm, f"rt{share.id}") for share in panel.shares
                         if share.status == UnitStatus.REPORTED_DONE}
    return forms


def _unit_forms(panel: Panel, forms: PanelForms) -> None:
    """What the responsible unit fills in: progress per own share, actions, an extension request."""
    own = panel.own_shares
    forms.progress = {share.id: _form(panel, ProgressForm, f"pr{share.id}", status=next_status_choices(share))
                      for share in own if next_status_choices(share)}
    forms.new_action = _form(panel, NewActionForm, "act", responsibility_id=[
        SelectChoice(share.id, share.unit.name) for share in own] if len(own) > 1 else [])
    forms.actions = {action.id: _form(panel, ActionForm, f"act{action.id}", obj=action)
                     for share in own for action in share.actions}
    if panel.recommendation.current_due is not None:
        forms.extension = _form(panel, ExtensionRequestForm, "ext", unit_id=_unit_choices(panel))


def _unit_choices(panel: Panel) -> list[SelectChoice]:
    """A unit to speak for is asked only of officers answering for more than one share."""
    own = panel.own_shares
    return [SelectChoice(share.unit_id, share.unit.name) for share in own] if len(own) > 1 else []


def _may_add_version(panel: Panel, user, group: EvidenceGroup) -> bool:
    """A unit's evidence gets new versions from that unit; the team's attachments from the team."""
    owner = group.latest.unit_id
    if user.role == Role.UNIT_OFFICER:
        return owner is not None and owner in panel.own_unit_ids
    return owner is None and panel.can_decide


def _form(panel: Panel, form_class, prefix: str, obj=None, **choices):
    """An unbound form (the page may itself be answering a POST of another feature), refilled from a
    refused submission on this recommendation when there is one; `choices` sets select fields' choices."""
    form = form_class(formdata=None, prefix=prefix, obj=obj)
    for name, options in choices.items():
        getattr(form, name).choices = options
    return drafts.restore(form, panel.recommendation.id)
