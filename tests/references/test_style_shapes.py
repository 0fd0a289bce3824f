"""Style shapes as the style guides print them (issue 10, reffields pass): each test is a
style's own example shape (Elsevier numbered, ACS, Copernicus, NLM, ...), written here for
real works, with the fields written by hand from the printed string. They are not taken
from any held-out set: they test the shape, not a reference.
"""

from __future__ import annotations

from typing import Any

import pytest

from bibconv.pages._text import split_lines
from bibconv.references.parse import parse_reference
from bibconv.references.splitting import split_references


def _fields(text: str, *keys: str) -> dict[str, Any]:
    item = parse_reference(text).item
    return {key: item.get(key) for key in keys}


def _families(text: str) -> list[str]:
    return [
        name.get("family", name.get("literal", ""))
        for name in parse_reference(text).item.get("author", [])
    ]


# ----------------------------------------------------------------------------- Elsevier numbered


# Elsevier's numbered style: "Initials Family, ..., Title, Abbr. J. Vol (Year) Pages."
# (its guide's example: "J. van der Geer, J.A.J. Hanraads, R.A. Lupton, The art of writing a
# scientific article, J. Sci. Commun. 163 (2010) 51–59.").
@pytest.mark.parametrize(
    ("printed", "title", "container", "volume", "issue", "page", "year"),
    [
        ("J. van der Geer, J.A.J. Hanraads, R.A. Lupton, The art of writing a scientific"
         " article, J. Sci. Commun. 163 (2010) 51–59.",
         "The art of writing a scientific article", "J. Sci. Commun.", "163", None, "51-59",
         2010),
        ("D.E. Knuth, Computer programming as an art, Commun. ACM 17 (1974) 667–673.",
         "Computer programming as an art", "Commun. ACM", "17", None, "667-673", 1974),
        ("J.W. Cooley, J.W. Tukey, An algorithm for the machine calculation of complex Fourier"
         " series, Math. Comput. 19 (1965) 297–301.",
         "An algorithm for the machine calculation of complex Fourier series", "Math. Comput.",
         "19", None, "297-301", 1965),
        ("J.D. Watson, F.H.C. Crick, Molecular structure of nucleic acids, Nature 171 (1953)"
         " 737–738.", "Molecular structure of nucleic acids", "Nature", "171", None, "737-738",
         1953),
        ("P. Hohenberg, W. Kohn, Inhomogeneous electron gas, Phys. Rev. 136 (1964) B864–B871.",
         "Inhomogeneous electron gas", "Phys. Rev.", "136", None, "B864-B871", 1964),
        ("J.P. Perdew, K. Burke, M. Ernzerhof, Generalized gradient approximation made simple,"
         " Phys. Rev. Lett. 77 (18) (1996) 3865–3868.",
         "Generalized gradient approximation made simple", "Phys. Rev. Lett.", "77", "18",
         "3865-3868", 1996),
        ("L. de Broglie, Recherches sur la théorie des quanta, Ann. Phys. 10 (1925) 22–128.",
         "Recherches sur la théorie des quanta", "Ann. Phys.", "10", None, "22-128", 1925),
    ],
)  # fmt: skip
def test_elsevier_numbered_journal_article(
    printed: str,
    title: str,
    container: str,
    volume: str,
    issue: str | None,
    page: str,
    year: int,
) -> None:
    got = _fields(printed, "type", "title", "container-title", "volume", "issue", "page", "issued")
    assert got == {
        "type": "article-journal",
        "title": title,
        "container-title": container,
        "volume": volume,
        "issue": issue,
        "page": page,
        "issued": {"date-parts": [[year]]},
    }


