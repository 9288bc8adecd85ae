"""Uploads waiting for confirmation: random hex tokens, owner check, no path traversal, old files purged."""

import os
import time

import pytest

from inspection.imports import storage
from inspection.rules import RuleViolation


def test_save_load_and_discard(app, tmp_path):
    token = storage.save(str(tmp_path), data=b"abc", kind="units", filename="a.csv", user_id=7, digest="d")
    assert storage.TOKEN_PATTERN.fullmatch(token)
    stored = storage.load(str(tmp_path), token, 7)
    assert (stored.data, stored.kind, stored.filename, stored.digest) == (b"abc", "units", "a.csv", "d")
    with pytest.raises(RuleViolation):
        storage.load(str(tmp_path), token, 8)  # another user's upload
    storage.discard(str(tmp_path), token)
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("token", ["../config", "A" * 32, "0" * 31, "0" * 32 + "/..", None, ""])
def test_malformed_tokens_never_reach_the_file_system(app, tmp_path, token):
    with pytest.raises(RuleViolation) as caught:
        storage.load(str(tmp_path), token, 1)
    assert "Tệp đã tải lên không còn" in caught.value.message


def test_old_uploads_are_purged(app, tmp_path):
    old = storage.save(str(tmp_path), data=b"old", kind="units", filename="a.csv", user_id=1, digest="d")
    past = time.time() - storage.MAX_AGE_SECONDS - 60
    for name in os.listdir(tmp_path):
        os.utime(tmp_path / name, (past, past))
    (tmp_path / "ghi-chu.txt").write_text("không phải tệp tải lên")
    new = storage.save(str(tmp_path), data=b"new", kind="units", filename="b.csv", user_id=1, digest="d")
    assert sorted(os.listdir(tmp_path)) == sorted([f"{new}.upload", f"{new}.json", "ghi-chu.txt"])
    assert old != new
