"""What follows a reference's title: venues with commas, publishers with commas or initials,
report and standard numbers, book roles in APA's brackets (issue 10, the field work after
held-out set #3). Every expectation is written by hand from the printed reference.
"""

from __future__ import annotations

from typing import Any

import pytest

from bibconv.references.parse import parse_reference


def _fields(text: str, *keys: str) -> dict[str, Any]:
    item = parse_reference(text).item
    return {key: item.get(key) for key in keys}


@pytest.mark.parametrize(
    ("printed", "role", "names", "title"),
    [
        (
            "Bourdieu, P. (1984). Distinction: A social critique of the judgement of taste"
            " (R. Nice, Trans.). Harvard University Press.",
            "translator",
            [{"family": "Nice", "given": "R."}],
            "Distinction: A social critique of the judgement of taste",
        ),
        (
            "Mead, G. H. (1934). Mind, self, and society: From the standpoint of a social"
            " behaviorist (C. W. Morris, Ed.). University of Chicago Press.",
            "editor",
            [{"family": "Morris", "given": "C. W."}],
            "Mind, self, and society: From the standpoint of a social behaviorist",
        ),
    ],
)
def test_apa_translators_and_editors_in_brackets_leave_the_title(
    printed: str, role: str, names: list[dict[str, str]], title: str
) -> None:
    item = parse_reference(printed).item
    assert item["title"] == title
    assert item[role] == names  # type: ignore[literal-required]
    assert item["publisher"] == printed.rsplit(". ", 1)[1].rstrip(".")
    assert "container-title" not in item  # the book's own editors: no container
    assert item["type"] == "book"


def test_a_bracket_of_words_that_are_no_names_stays_in_the_title() -> None:
    printed = "Smith, J. (2001). Essays (selected and revised, Ed.). Academic Press."
    assert parse_reference(printed).item["title"] == "Essays (selected and revised, Ed.)"


def test_an_rfc_is_a_report_with_its_number_and_no_journal() -> None:
    printed = (
        'S. Bradner, "Key words for use in RFCs to indicate requirement levels," RFC 2119,'
        " Mar. 1997, doi: 10.17487/RFC2119."
    )
    got = _fields(printed, "type", "title", "container-title", "volume", "number", "issued")
    assert got == {
        "type": "report",
        "title": "Key words for use in RFCs to indicate requirement levels",
        "container-title": None,
        "volume": None,
        "number": "RFC 2119",
        "issued": {"date-parts": [[1997, 3]]},
    }


def test_a_standard_number_makes_a_standard() -> None:
    printed = (
        "IEEE Standard for Floating-Point Arithmetic, IEEE Std 754-2008, Aug. 2008,"
        " doi: 10.1109/IEEESTD.2008.4610935."
    )
    got = _fields(printed, "type", "title", "number", "publisher", "page", "container-title")
    assert got == {
        "type": "standard",
        "title": "IEEE Standard for Floating-Point Arithmetic",
        "number": "IEEE Std 754-2008",
        "publisher": None,
        "page": None,
        "container-title": None,
    }


@pytest.mark.parametrize(
    ("printed", "page"),
    [
        ("U. Fano, Effects of configuration interaction on intensities and phase shifts,"
         " Phys. Rev. 124, 1866 (1961).", "1866"),
        ("R. J. Glauber, Coherent and incoherent states of the radiation field,"
         " Phys. Rev. 131, 2766 (1963).", "2766"),
    ],
)  # fmt: skip
def test_an_aps_page_that_looks_like_a_year_is_the_page(printed: str, page: str) -> None:
    assert _fields(printed, "page", "volume", "issued")["page"] == page


def test_a_year_after_the_volume_that_is_the_year_is_no_page() -> None:
    printed = "Smith, J. (2015). A study of things. Journal of Things, 12, 2015."
    assert parse_reference(printed).item.get("page") is None