def test_elsevier_particles_and_initials_that_read_like_nd() -> None:
    # "J. van der Geer" (a particle after the initials) and "N.D. Mermin" (initials, not
    # "n.d.") are names of the author list.
    assert _families(
        "J. van der Geer, J.A.J. Hanraads, R.A. Lupton, The art of writing a scientific"
        " article, J. Sci. Commun. 163 (2010) 51–59."
    ) == ["van der Geer", "Hanraads", "Lupton"]
    assert _families(
        "N.W. Ashcroft, N.D. Mermin, Solid State Physics, Saunders College, Philadelphia, 1976."
    ) == ["Ashcroft", "Mermin"]


# ----------------------------------------------------------------------------- ACS


# ACS: "Author, A. B.; Author, C. D. Title. Abbr. Journal Year, Volume (Issue), Pages." The
# journal is all between the title and the year, whatever its abbreviations and commas.
@pytest.mark.parametrize(
    ("printed", "title", "container", "volume", "issue", "page"),
    [
        ("Curtius, T. Ueber Stickstoffwasserstoffsäure (Azoimid) N3H. Ber. Dtsch. Chem. Ges."
         " 1890, 23 (2), 3023–3033.", "Ueber Stickstoffwasserstoffsäure (Azoimid) N3H",
         "Ber. Dtsch. Chem. Ges.", "23", "2", "3023-3033"),
        ("Becquerel, H. Sur les radiations émises par phosphorescence. C. R. Hebd. Seances"
         " Acad. Sci. 1896, 122, 420–421.", "Sur les radiations émises par phosphorescence",
         "C. R. Hebd. Seances Acad. Sci.", "122", None, "420-421"),
        ("Lennard-Jones, J. E. On the Determination of Molecular Fields. Proc. R. Soc. London,"
         " Ser. A 1924, 106 (738), 463–477.", "On the Determination of Molecular Fields",
         "Proc. R. Soc. London, Ser. A", "106", "738", "463-477"),
        ("Nernst, W. Ueber die Berechnung chemischer Gleichgewichte aus thermischen Messungen."
         " Nachr. Ges. Wiss. Goettingen, Math.-Phys. Kl. 1906, 1906, 1–40.",
         "Ueber die Berechnung chemischer Gleichgewichte aus thermischen Messungen",
         "Nachr. Ges. Wiss. Goettingen, Math.-Phys. Kl.", "1906", None, "1-40"),
        ("Arrhenius, S. Über die Reaktionsgeschwindigkeit bei der Inversion von Rohrzucker"
         " durch Säuren. Z. Phys. Chem., Stoechiom. Verwandtschaftsl. 1889, 4, 226–248.",
         "Über die Reaktionsgeschwindigkeit bei der Inversion von Rohrzucker durch Säuren",
         "Z. Phys. Chem., Stoechiom. Verwandtschaftsl.", "4", None, "226-248"),
    ],
)  # fmt: skip
def test_acs_journal_of_unknown_abbreviations(
    printed: str, title: str, container: str, volume: str, issue: str | None, page: str
) -> None:
    got = _fields(printed, "title", "container-title", "volume", "issue", "page")
    assert got == {
        "title": title,
        "container-title": container,
        "volume": volume,
        "issue": issue,
        "page": page,
    }


def test_acs_title_of_two_sentences_keeps_its_second() -> None:
    # (the walk back from the year still joins a second sentence of words to the title)
    printed = (
        "Pauling, L. The Nature of the Chemical Bond. Application of Results Obtained from the"
        " Quantum Mechanics. J. Am. Chem. Soc. 1931, 53 (4), 1367–1400."
    )
    assert _fields(printed, "title", "container-title") == {
        "title": "The Nature of the Chemical Bond. Application of Results Obtained from the"
        " Quantum Mechanics",
        "container-title": "J. Am. Chem. Soc.",
    }


# ----------------------------------------------------------------------------- NLM books


