"""bibconv._io: decoding what users have on disk, and writes that never half-happen."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from bibconv import _io


def test_atomic_write_follows_a_symlink_and_keeps_it(tmp_path: Path) -> None:
    real = tmp_path / "shared.bib"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "refs.bib"
    link.symlink_to(real)
    _io.atomic_write(link, "new\n")
    assert link.is_symlink()  # a dotfiles-style link is not replaced by a plain file
    assert real.read_text(encoding="utf-8") == "new\n"


def test_atomic_write_into_a_pipe_writes_in_place(tmp_path: Path) -> None:
    # /dev/stdout and pipes cannot be renamed over (as root that would replace the device).
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    _io.atomic_write(fifo, "through the pipe\n")
    reader.join(timeout=10)
    assert received == ["through the pipe\n"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_atomic_write_gives_a_new_file_the_usual_permissions(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        _io.atomic_write(tmp_path / "out.bib", "x\n")
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(os.stat(tmp_path / "out.bib").st_mode) == 0o644  # not mkstemp's 0600


def test_atomic_write_errors_name_the_path_not_the_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "missing-dir" / "out.json"
    with pytest.raises(FileNotFoundError) as caught:
        _io.atomic_write(target, "x")
    assert caught.value.filename == str(target)


def test_atomic_write_refuses_a_directory_by_its_name(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError) as caught:
        _io.atomic_write(tmp_path, "x")
    assert caught.value.filename == str(tmp_path)
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind


BIB = "@article{m1,\n  author = {Müller, Jürgen},\n  title = {Étude},\n}\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32", "latin-1"])
def test_decode_reads_the_encodings_editors_save(encoding: str) -> None:
    assert _io.decode(BIB.encode(encoding)) == BIB


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_decode_recognises_utf16_without_a_bom(encoding: str) -> None:
    # Read as Latin-1 this was NUL-riddled junk: the .bib converted to nothing, silently.
    assert _io.decode(BIB.encode(encoding)) == BIB


def test_decode_turns_crlf_and_cr_into_newlines() -> None:
    assert _io.decode(b"a\r\nb\rc\n") == "a\nb\nc\n"


def test_decode_reads_windows_1252_quotes_and_dashes() -> None:
    # Read as Latin-1, the curly quotes and the en dash were C1 control characters.
    data = "title = {“Deep” learning – a survey, Müller}".encode("cp1252")
    assert _io.decode(data) == "title = {“Deep” learning – a survey, Müller}"


def test_decode_falls_back_to_latin1_for_bytes_cp1252_leaves_undefined() -> None:
    assert _io.decode(b"caf\xe9 \x81") == "café \x81"
