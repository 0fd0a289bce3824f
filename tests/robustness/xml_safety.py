"""XML attacks for any reader of HTML/XHTML/XML input (issue 12), as a reusable helper.

A reader is safe when, for every :data:`ATTACKS` case, it returns items or raises a
:class:`bibconv.BibconvError` quickly, and nothing in its items or diagnostics holds the
contents of a local file, no entity was expanded beyond the document's own size, and
nothing connected to the local "attacker" port. Use from a format's tests::

    @pytest.mark.parametrize("attack", ATTACKS, ids=attack_id)
    def test_my_reader_is_safe(attack, tmp_path):
        assert_safe(lambda text: bibconv.loads(text, "my-format", diagnostics=[]),
                    my_wrap, attack, tmp_path)

``wrap(doctype, text)`` builds a document of the format with ``doctype`` before its root
element and ``text`` where the reader takes a title from (``text`` holds the entity
reference or element the attack needs).
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bibconv import BibconvError
from bibconv.diagnostics import Diagnostic

#: What the "local file" holds; it must never show up in what a reader returns.
SECRET = "SECRET-9d2f6c1e-local-file-contents"


@dataclass(frozen=True)
class Target:
    """Where an attack points: a local file holding :data:`SECRET`, a DTD file that
    declares an entity expanding to it, and a local TCP port nobody should connect to."""

    secret: Path
    dtd: Path
    port: int


@dataclass(frozen=True)
class Attack:
    name: str
    build: Callable[[Target], tuple[str, str]]  # -> (doctype, text with the reference)


def _laughs(levels: int) -> str:
    lines = ['<!ENTITY lol0 "lol">']
    for n in range(1, levels + 1):
        lines.append(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">')
    return "\n".join(lines)


ATTACKS: list[Attack] = [
    Attack("entity-file", lambda t: (
        f'<!DOCTYPE r [<!ENTITY xxe SYSTEM "file://{t.secret}">]>', "A &xxe; B")),
    Attack("parameter-entity-file", lambda t: (
        f'<!DOCTYPE r [<!ENTITY % xxe SYSTEM "file://{t.secret}"> %xxe;]>', "A B")),
    Attack("dtd-file", lambda t: (f'<!DOCTYPE r SYSTEM "file://{t.dtd}">', "A &leak; B")),
    Attack("dtd-public-file", lambda t: (
        f'<!DOCTYPE r PUBLIC "-//X//DTD X//EN" "file://{t.dtd}">', "A &leak; B")),
    Attack("dtd-network", lambda t: (
        f'<!DOCTYPE r SYSTEM "http://127.0.0.1:{t.port}/evil.dtd">', "A &leak; B")),
    Attack("entity-network", lambda t: (
        f'<!DOCTYPE r [<!ENTITY net SYSTEM "http://127.0.0.1:{t.port}/x">]>', "A &net; B")),
    Attack("billion-laughs", lambda t: (f"<!DOCTYPE r [\n{_laughs(9)}\n]>", "A &lol9; B")),
    Attack("quadratic-blowup", lambda t: (
        f'<!DOCTYPE r [<!ENTITY big "{"x" * 50_000}">]>', "A " + "&big;" * 2_000 + " B")),
    Attack("xinclude-file", lambda t: ("", (
        'A <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
        f'href="file://{t.secret}" parse="text"/> B'))),
]  # fmt: skip


def attack_id(attack: Attack) -> str:
    return attack.name


#: Far above what reading any of these documents takes, far below an expansion's cost.
SECONDS = 20.0


def assert_safe(
    read: Callable[[str], Any],
    wrap: Callable[[str, str], str],
    attack: Attack,
    tmp_path: Path,
) -> None:
    """Run ``read`` on ``attack`` wrapped as a document; fail if it was not safe."""
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    dtd = tmp_path / "evil.dtd"
    dtd.write_text(f'<!ENTITY leak "{SECRET}">\n', encoding="utf-8")
    with socket.create_server(("127.0.0.1", 0)) as listener:
        listener.setblocking(False)
        target = Target(secret, dtd, listener.getsockname()[1])
        doctype, text = attack.build(target)
        document = wrap(doctype, text)
        start = time.monotonic()
        result = _outcome(read, document)
        elapsed = time.monotonic() - start
        connected = _was_connected(listener)
    assert not connected, f"{attack.name}: the reader connected to {target.port}"
    assert SECRET not in result, f"{attack.name}: a local file's contents were read"
    assert len(result) < len(document) + 10_000, f"{attack.name}: an entity was expanded"
    assert "lollollol" not in result, f"{attack.name}: an entity was expanded"
    assert elapsed < SECONDS, f"{attack.name}: took {elapsed:.1f} s"


def _outcome(read: Callable[[str], Any], document: str) -> str:
    """Everything the reader said, as one string: its items, or its error's diagnostics."""
    try:
        items = read(document)
    except BibconvError as exc:
        diagnostics: list[Diagnostic] = list(getattr(exc, "diagnostics", []))
        return str(exc) + "".join(str(d) for d in diagnostics)
    return json.dumps(items, ensure_ascii=False)


def _was_connected(listener: socket.socket) -> bool:
    try:
        connection, _ = listener.accept()
    except BlockingIOError:
        return False
    connection.close()
    return True