# NLM (Vancouver) books: "Author AA. Title. Place: Publisher; Year." (Citing Medicine, ch. 2).
# All between the title and "; Year" is the publication statement: the publisher keeps its
# commas, initials and "Co."; with no colon there is no place.
@pytest.mark.parametrize(
    ("printed", "publisher", "place"),
    [
        ("Osler W. The principles and practice of medicine. New York: D. Appleton and Co.; 1892.",
         "D. Appleton and Co.", "New York"),
        ("Sydenham T. Observationes medicae. Walter Kettilby; 1676.", "Walter Kettilby", None),
        ("Pinel P. Traité médico-philosophique sur l'aliénation mentale, ou la manie. Paris:"
         " Richard, Caille et Ravier; 1801.", "Richard, Caille et Ravier", "Paris"),
        ("Snow J. On the mode of communication of cholera. 2nd ed. London: John Churchill; 1855.",
         "John Churchill", "London"),
    ],
)  # fmt: skip
def test_nlm_book_publication_statement(printed: str, publisher: str, place: str | None) -> None:
    got = _fields(printed, "type", "container-title", "publisher", "publisher-place")
    assert got == {
        "type": "book",
        "container-title": None,
        "publisher": publisher,
        "publisher-place": place,
    }


# ----------------------------------------------------------------------------- books of commas


# Copernicus and Elsevier books: "Author, A.: Title, Publisher, Place, Year." / "A. Author,
# Title, fourth ed., Publisher, Place, Year." (the Elsevier guide's example: "W. Strunk Jr.,
# E.B. White, The Elements of Style, fourth ed., Longman, New York, 2000."). The publisher is
# the name before the place, which may be two places joined or a place and its region.
@pytest.mark.parametrize(
    ("printed", "title", "publisher", "place", "edition"),
    [
        ("Köppen, W.: Die Klimate der Erde, Walter de Gruyter, Berlin und Leipzig, 1923.",
         "Die Klimate der Erde", "Walter de Gruyter", "Berlin und Leipzig", None),
        ("Forel, F.-A.: Le Léman: monographie limnologique, F. Rouge, Lausanne, 1892.",
         "Le Léman: monographie limnologique", "F. Rouge", "Lausanne", None),
        ("W. Strunk Jr., E.B. White, The Elements of Style, fourth ed., Longman, New York, 2000.",
         "The Elements of Style", "Longman", "New York", "4"),
        ("N.W. Ashcroft, N.D. Mermin, Solid State Physics, Saunders College, Philadelphia, 1976.",
         "Solid State Physics", "Saunders College", "Philadelphia", None),
        ("J.D. Jackson, Classical Electrodynamics, third ed., Wiley, New York, 1999.",
         "Classical Electrodynamics", "Wiley", "New York", "3"),
        ("C. Kittel, Introduction to Solid State Physics, 8th ed., Wiley, Hoboken, NJ, 2005.",
         "Introduction to Solid State Physics", "Wiley", "Hoboken, NJ", "8"),
    ],
)  # fmt: skip
def test_book_of_commas_names_publisher_and_place(
    printed: str, title: str, publisher: str, place: str, edition: str | None
) -> None:
    got = _fields(printed, "type", "title", "publisher", "publisher-place", "edition")
    assert got == {
        "type": "book",
        "title": title,
        "publisher": publisher,
        "publisher-place": place,
        "edition": edition,
    }


def test_elsevier_editors_of_a_whole_book() -> None:
    printed = (
        "D.R. Lide (Ed.), CRC Handbook of Chemistry and Physics, 84th ed., CRC Press, Boca"
        " Raton, FL, 2003."
    )
    got = _fields(printed, "type", "title", "editor", "author", "publisher", "edition")
    assert got == {
        "type": "book",
        "title": "CRC Handbook of Chemistry and Physics",
        "editor": [{"family": "Lide", "given": "D. R."}],
        "author": None,
        "publisher": "CRC Press",
        "edition": "84",
    }


# ----------------------------------------------------------------------------- Copernicus


