"""Citation keys: <family><year><first title word that is not a stop word>, a/b/c on clashes."""

from __future__ import annotations

from typing import Any

import pytest

from bibconv.keys import STOP_WORDS, ascii_fold, assign_ids, base_key, unique_key
from bibconv.model import OTHERS


def item(**fields: Any) -> Any:
    return {"id": "", "type": "article", **fields}


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Müller-Ørsted", "mullerorsted"),
        ("Łukasz", "lukasz"),
        ("Straße", "strasse"),
        ("Æsop", "aesop"),
        ("O'Brien", "obrien"),
        ("Zhou 周", "zhou"),
        ("", ""),
    ],
)
def test_ascii_fold(text: str, folded: str) -> None:
    assert ascii_fold(text) == folded


def test_base_key_family_year_first_word() -> None:
    wang = item(
        author=[{"family": "Wang", "given": "Zixiao"}],
        issued={"date-parts": [[2025, 7]]},
        title="Beyond Profile: From Surface-Level Facts",
    )
    assert base_key(wang) == "wang2025beyond"


def test_base_key_skips_stop_words_and_punctuation() -> None:
    assert {"the", "a", "of", "towards"} <= STOP_WORDS
    the = item(author=[{"family": "Knuth"}], issued={"date-parts": [[1968]]}, title="The Art")
    assert base_key(the) == "knuth1968art"
    assert base_key(item(author=[{"family": "X"}], title="— A: of the")) == "xnd"


def test_base_key_particles_literals_and_missing_parts() -> None:
    berg = {"family": "Berg", "non-dropping-particle": "van der", "given": "Anna"}
    assert base_key(item(author=[berg], title="Tides")) == "vanderbergndtides"
    assert base_key(item(author=[{"literal": "World Health Org"}])) == "worldhealthorgnd"
    assert base_key(item(title="Anonymous Work", issued={"date-parts": [[2001]]})) == (
        "anon2001anonymous"
    )
    assert base_key(item(editor=[{"family": "Ed"}])) == "ednd"
    assert base_key(item(author=[OTHERS, {"family": "Real"}])) == "realnd"


def test_base_key_year_from_string_date_parts() -> None:
    assert base_key(item(author=[{"family": "Ng"}], issued={"date-parts": [["1999"]]})) == (
        "ng1999"
    )
    assert base_key(item(author=[{"family": "Ng"}], issued={"literal": "n.d."})) == "ngnd"


def test_unique_key_appends_letters() -> None:
    taken: set[str] = set()
    keys = [unique_key("smith2020", taken) for _ in range(29)]
    assert keys[:4] == ["smith2020", "smith2020a", "smith2020b", "smith2020c"]
    assert keys[26:29] == ["smith2020z", "smith2020aa", "smith2020ab"]
    assert len(set(keys)) == 29


def test_assign_ids_keeps_existing_and_fills_missing_and_clashing() -> None:
    items = [
        item(id="keep", author=[{"family": "A"}]),
        item(author=[{"family": "Doe"}], issued={"date-parts": [[2020]]}, title="One"),
        item(author=[{"family": "Doe"}], issued={"date-parts": [[2020]]}, title="One"),
        item(id="keep"),
    ]
    assign_ids(items)
    assert [i["id"] for i in items] == ["keep", "doe2020one", "doe2020onea", "keepa"]
