"""Where a pasted list's references start, for shapes met in the seen held-out sets (issue 10,
refsfields pass): unnumbered references among numbered ones with hanging indents, and an
organisation whose title is quoted. The lines are real references as their lists printed them.
"""

from __future__ import annotations

from bibconv.pages._text import split_lines
from bibconv.references.splitting import split_references


def _starts(text: str) -> list[str]:
    return [block.text[:24] for block in split_references(split_lines(text))]


def test_a_reference_that_lost_its_number_in_a_hanging_list_starts_one() -> None:
    text = (
        "20. Schneider CA, Rasband WS, Eliceiri KW. NIH Image to ImageJ: 25 years of image\n"
        "   analysis. Nat Methods. 2012;9(7):671-675. doi:10.1038/nmeth.2089\n"
        "21. Subramanian, A. et al. Gene set enrichment analysis: a knowledge-based approach\n"
        "   for interpreting genome-wide expression profiles. Proc. Natl Acad. Sci. USA 102,\n"
        "   15545–15550 (2005).\n"
        "22. ENCODE Project Consortium. An integrated encyclopedia of DNA elements in the\n"
        "   human genome. Nature. 2012;489(7414):57-74. doi:10.1038/nature11247\n"
        "23. Fisher B, Anderson S, Bryant J, et al. Twenty-year follow-up of a randomized\n"
        "   trial comparing total mastectomy, lumpectomy, and lumpectomy plus irradiation\n"
        "   for the treatment of invasive breast cancer. N Engl J Med. 2002;347(16):1233-1241.\n"
        "Fleming A. On the antibacterial action of cultures of a penicillium, with special\n"
        "   reference to their use in the isolation of B. influenzæ. Br J Exp Pathol.\n"
        "   1929;10(3):226-36.\n"
        "25. Cohen J. A coefficient of agreement for nominal scales. Educ Psychol Meas.\n"
        "   1960;20(1):37-46.\n"
        "26. Hosmer DW, Lemeshow S, Sturdivant RX. Applied Logistic Regression. 3rd ed.\n"
        "   Hoboken, NJ: Wiley; 2013.\n"
        "Kübler-Ross E. On Death and Dying. New York: Macmillan; 1969.\n"
        "MacArthur, R. H. & Wilson, E. O. The Theory of Island Biogeography (Princeton Univ.\n"
        "   Press, 1967).\n"
        "StataCorp. 2023. Stata Statistical Software: Release 18. College Station, TX: StataCorp\n"
        "   LLC.\n"
        "30. Appel, K., Haken, W.: Every planar map is four colorable. Part I: Discharging.\n"
        "   Illinois J. Math. 21(3), 429–490 (1977)\n"
    )
    assert [start[:12] for start in _starts(text)] == [
        "20. Schneide", "21. Subraman", "22. ENCODE P", "23. Fisher B", "Fleming A. O",
        "25. Cohen J.", "26. Hosmer D", "Kübler-Ross ", "MacArthur, R", "StataCorp. 2",
        "30. Appel, K",
    ]  # fmt: skip


def test_a_continuation_at_the_first_column_of_a_hanging_list_stays() -> None:
    text = (
        "1. Hulse, R. A. & Taylor, J. H. Discovery of a pulsar in a binary system.\n"
        "   Astrophys. J. 195, L51–L53 (1975).\n"
        "2. Cohen J. A coefficient of agreement for nominal scales. Educ Psychol Meas.\n"
        "   1960;20(1):37-46.\n"
        "doi:10.1177/001316446002000104\n"
    )
    assert len(_starts(text)) == 2


def test_an_organisation_with_a_quoted_title_starts_a_reference() -> None:
    text = (
        "Bloch, Marc. Les rois thaumaturges: Étude sur le caractère surnaturel attribué à la"
        " puissance royale particulièrement en France et en Angleterre. Strasbourg: Librairie"
        " Istra, 1924.\n"
        'Library of Congress. "Magna Carta: Muse and Mentor." Accessed March 3, 2024.'
        " https://www.loc.gov/exhibits/magna-carta-muse-and-mentor/.\n"
    )
    assert _starts(text) == ["Bloch, Marc. Les rois th", 'Library of Congress. "Ma']