# Copernicus organisations: "Name: Title, ..., Year." (the Copernicus guide prints data sets,
# software and agency reports so); one-word names no list of organisations knows.
def test_copernicus_software_of_an_organisation() -> None:
    printed = (
        "Esri: ArcGIS Desktop, version 10.8 [software], Environmental Systems Research"
        " Institute, Redlands, CA, 2020."
    )
    got = _fields(printed, "type", "title", "author", "version", "publisher", "publisher-place")
    assert got == {
        "type": "software",
        "title": "ArcGIS Desktop",
        "author": [{"literal": "Esri"}],
        "version": "10.8",
        "publisher": "Environmental Systems Research Institute",
        "publisher-place": "Redlands, CA",
    }


def test_copernicus_agency_report_number() -> None:
    printed = (
        "WMO: International Meteorological Tables, WMO-No. 188, World Meteorological"
        " Organization, Geneva, 1966."
    )
    got = _fields(printed, "type", "title", "number", "publisher", "publisher-place")
    assert got == {
        "type": "report",
        "title": "International Meteorological Tables",
        "number": "WMO-No. 188",
        "publisher": "World Meteorological Organization",
        "publisher-place": "Geneva",
    }


def test_an_ieee_title_keeps_a_version_that_ends_it() -> None:
    # (the version stays in a title it ends: only one between commas is the software's)
    printed = "Python Software Foundation, The Python Language Reference, version 3.11. 2022."
    assert _fields(printed, "title")["title"].endswith("version 3.11")


def test_copernicus_organisation_after_a_year_last_reference_starts_one() -> None:
    text = (
        "Holton, J. R.: An Introduction to Dynamic Meteorology, 4th edn., Elsevier Academic\n"
        "Press, Burlington, MA, 2004.\n"
        "Esri: ArcGIS Desktop, version 10.8 [software], Environmental Systems Research\n"
        "Institute, Redlands, CA, 2020.\n"
        "Lorenz, E. N.: Deterministic nonperiodic flow, J. Atmos. Sci., 20, 130–141, 1963.\n"
    )
    blocks = split_references(split_lines(text))
    assert [block.text[:12] for block in blocks] == ["Holton, J. R", "Esri: ArcGIS", "Lorenz, E. N"]


# ----------------------------------------------------------------------------- quotes in titles


@pytest.mark.parametrize(
    ("printed", "title", "container"),
    [
        # (the shape, not a record: a title that quotes one of its words)
        ("Doe, J.; Roe, R. 'Smart' Hydrogels. J. Am. Chem. Soc. 2001, 123 (4), 100–110.",
         "'Smart' Hydrogels", "J. Am. Chem. Soc."),
        ('Doe, J.; Roe, R. Controlled/"Living" Polymers. Macromolecules 1999, 32, 1–9.',
         'Controlled/"Living" Polymers', "Macromolecules"),
    ],
)  # fmt: skip
def test_quotes_inside_a_title_are_the_titles(printed: str, title: str, container: str) -> None:
    # An opening quote inside a word opens no title; a closing quote followed by the
    # title's next word closed only part of it.
    got = _fields(printed, "title", "container-title", "author")
    assert got["title"] == title
    assert got["container-title"] == container
    assert [name["family"] for name in got["author"]] == ["Doe", "Roe"]


def test_a_quoted_title_before_its_source_stays_quoted() -> None:
    # IEEE and MLA close their quotes after the title's mark: the quotes hold the title.
    got = _fields(
        'A. M. Turing, "Computing machinery and intelligence," Mind, vol. 59, no. 236,'
        " pp. 433–460, 1950.",
        "title",
        "container-title",
    )
    assert got == {"title": "Computing machinery and intelligence", "container-title": "Mind"}


# ----------------------------------------------------------------------------- ACS books


