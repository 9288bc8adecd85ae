"""What a new password must be: long enough, not blank, not the user name, not common or a trivial pattern."""

import functools
import re
from pathlib import Path

from flask_babel import gettext as _

from inspection.rules import RuleViolation

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 128
#: a user name shorter than this may appear inside a password (else "an" would forbid too much)
NAME_INSIDE_MIN = 4
COMMON_FILE = Path(__file__).with_name("common_passwords.txt")
SEPARATORS = re.compile(r"[\s\-_.]+")
#: runs of neighbouring characters: a password inside one of these (either way round) is a pattern, not a secret
SEQUENCES = ("0123456789" * 3, "abcdefghijklmnopqrstuvwxyz" * 2, "qwertyuiopasdfghjklzxcvbnm" * 2,
             "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p" * 2, "1q2w3e4r5t6y7u8i9o0p" * 2)


def check_password_strength(password: str, username: str | None, field: str = "password") -> None:
    """RuleViolation (on `field`) naming what is wrong with the password."""
    if not password or not password.strip():
        raise RuleViolation(_("Mật khẩu không được để trống hoặc chỉ gồm dấu cách."), field=field)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise RuleViolation(_("Mật khẩu phải có ít nhất %(n)d ký tự.", n=MIN_PASSWORD_LENGTH), field=field)
    if len(password) > MAX_PASSWORD_LENGTH:
        raise RuleViolation(_("Mật khẩu dài quá %(n)d ký tự.", n=MAX_PASSWORD_LENGTH), field=field)
    if _resembles_name(password, username):
        raise RuleViolation(_("Mật khẩu không được trùng với tên đăng nhập hoặc chứa tên đăng nhập."), field=field)
    if is_guessable(password):
        raise RuleViolation(_("Mật khẩu này quá phổ biến hoặc dễ đoán (ví dụ “1234567890”, “aaaaaaaaaaaa”); "
                              "hãy chọn mật khẩu khác."), field=field)


def _fold(text: str) -> str:
    return SEPARATORS.sub("", text.casefold())


def _resembles_name(password: str, username: str | None) -> bool:
    name, folded = _fold(username or ""), _fold(password)
    if not name:
        return False
    return folded in name or (len(name) >= NAME_INSIDE_MIN and name in folded)


def is_guessable(password: str) -> bool:
    folded = _fold(password)
    return folded in common_passwords() or _repeats_a_block(folded) or _is_a_run(folded)


def _repeats_a_block(text: str) -> bool:
    """"aaaaaaaaaaaa", "abcabcabcabc", "12121212…": one block of up to 4 characters, repeated."""
    return any(len(text) % size == 0 and text == text[:size] * (len(text) // size) for size in range(1, 5))


def _is_a_run(text: str) -> bool:
    return any(text in sequence or text in sequence[::-1] for sequence in SEQUENCES)


@functools.cache
def common_passwords() -> frozenset[str]:
    with COMMON_FILE.open(encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))
