"""Ask before an action that cannot be undone (closing a session, deleting, locking, unlinking…).

One mechanism for every such route: the view is declared with `@confirm_first(...)` under its roles. A POST
without `confirmed=1` changes nothing and answers with a confirmation page (what will happen, to which record,
"Xác nhận" re-posting the same fields and CSRF token with `confirmed=1`, "Quay lại"): that works without
JavaScript. With JavaScript, static/js/portal.js reads the same words from the button's form (put there by
`confirm_attrs`) and asks in a <dialog> before posting with `confirmed=1`, so nobody sees the page."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import wraps

from flask import Flask, current_app, render_template, request
from markupsafe import Markup

#: the form field that says the user has seen the question and said yes
CONFIRMED_FIELD = "confirmed"


@dataclass(frozen=True)
class Subject:
    """The record the action is about: the values its words are filled with, and the page to go back to."""

    values: Mapping[str, object]
    back: str


@dataclass(frozen=True)
class Question:
    """The words of one confirmation; `%(name)s` placeholders are filled from the subject's values."""

    title: str
    consequence: str
    button: str

    def words(self, values: Mapping[str, object]) -> dict[str, str]:
        plain = {key: str(value) for key, value in values.items()}
        return {"title": str(self.title) % plain, "consequence": str(self.consequence) % plain,
                "button": str(self.button) % plain}


def confirm_first(question: Question, subject: Callable[..., Subject | None],
                  when: Callable[[Mapping[str, str]], bool] | None = None):
    """Run the view only once the user confirmed; `subject(**view_args)` loads the record through its
    feature's get_x (so a user who may not act gets the same 403/404 as from the view itself), or is None when
    there is nothing left to act on (the view then says so); `when(form)` limits the question to some choices
    of the form (closing a mission, not starting one)."""

    def decorate(view):
        @wraps(view)
        def asking(**view_args):
            if request.form.get(CONFIRMED_FIELD) == "1" or (when is not None and not when(request.form)):
                return view(**view_args)
            about = subject(**view_args)
            return view(**view_args) if about is None else confirmation_page(question, about)

        asking.confirmation = question
        return asking

    return decorate


def confirmation_page(question: Question, subject: Subject):
    """The question, and the posted fields again (token included) for the "Xác nhận" button."""
    fields = [(name, value) for name, values in request.form.lists() if name != CONFIRMED_FIELD
              for value in values]
    return render_template("confirm.html", words=question.words(subject.values), fields=fields,
                           action=request.path, back=subject.back)


def question_of(endpoint: str) -> Question | None:
    return getattr(current_app.view_functions.get(endpoint), "confirmation", None)


def confirm_attrs(endpoint: str, **values) -> Markup:
    """The data-confirm-* attributes of a form (or a button) posting to `endpoint`, for the dialog."""
    question = question_of(endpoint)
    if question is None:
        raise LookupError(f"{endpoint} does not ask for confirmation")
    words = question.words(values)
    return Markup(" ").join(Markup('data-confirm-{}="{}"').format(key, text) for key, text in words.items())


def install_confirm(app: Flask) -> None:
    app.add_template_global(confirm_attrs)