# ACS books and chapters (the ACS Guide to Scholarly Communication, 14.2.3): "Author. Title,
# Edition; Editors, Eds.; Publisher: Place, Year; Vol., pp." / "Author. Chapter. In Book;
# Editors, Eds.; Publisher: Place, Year; Vol. 1, pp 45–81." The publisher stands before its
# place.
def test_acs_chapter_in_an_edited_book() -> None:
    printed = (
        "Hehre, W. J. Ab Initio Molecular Orbital Theory. In Modern Theoretical Chemistry;"
        " Schaefer, H. F., Ed.; Plenum Press: New York, 1977; Vol. 4, pp 277–331."
    )
    got = _fields(
        printed, "type", "title", "container-title", "editor", "volume", "page", "publisher",
        "publisher-place", "issued",
    )  # fmt: skip
    assert got == {
        "type": "chapter",
        "title": "Ab Initio Molecular Orbital Theory",
        "container-title": "Modern Theoretical Chemistry",
        "editor": [{"family": "Schaefer", "given": "H. F."}],
        "volume": "4",
        "page": "277-331",
        "publisher": "Plenum Press",
        "publisher-place": "New York",
        "issued": {"date-parts": [[1977]]},
    }


def test_acs_edited_book_with_edition() -> None:
    printed = (
        "IUPAC. Quantities, Units and Symbols in Physical Chemistry, 3rd ed.; Cohen, E. R.,"
        " Cvitaš, T., Eds.; RSC Publishing: Cambridge, 2007."
    )
    got = _fields(printed, "type", "title", "author", "editor", "edition", "publisher")
    assert got == {
        "type": "book",
        "title": "Quantities, Units and Symbols in Physical Chemistry",
        "author": [{"literal": "IUPAC"}],
        "editor": [{"family": "Cohen", "given": "E. R."}, {"family": "Cvitaš", "given": "T."}],
        "edition": "3",
        "publisher": "RSC Publishing",
    }


def test_acs_software_with_version_and_company() -> None:
    printed = "Gaussian 16, Revision C.01; Gaussian, Inc.: Wallingford, CT, 2016."
    got = _fields(printed, "type", "title", "version", "publisher", "publisher-place")
    assert got == {
        "type": "software",
        "title": "Gaussian 16",
        "version": "C.01",
        "publisher": "Gaussian, Inc.",
        "publisher-place": "Wallingford, CT",
    }


# ----------------------------------------------------------------------------- MLA 9 chapters


# MLA 9 (Handbook, 5.2): '"Title of Essay." Title of Container, edited by Editor, Publisher,
# Year, pp. 1–10.' No "In": the container runs to its editors or its publisher.
def test_mla_quoted_question_then_its_container() -> None:
    # (the container's editor has an initial: its period is no end of a subtitle)
    printed = (
        'Jameson, Fredric. "Is Space Political?" Anyplace, edited by Cynthia C. Davidson, MIT'
        " Press, 1995, pp. 192–205."
    )
    got = _fields(printed, "title", "container-title", "publisher", "page")
    assert got == {
        "title": "Is Space Political?",
        "container-title": "Anyplace",
        "publisher": "MIT Press",
        "page": "192-205",
    }


def test_mla_container_of_commas_before_its_publisher() -> None:
    printed = (
        'Haraway, Donna. "A Cyborg Manifesto: Science, Technology, and Socialist-Feminism in the'
        ' Late Twentieth Century." Simians, Cyborgs, and Women: The Reinvention of Nature,'
        " Routledge, 1991, pp. 149–81."
    )
    got = _fields(printed, "container-title", "publisher", "publisher-place")
    assert got == {
        "container-title": "Simians, Cyborgs, and Women: The Reinvention of Nature",
        "publisher": "Routledge",
        "publisher-place": None,
    }
    printed = (
        'Barthes, Roland. "The Death of the Author." Image, Music, Text, Fontana Press, 1977,'
        " pp. 142–48."
    )
    got = _fields(printed, "container-title", "publisher", "publisher-place")
    assert got == {
        "container-title": "Image, Music, Text",
        "publisher": "Fontana Press",
        "publisher-place": None,
    }
    printed = (
        'Bakhtin, M. M. "Discourse in the Novel." The Dialogic Imagination: Four Essays, edited'
        " by Michael Holquist, U of Texas P, 1981, pp. 259–422."
    )
    got = _fields(printed, "container-title", "publisher", "editor")
    assert got == {
        "container-title": "The Dialogic Imagination: Four Essays",
        "publisher": "U of Texas P",
        "editor": [{"family": "Holquist", "given": "Michael"}],
    }