@pytest.mark.parametrize(
    ("printed", "container"),
    [
        ("Spek, A. L. Structure Validation in Chemical Crystallography. Acta Crystallogr.,"
         " Sect. D: Biol. Crystallogr. 2009, 65 (2), 148–155.",
         "Acta Crystallogr., Sect. D: Biol. Crystallogr."),
        ("Hoffmann, R. Building Bridges Between Inorganic and Organic Chemistry (Nobel"
         " Lecture). Angew. Chem., Int. Ed. Engl. 1982, 21 (10), 711–724.",
         "Angew. Chem., Int. Ed. Engl."),
        ("Dina Katabi, Mark Handley, and Charlie Rohrs. 2002. Congestion Control for High"
         " Bandwidth-Delay Product Networks. In Proceedings of the 2002 Conference on"
         " Applications, Technologies, Architectures, and Protocols for Computer"
         " Communications (SIGCOMM '02). ACM, New York, NY, USA, 89–102.",
         "Proceedings of the 2002 Conference on Applications, Technologies, Architectures,"
         " and Protocols for Computer Communications (SIGCOMM '02)"),
    ],
)  # fmt: skip
def test_a_venue_goes_on_after_its_commas(printed: str, container: str) -> None:
    item = parse_reference(printed).item
    assert item["container-title"] == container
    assert "editor" not in item  # "Ed." of "Int. Ed. Engl." is no editor label


@pytest.mark.parametrize(
    ("printed", "publisher"),
    [
        ("Kafka, Franz. The Metamorphosis. Translated by Susan Bernofsky, W. W. Norton, 2014.",
         "W. W. Norton"),
        ("Tolstoy, Leo. War and Peace. Translated by Richard Pevear and Larissa Volokhonsky,"
         " Alfred A. Knopf, 2007.", "Alfred A. Knopf"),
        ("Hawthorne, Nathaniel. The Scarlet Letter. Ticknor, Reed, and Fields, 1850.",
         "Ticknor, Reed, and Fields"),
        ('M. Zaharia, "An architecture for fast and general data processing on large'
         ' clusters," Ph.D. dissertation, Univ. of California, Berkeley, 2014.',
         "Univ. of California, Berkeley"),
        ("Penck, A. and Brückner, E.: Die Alpen im Eiszeitalter, Tauchnitz, Leipzig, 1909.",
         "Tauchnitz"),
    ],
)  # fmt: skip
def test_publishers_with_commas_initials_or_no_publisher_word(printed: str, publisher: str) -> None:
    item = parse_reference(printed).item
    assert item["publisher"] == publisher
    assert "container-title" not in item


def test_mla_translators_end_where_the_publisher_starts() -> None:
    printed = "Kafka, Franz. The Metamorphosis. Translated by Susan Bernofsky, W. W. Norton, 2014."
    assert parse_reference(printed).item["translator"] == [
        {"family": "Bernofsky", "given": "Susan"}
    ]


def test_a_campus_follows_only_a_university_of_several_campuses() -> None:
    printed = 'A. Author, "A thesis," Ph.D. dissertation, Univ. of Bonn, Bonn, Germany, 1962.'
    item = parse_reference(printed).item
    assert item["publisher"] == "Univ. of Bonn"
    assert item["publisher-place"] == "Bonn, Germany"


def test_a_copernicus_report_number_ends_the_title() -> None:
    printed = (
        "Neale, R. B., Chen, C.-C., Gettelman, A., et al.: Description of the NCAR Community"
        " Atmosphere Model (CAM 5.0), NCAR Tech. Note NCAR/TN-486+STR, NCAR, Boulder, CO, 2010."
    )
    got = _fields(printed, "type", "title", "genre", "number", "publisher", "publisher-place")
    assert got == {
        "type": "report",
        "title": "Description of the NCAR Community Atmosphere Model (CAM 5.0)",
        "genre": "NCAR Tech. Note",
        "number": "NCAR/TN-486+STR",
        "publisher": "NCAR",
        "publisher-place": "Boulder, CO",
    }