# ----------------------------------------------------------------------------- venues


def test_a_venue_word_trans_is_no_translator() -> None:
    # Elsevier: "Philos. Trans. R. Soc. Lond. A" ("Trans." after an abbreviation is the
    # venue's word, not MLA's "Trans. A. Name.")
    printed = (
        "G.I. Taylor, The formation of a blast wave by a very intense explosion, Proc. R. Soc."
        " Lond. A 201 (1950) 159–174."
    )
    assert _fields(printed, "container-title")["container-title"] == "Proc. R. Soc. Lond. A"
    printed = (
        "J.C. Maxwell, A dynamical theory of the electromagnetic field, Philos. Trans. R. Soc."
        " Lond. 155 (1865) 459–512."
    )
    got = _fields(printed, "container-title", "translator", "volume")
    assert got == {
        "container-title": "Philos. Trans. R. Soc. Lond.",
        "translator": None,
        "volume": "155",
    }


def test_elsevier_journal_is_all_before_its_volume() -> None:
    printed = (
        "L.D. Landau, E.M. Lifshitz, On the theory of the dispersion of magnetic permeability"
        " in ferromagnetic bodies, Phys. Z. Sowjetunion 8 (1935) 153–169."
    )
    assert _fields(printed, "container-title")["container-title"] == "Phys. Z. Sowjetunion"


def test_an_ieee_venue_keeps_its_acronym_in_brackets() -> None:
    printed = (
        'J. Dean and S. Ghemawat, "MapReduce: Simplified data processing on large clusters,"'
        " in Proc. 6th Symp. Operating Syst. Design Implement. (OSDI), San Francisco, CA, USA,"
        " 2004, pp. 137–150."
    )
    got = _fields(printed, "container-title", "publisher-place")
    assert got == {
        "container-title": "Proc. 6th Symp. Operating Syst. Design Implement. (OSDI)",
        "publisher-place": "San Francisco, CA, USA",
    }


def test_an_ieee_lettered_volume_with_its_issue() -> None:
    printed = (
        "Diffie, W., Hellman, M.E.: New directions in cryptography. IEEE Trans. Inf. Theory"
        " IT-22(6), 644–654 (1976)"
    )
    got = _fields(printed, "container-title", "volume", "issue", "page")
    assert got == {
        "container-title": "IEEE Trans. Inf. Theory",
        "volume": "IT-22",
        "issue": "6",
        "page": "644-654",
    }


def test_a_part_number_then_the_journal() -> None:
    # APA: "Title. II. Journal, 4(1), 301–350." ends the title after the part's number; a
    # part with its own subtitle goes on ("I. A minority of one ...").
    printed = (
        "Köhler, W. (1925). Intelligenzprüfungen an Menschenaffen. II. Zeitschrift für"
        " Psychologie, 98, 1–20."
    )
    got = _fields(printed, "title", "container-title", "volume")
    assert got == {
        "title": "Intelligenzprüfungen an Menschenaffen. II",
        "container-title": "Zeitschrift für Psychologie",
        "volume": "98",
    }
    printed = (
        "Asch, S. E. (1956). Studies of independence and conformity: I. A minority of one"
        " against a unanimous majority. Psychological Monographs, 70(9), 1–70."
    )
    assert _fields(printed, "title")["title"] == (
        "Studies of independence and conformity: I. A minority of one against a unanimous majority"
    )


# ----------------------------------------------------------------------------- names


def test_a_family_name_with_its_particle_joined() -> None:
    # ACL natbib, given names first: "Peter V. deSouza" is a name of the list
    printed = (
        "Thomas J. Watson, Peter V. deSouza, and Ann Smith. 1990. A shape of names. In"
        " Proceedings of the 28th Annual Meeting of the Association for Computational"
        " Linguistics, pages 1–8."
    )
    assert _families(printed) == ["Watson", "deSouza", "Smith"]


@pytest.mark.parametrize(
    ("printed", "author", "title", "publisher"),
    [
        ("IPCC, Climate Change 2013: The Physical Science Basis, Cambridge University Press,"
         " Cambridge, 2013.", "IPCC", "Climate Change 2013: The Physical Science Basis",
         "Cambridge University Press"),
        ("WHO, Global Tuberculosis Report 2023, World Health Organization, Geneva, 2023.",
         "WHO", "Global Tuberculosis Report 2023", "World Health Organization"),
    ],
)  # fmt: skip
def test_elsevier_organisation_author_before_its_comma(
    printed: str, author: str, title: str, publisher: str
) -> None:
    got = _fields(printed, "author", "title", "publisher")
    assert got == {"author": [{"literal": author}], "title": title, "publisher": publisher}


# ----------------------------------------------------------------------------- publishers


def test_a_repository_publishes_what_it_holds() -> None:
    # ACL/APA software and data sets: "Title. Zenodo. https://doi.org/..." (DataCite's
    # publisher), not a journal named Zenodo
    printed = (
        "The pandas development team. 2020. pandas-dev/pandas: Pandas. Zenodo."
        " https://doi.org/10.5281/zenodo.3509134."
    )
    assert _fields(printed, "container-title", "publisher") == {
        "container-title": None,
        "publisher": "Zenodo",
    }


def test_an_apa_report_with_its_own_editors_names_its_publisher() -> None:
    printed = (
        "IPBES. (2016). The assessment report on pollinators, pollination and food production"
        " (S. G. Potts, V. L. Imperatriz-Fonseca, & H. T. Ngo, Eds.). Secretariat of the"
        " Intergovernmental Science-Policy Platform on Biodiversity and Ecosystem Services."
        " https://doi.org/10.5281/zenodo.3402856"
    )
    got = _fields(printed, "container-title", "publisher")
    assert got == {
        "container-title": None,
        "publisher": "Secretariat of the Intergovernmental Science-Policy Platform on"
        " Biodiversity and Ecosystem Services",
    }


def test_acl_publisher_after_the_place() -> None:
    printed = (
        "Stefano Baccianella, Andrea Esuli, and Fabrizio Sebastiani. 2010. SentiWordNet 3.0: An"
        " enhanced lexical resource for sentiment analysis and opinion mining. In Proceedings"
        " of the Seventh International Conference on Language Resources and Evaluation"
        " (LREC'10), pages 2200–2204, Valletta, Malta. European Language Resources Association"
        " (ELRA)."
    )
    got = _fields(printed, "publisher", "publisher-place", "page")
    assert got == {
        "publisher": "European Language Resources Association (ELRA)",
        "publisher-place": "Valletta, Malta",
        "page": "2200-2204",
    }


# ----------------------------------------------------------------------------- AMS, SIAM