def test_a_copernicus_data_set_names_its_service_as_publisher() -> None:
    printed = (
        "GEBCO Compilation Group: GEBCO 2023 Grid, NERC EDS British Oceanographic Data Centre"
        " NOC [data set], 2023."
    )
    got = _fields(printed, "type", "title", "author", "publisher", "container-title")
    assert got == {
        "type": "dataset",
        "title": "GEBCO 2023 Grid",
        "author": [{"literal": "GEBCO Compilation Group"}],
        "publisher": "NERC EDS British Oceanographic Data Centre NOC",
        "container-title": None,
    }


def test_a_title_of_single_words_is_not_read_as_publisher_and_place() -> None:
    item = parse_reference("Weyl, H.: Raum, Zeit, Materie, 1918.").item
    assert item["title"] == "Raum, Zeit, Materie"
    assert "publisher" not in item


@pytest.mark.parametrize(
    ("printed", "container", "publisher"),
    [
        ("Hall, S. (1980). Encoding/decoding. In S. Hall, D. Hobson, A. Lowe, & P. Willis"
         " (Eds.), Culture, media, language (pp. 128–138). Hutchinson.",
         "Culture, media, language", "Hutchinson"),
        ("Bourdieu, P. (1986). The forms of capital. In J. G. Richardson (Ed.), Handbook of"
         " theory and research for the sociology of education (pp. 241–258). Greenwood.",
         "Handbook of theory and research for the sociology of education", "Greenwood"),
    ],
)  # fmt: skip
def test_an_apa_chapter_book_runs_to_its_pages_and_the_publisher_follows(
    printed: str, container: str, publisher: str
) -> None:
    item = parse_reference(printed).item
    assert (item["container-title"], item["publisher"]) == (container, publisher)
    assert "publisher-place" not in item


def test_an_apa_6_chapter_keeps_its_place_and_publisher() -> None:
    printed = (
        "Smith, A. (2000). A chapter. In B. Jones (Ed.), A book (pp. 1–10). New York, NY:"
        " Guilford Press."
    )
    item = parse_reference(printed).item
    assert (item["publisher"], item["publisher-place"]) == ("Guilford Press", "New York, NY")


@pytest.mark.parametrize(
    ("printed", "author", "title"),
    [
        ('British Library. "Beowulf." Accessed May 2, 2024.'
         " https://www.bl.uk/collection-items/beowulf.", "British Library", "Beowulf"),
        ("National Library of Medicine (US). MEDLINE: description of the database [Internet]."
         " Bethesda (MD): National Library of Medicine (US); [cited 2024 Mar 5]. Available"
         " from: https://www.nlm.nih.gov/medline/medline_overview.html",
         "National Library of Medicine (US)", "MEDLINE: description of the database"),
    ],
)  # fmt: skip
def test_libraries_and_nlm_group_authors_are_organisations(
    printed: str, author: str, title: str
) -> None:
    item = parse_reference(printed).item
    assert item["author"] == [{"literal": author}]
    assert item["title"] == title
    assert "container-title" not in item


def test_a_country_in_brackets_makes_no_person_an_organisation() -> None:
    item = parse_reference("Smith J (US). A title. J Med. 2001;3:4-5.").item
    assert item.get("author") != [{"literal": "Smith J (US)"}]


def test_acm_proceedings_named_with_their_dates_keep_them() -> None:
    printed = (
        "Gene M. Amdahl. 1967. Validity of the single processor approach to achieving large"
        " scale computing capabilities. In Proceedings of the April 18-20, 1967, Spring Joint"
        " Computer Conference (AFIPS '67 (Spring)). ACM, New York, NY, USA, 483–485."
    )
    got = _fields(printed, "container-title", "page", "volume", "issue", "publisher-place")
    assert got == {
        "container-title": "Proceedings of the April 18-20, 1967, Spring Joint Computer"
        " Conference (AFIPS '67 (Spring))",
        "page": "483-485",
        "volume": None,
        "issue": None,
        "publisher-place": "New York, NY, USA",
    }