# AMS ("J. Milnor, Title, Ann. of Math. (2) 64 (1956), 399–405.") and SIAM ("..., Title,
# Math. Comp., 19 (1965), pp. 297–301."): Elsevier's shape with a comma after the year (and
# SIAM's after the journal and "pp.").
@pytest.mark.parametrize(
    ("printed", "title", "container", "volume", "page"),
    [
        ("J. Milnor, On manifolds homeomorphic to the 7-sphere, Ann. of Math. (2) 64 (1956),"
         " 399–405.", "On manifolds homeomorphic to the 7-sphere", "Ann. of Math. (2)", "64",
         "399-405"),
        ("L. Euler, Solutio problematis ad geometriam situs pertinentis, Comment. Acad. Sci."
         " Petropol. 8 (1741), 128–140.", "Solutio problematis ad geometriam situs pertinentis",
         "Comment. Acad. Sci. Petropol.", "8", "128-140"),
        ("R. Courant, K. Friedrichs, and H. Lewy, Über die partiellen Differenzengleichungen"
         " der mathematischen Physik, Math. Ann., 100 (1928), pp. 32–74.",
         "Über die partiellen Differenzengleichungen der mathematischen Physik", "Math. Ann.",
         "100", "32-74"),
    ],
)  # fmt: skip
def test_ams_and_siam_journal_article(
    printed: str, title: str, container: str, volume: str, page: str
) -> None:
    got = _fields(printed, "type", "title", "container-title", "volume", "page")
    assert got == {
        "type": "article-journal",
        "title": title,
        "container-title": container,
        "volume": volume,
        "page": page,
    }


# ----------------------------------------------------------------------------- MHRA, RSC


# MHRA (Style Guide, 11.2): "Surname, Forename, Title (Place: Publisher, Year)", "Surname,
# Forename, 'Title', Journal, 82 (1973), 3–16".
@pytest.mark.parametrize(
    ("printed", "families", "title", "publisher", "place"),
    [
        ("Said, Edward W., Orientalism (New York: Pantheon Books, 1978)", ["Said"],
         "Orientalism", "Pantheon Books", "New York"),
        ("Eagleton, Terry, Literary Theory: An Introduction, 2nd edn (Oxford: Blackwell, 1996)",
         ["Eagleton"], "Literary Theory: An Introduction", "Blackwell", "Oxford"),
        ("Adorno, Theodor W., and Max Horkheimer, Dialectic of Enlightenment, trans. by John"
         " Cumming (London: Verso, 1979)", ["Adorno", "Horkheimer"], "Dialectic of Enlightenment",
         "Verso", "London"),
    ],
)  # fmt: skip
def test_mhra_book(
    printed: str, families: list[str], title: str, publisher: str, place: str
) -> None:
    assert _families(printed) == families
    got = _fields(printed, "type", "title", "publisher", "publisher-place")
    assert got == {"type": "book", "title": title, "publisher": publisher, "publisher-place": place}


def test_mhra_article_with_its_title_in_single_quotes() -> None:
    printed = (
        "Jakobson, Roman, 'Closing Statement: Linguistics and Poetics', Style in Language, 3"
        " (1960), 350–77"
    )
    got = _fields(printed, "title", "author", "container-title", "volume", "page", "issued")
    assert got == {
        "title": "Closing Statement: Linguistics and Poetics",
        "author": [{"family": "Jakobson", "given": "Roman"}],
        "container-title": "Style in Language",
        "volume": "3",
        "page": "350-377",
        "issued": {"date-parts": [[1960]]},
    }


# RSC and Wiley-VCH print no article title: "A. Author and B. Author, J. Abbr., Year, Vol,
# Pages." (the RSC author guidelines' shape).
@pytest.mark.parametrize(
    ("printed", "container", "volume", "page"),
    [
        ("R. B. Woodward and R. Hoffmann, Angew. Chem., Int. Ed. Engl., 1969, 8, 781–853.",
         "Angew. Chem., Int. Ed. Engl.", "8", "781-853"),
        ("H. W. Kroto, J. R. Heath, S. C. O'Brien, R. F. Curl and R. E. Smalley, Nature, 1985,"
         " 318, 162–163.", "Nature", "318", "162-163"),
    ],
)  # fmt: skip
def test_rsc_article_without_title(printed: str, container: str, volume: str, page: str) -> None:
    got = _fields(printed, "type", "title", "container-title", "volume", "page")
    assert got == {
        "type": "article-journal",
        "title": None,
        "container-title": container,
        "volume": volume,
        "page": page,
    }
