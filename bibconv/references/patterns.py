r"""The patterns a printed reference is read with: list numbers, years, DOIs, arXiv ids, URL
labels, volume/issue/page tails.

Speed: a pattern searched for (not matched at the start) is written to begin with the
characters it consumes, its opening lookbehind or ``\b`` moved after the first of them:
``(?:1[5-9]|20)(?<![\w/.]..)\d\d`` is ``(?<![\w/.])(?:1[5-9]|20)\d\d``, but the engine
skips in C to a "1" or "2" instead of trying the lookbehind at every position (two to ten
times faster here, in ``common`` and in ``splitting``).
"""

from __future__ import annotations

import re
from typing import Final

from bibconv._vocab import CONFERENCE_ACRONYMS, DOI_START, JOURNAL_WORDS, PARTICLES

# ----------------------------------------------------------------------------- patterns

_UPPER: Final = "".join(chr(c) for c in range(0x250) if chr(c).isupper())


_YEAR: Final = r"(?:1[5-9]\d\d|20\d\d)[a-z]?"


_NO_DATE: Final = r"n\.\s?d\.?|in press|forthcoming"


#: A leading list number: "[12]", "(12)", "12.", "12)".
NUMBER_MARKER: Final = re.compile(
    rf"^\s?(?:\[(\d{{1,4}})\]|\((\d{{1,4}})\)|(\d{{1,4}})[.)](?=\s|[{_UPPER}]))\s?"
)


_DOI: Final = re.compile(
    r"(?:https?://(?:dx\.)?doi\.org/|\bdoi:\s?|\bDOI:?\s)"
    rf"({DOI_START}[^\s\"<>]{{1,300}})|\b({DOI_START}[^\s\"<>]{{1,300}})",
    re.I,
)


_ARXIV: Final = re.compile(
    r"(?:\barXiv(?:\spreprint)?(?:\sarXiv)?\s?:?\s?|\bCoRR,?\s(?:abs/)?|arxiv\.org/(?:abs|pdf)/|\babs/)"
    r"(\d{4}\.\d{4,5}|[a-z][a-z\-]{1,20}(?:\.[A-Z]{2})?/\d{7})(v\d{1,3})?(?:\s?\[([a-z\-]{2,10}\.[A-Z]{2}|[a-z\-]{2,10})\])?",
    re.I,
)


_URL_LABELS: Final = re.compile(
    r"(?:\bRetrieved(?:\s[^,]{1,40},\s\d{4},)?\s(?:from\s)?|\bAvailable(?:\sat|\sfrom|\sonline)?:?\s?"
    r"|\[Online\]\.?|\bOnline:?|\bURL:?)\s?$",
    re.I,
)


#: The longest text a URL label can match ("Retrieved <40 characters>, 2020, from "), and more.
_URL_LABEL_REACH: Final = 80


_ACCESSED: Final = re.compile(
    r"[(\[]?\b(?:accessed|last accessed|cited|retrieved|viewed)(?:\son)?:?\s"
    # The date may abbreviate its month with a period ("accessed Mar. 3, 2023").
    r"(?:[^()\[\].;]|(?<=\b[A-Za-z]{3})\.){1,40}[)\]]?\.?",
    re.I,
)


_PREPRINT_WORD: Final = re.compile(
    r"\s?\[Preprint\]|(?<=[.,]\s)Preprint(?:\sat\b)?[.,]?(?=\s|$)|\bPreprint\sat\b", re.I
)


# "[Online]." after a sentence's end goes with its period; "report [Internet]. Atlanta"
# keeps the period that ends the title.
_ONLINE: Final = re.compile(
    r"(?<=[.,;:])\s?\[(?:Online|Internet|online)\]\.?|\s?\[(?:Online|Internet|online)\]"
)

# Head shapes. ``.{1,N}?`` is lazy but bounded, and every shape is anchored at the start,
# so a match costs at most N steps of the engine per call.
_HEAD_PAREN_YEAR: Final = re.compile(
    rf"^(?P<auth>.{{0,1500}}?)\s?\(\s?(?P<year>{_YEAR}|{_NO_DATE})"
    rf"(?:,\s?(?P<date>[^()]{{1,30}}))?\s?\)\s?[.,:]?\s?",
    re.I,
)


#: ("N.W. Ashcroft, N.D. Mermin, Title": initials before a name are no "n.d.")
_HEAD_DOT_YEAR: Final = re.compile(
    rf"^(?P<auth>.{{1,1500}}?)[.,]\s(?P<year>{_YEAR}|(?-i:(?!N\.\s?D\.\s[{_UPPER}][a-z])){_NO_DATE})"
    r"(?:,\s(?P<date>[A-Z][a-z]{2,8}\.?(?:\s\d{1,2})?))?[.,]\s",
    re.I,
)


_HEAD_COLON: Final = re.compile(
    rf"^(?P<auth>[^:\"“”(]{{2,1500}}?(?:[{_UPPER}]\.|\bet al\.?|\b[{_UPPER}]{{1,3}})):\s"
)


#: An organisation before the colon of an LNCS or Copernicus head: "IPCC: Title",
#: "Python Software Foundation: Title" (capitalised words and glue words, no digits).
_TITLE_AFTER_LIST: Final = re.compile(r"\.\s[^.]{2,40}$")


#: A group as the whole author: "Diabetes Control and Complications Trial Research Group.",
#: "UK Prospective Diabetes Study (UKPDS) Group.", "GBD 2019 ... Collaborators.".
_GROUP_AUTHOR: Final = re.compile(
    rf"^(?P<auth>[{_UPPER}0-9][^.;:,\"“]{{2,160}}?\s(?:Group|Collaborators|Collaboration|"
    r"Consortium|Investigators|Initiative|Committee|Team))\.\s"
)


#: NLM's organisation author, a sentence of capitalised words (its country in brackets),
#: and the book's editors after a semicolon: "National Institute for Health and Care
#: Excellence. Title", "Institute of Medicine (US) Committee on Quality of Health Care in
#: America; Kohn LT, Corrigan JM, Donaldson MS, editors. Title".
_ORGANISATION_SENTENCE: Final = re.compile(
    rf"^(?P<auth>[{_UPPER}][\w'’&-]*(?:\s(?:[{_UPPER}][\w'’&-]*|\([A-Z]{{2,3}}\)|for|of|and|the|on|in|&)){{1,14}})"
    r"(?:;\s(?P<eds>[^.;:]{2,300}),\seditors?)?\.\s"
)

#: IEEE software: "[Organisation, ]Title, version X, Publisher, Place, 2023." (a comma after the
#: version: "Python Language Reference, version 3.11. https://..." keeps it in its title).
_IEEE_SOFTWARE: Final = re.compile(
    r"^(?:(?P<auth>[^,\"“”]{2,80}),\s)?(?P<title>[^,\"“”]{1,150}),\s[Vv]ersion\s(?P<version>[\w.\-]{1,20}),\s"
)

#: A publication statement where the title should be, "Bethesda (MD): National Library of
#: Medicine (US); 2000-": the sentence before it was the title, not an author.
_PUBLICATION_STATEMENT: Final = re.compile(
    rf"[{_UPPER}][\w .()'-]{{1,40}}:\s[^:;]{{2,120}};\s?{_YEAR}"
)


_ORGANISATION_COLON: Final = re.compile(
    rf"^(?P<auth>[{_UPPER}][\w’'&-]{{1,40}}(?:\s(?:[{_UPPER}][\w’'&-]{{0,40}}|for|of|and|the|&)){{0,7}}):\s"
)


#: The end of a Copernicus reference after its title: journal, volume, page or article
#: number, perhaps more, then the year ("Geosci. Model Dev., 9, 1937–1958, 2016.").
_COPERNICUS_TAIL: Final = re.compile(
    rf"^(?P<title>[^\n]{{4,800}}?),\s(?P<source>[^,]{{2,120}},\s\d{{1,5}}(?:\s?\(\d{{1,4}}\))?,"
    rf"\s[A-Za-z]{{0,3}}\d[\w–-]{{0,20}},(?:\s[^,]{{1,60}},)?\s{_YEAR}\.?)$"
)


#: A data set's label: "[data set]" (Copernicus), "[Data set]" (APA).
_DATA_SET: Final = re.compile(r"\s?\[(?:data\s?set|dataset)\]", re.I)
#: A title that names a data set and its release: "V-Dem dataset v13", "... Data Set,
#: Version 2" (with no locator after it, the name that follows is its publisher).
_DATA_SET_TITLE: Final = re.compile(
    r"\b(?:data\s?set|database),?\s(?:v|[Vv]ersion\s)\d[\w.]{0,10}$", re.I
)
#: A publisher's name without a publisher word: capitalised words ("Königlich Serbische
#: Akademie", "Tauchnitz", "F. Rouge"), at most five, perhaps joined by a particle or "and"
#: ("Walter de Gruyter", "Jent et Gassmann").
_NAME_OF_PUBLISHER: Final = re.compile(
    r"[A-ZÀ-Þ][\w'’&./-]{1,30}(?:\s(?:[A-ZÀ-Þ&][\w'’&./-]{0,30}|de|von|van|et|und|and|&)){0,4}"
)
#: A place of publication as one or two capitalised words ("Leipzig", "New York"), or two
#: places joined ("Berlin und Leipzig", "Wien und Olmütz").
_PLACE_WORD: Final = re.compile(
    r"[A-ZÀ-Þ][a-zà-ÿ]{2,20}(?:\s[A-ZÀ-Þ][a-zà-ÿ]{2,20})?"
    r"(?:\s(?:und|and|et|&)\s[A-ZÀ-Þ][a-zà-ÿ]{2,20}(?:\s[A-ZÀ-Þ][a-zà-ÿ]{2,20})?)?"
)
#: An agency's numbered publication: "WMO-No. 8", "WMO-No. 1316" (a report and its number).
_AGENCY_NUMBER: Final = re.compile(r"[A-Z]{2,10}-No\.\s\d[\w.-]{0,10}")
#: A software's version between commas, its label after it: "version 4.9.2 [software]".
_COMMA_VERSION: Final = re.compile(r"[Vv]ersion\s(\d[\w.\-]{0,20})(\s\[[^\[\]]{2,40}\])?")
#: A reference that ends with its year after a comma (Copernicus, LNCS): "..., 2023."
_YEAR_LAST_END: Final = re.compile(rf",\s{_YEAR}\.?$")
#: A state or country printed after a place's comma: "Hoboken, NJ", "Cambridge, UK".
_PLACE_REGION: Final = re.compile(r"[A-Z]{2}|USA|U\.S\.A\.")


#: APA chapters: "In A. Editor (Ed.), Book title, with, commas (2nd ed., pp. 1–10). Publisher."
#: The book's title runs to the bracket with its pages.
_APA_BOOK_PAGES: Final = re.compile(
    r"(?P<book>[^()]{2,400}?)\s(?P<pages>\((?:[^()]{1,60},\s)?pp?\.\s[^()]{1,30}\))\.\s"
)


#: ACM proceedings named with their acronym and year in brackets: "Proceedings of the April
#: 18-20, 1967, Spring Joint Computer Conference (AFIPS '67 (Spring)). ACM, New York, NY": the
#: name runs to that bracket (dates, commas and all); publisher, place and pages follow.
_ACM_PROCEEDINGS: Final = re.compile(
    r"(?P<book>Proceedings\sof\s[^()]{4,300}?\s\([^()]{0,40}'\d\d(?:\s?\([^()]{1,30}\))?\))\.\s"
)


_OPEN_QUOTES: Final = {'"': '"', "“": "”", "‘": "’", "'": "'", "„": "“", "«": "»"}


_THESIS: Final = re.compile(
    r"\b(?:(Ph\.?\s?D\.?|Doctoral|Doctor'?s|Master'?s|M\.?\s?(?:Sc|A|S)\.?|Bachelor'?s|Diploma)"
    r"\s(?:thesis|dissertation|diss(?=\.))|Dissertation|Thesis)\b\.?",
    re.I,
)


_REPORT: Final = re.compile(
    r"\b(?:Tech(?:nical)?\.?\s?Rep(?:ort)?s?\.?|Tech(?:nical)?\.?\sNote|Research\sReport|Working\sPaper|White\sPaper"
    r"|(?:AI\s)?Memo(?:randum)?(?![a-z])(?:\sNo\.?)?|\bPaper(?=\s[A-Z]{1,4}-\d)"
    # ("Annual Report of the American Historical Association ..." names a serial)
    r"|Report(?:\sNo\.?)?(?!\sof\b)|(?:Summary|Final|Interim|Progress|Annual)\sRep\.|Special\sPublication)",
    re.I,
)


#: An IETF RFC's number ("RFC 793"): a report, never a journal "RFC" with a volume.
_RFC: Final = re.compile(r"\bRFC\s(\d{1,5})\b")


#: A standard's number: "IEEE Std 754-2008", "ANSI Std X3.4-1986".
_STANDARD_NUMBER: Final = re.compile(r"\b(?:IEEE|ANSI|ISO(?:/IEC)?)\sStd\.?\s[\dA-Z][\w.:-]{0,30}")


_REPORT_NUMBER: Final = re.compile(
    r"\b(?:Tech(?:nical)?\.?\s?Rep(?:ort)?\.?|Tech(?:nical)?\.?\sNote|Report|Rep\.|Paper|No\.|Number"
    r"|Special\sPublication)"
    r"\s(?:No\.?\s)?([A-Z]{0,10}[-\w/.]{0,20}\d[-\w/+]{0,20})",
    re.I,
)


_IN_PREFIX: Final = re.compile(r"^(?:In|in|IN):?\s")


_EDITORS_PAREN: Final = re.compile(
    r"^(?P<eds>.{1,600}?)\s?\((?:[Ee]ds?|[Ee]ditors?|[Hh]rsg|[Ee]d)\.?\)[,.:]?\s?"
)


_EDITORS_IEEE: Final = re.compile(
    r"^(?P<book>.{1,600}?),\s(?P<eds>[^,]{1,200}(?:,\s[^,]{1,200}){0,10}?),?\s(?:Eds?|eds?)\.\s?"
)


_EDITORS_VANCOUVER: Final = re.compile(
    r"^(?P<eds>.{1,600}?),?\s(?:editors?|eds?)[.,]\s?(?P<rest>.*)$", re.S
)


_EDITED_BY: Final = re.compile(
    r"(?:,|\.)?\s?\b(?:edited by:?|ed\. by)\s|,\sed\.\s"
    # MLA and German lists: a sentence "Ed. A. Editor." / "Eds. A and B." / "Hrsg. v. A."
    r"|(?:^|(?<=\.\s))(?:Eds?|Hrsg)\.(?:\s(?:v|von)\.?)?\s",
    re.I,
)


#: A translator sentence or clause: "Trans. Andreas Knop." / ", translated by A. B.".
_TRANSLATED_BY: Final = re.compile(
    r"(?:,|\.)?\s?\b(?:translated by|trans\. by)\s|(?:^|(?<=\.\s))(?:Trans|Übers)\.\s", re.I
)


#: An article number printed as the page: "061102", "e1000097", "D05127", "aac4716".
_ARTICLE_ID: Final = re.compile(r"[A-Za-z]{0,4}\d{1,9}")


#: (An open range, NLM's "2000- [cited ...]" for a site still published, is its first year.)
_YEAR_ANYWHERE: Final = re.compile(
    r"((?:1[5-9]|20)(?<![\w/.\-–:]..)\d\d[a-z]?)(?![\w/]|[-–]\w)[-–]?"
)


_NO_DATE_ANYWHERE: Final = re.compile(r"\(?\bn\.\s?d\.\)?", re.I)


_PLACE_PUBLISHER: Final = re.compile(
    # "Leipzig und Wien: Franz Deuticke", "Haarlem: H. D. Tjeenk Willink" (initials in it)
    r"(?:^|(?<=[.,;]\s))(?P<place>[A-Z][\w'’.\-]{1,20}"
    r"(?:\s(?:[A-Z(][\w'’.\-()]{1,20}|und|and|et|y|&)){0,3}"
    r"(?:,\s[A-Z][\w.\- ]{1,30}){0,2}):\s"
    r"(?P<pub>(?:[^:;.]|(?<=Univ)\.|(?<=Publ)\.|(?<=Assoc)\.|(?<=Inc)\.(?=,)"
    # "U.S. Govt. Printing Office", "Harper & Bros. Publishers", "Dept. of Education"
    r"|(?<=\b[A-Z])\.(?=\s[A-Z]|[A-Z]\.)|(?<=Govt|Bros|Dept|Natl)\.(?=\s[A-Z]))"
    r"{2,120})(?P<end>[;.]|$)"
)


# Where a place may start: the beginning, or after ". ", ", ", "; ".
_VOLUME_COUNT: Final = re.compile(r"\.?\s(\d{1,3})\svols?\.?$")


_PUBLISHER_THEN_YEAR: Final = re.compile(rf"[^,]{{2,60}},\s{_YEAR}\b")


_PLACE_START: Final = re.compile(r"[A-Z](?:(?<=^.)|(?<=[.,;]\s.))")


_PUBLISHER_WORDS: Final = re.compile(
    r"\b(?:Press|Univ|JMLR|Publish\w*|Publications?|Springer|Wiley|Elsevier|Pearson|Prentice|Addison|"
    r"O'Reilly|O’Reilly|Routledge|Sage|Academic|Kluwer|Curran|Morgan|Cambridge University|"
    r"Oxford University|MIT|Verlag|Books|Norton|Macmillan|Penguin|Mouton|Holt|Wiley-\w+|"
    r"McGraw|Association for|ACM|IEEE|USENIX|AAAI|PMLR|Taylor|Francis|CRC|Chapman|"
    r"Bloomsbury|Blackwell|Harper|Random House|Basic|Knopf|Little|Simon|Schuster|Dover|"
    r"Institute|Foundation|Society|Inc\.?|Ltd\.?|Co\.|Company|University|Media|Group|"
    # data and software repositories publish what they hold (DataCite's publisher)
    r"Zenodo|[Ff]igshare|Dryad|PANGAEA|Dataverse|"
    r"UP|U\sof)\b"  # MLA: "Princeton UP", "U of Chicago P"
)


_UNIVERSITY: Final = re.compile(
    r"\b(?:University|Universit\w+|Univ(?=\.)|Institute|Inst(?=\.)|College|School|ETH|EPFL|MIT|Polytechnic|"
    r"Laboratory|Lab|Labs|Center|Centre|InfoLab|Research|Corporation|Inc)\b"
)


#: Universities of several campuses, whose campus follows a comma ("University of California,
#: Irvine"): the campus is part of the name, not a place.
_UNIVERSITY_SYSTEM: Final = re.compile(
    r"\b(?:University|Univ\.)\sof\s(?:California|Maryland|Massachusetts|Colorado|Missouri|Nebraska"
    r"|Hawai.i|Illinois)$"
)
_CAMPUS: Final = re.compile(r"[A-Z][a-z]+(?:[\s-][A-Z][a-z]+){0,2}")
#: A school or department of a university, printed before or after it and part of the
#: publisher: "Moore School of Electrical Engineering, University of Pennsylvania".
_DEPARTMENT: Final = re.compile(
    r"(?:[A-Z][\w'’-]+\s){0,3}(?:School|Department|Dept\.|Faculty|Division|Laboratory)\sof\s[A-Z]"
)


_CONFERENCE_CUE: Final = re.compile(
    r"\b(?:Proc(?:eedings|\.)?|Conf(?:erence|\.)|Workshops?|Symp(?:osium|\.)|Meeting|Congress|"
    r"Colloquium|[Aa]dvances in [Nn]eural [Ii]nformation [Pp]rocessing|"
    rf"{'|'.join(CONFERENCE_ACRONYMS)}|Findings)\b"
    r"|^[A-Z]{3,}(?:-[A-Z]+)?\s(?:19|20)\d\d$"  # "ICANN 2011", "ECCV 2018"
)


_JOURNAL_CUE: Final = re.compile(
    rf"\b(?:{'|'.join(JOURNAL_WORDS)}|J\.|Trans\.|Lett\.|Rev\.|Ann\.|"
    r"Nature|Science|Cell|Communications of the|Commun\.|"
    r"Computational Linguistics|Neural Computation|Machine Learning|Mind)\b"
)


#: Words of a journal's or proceedings' name that no publisher's name has.
_VENUE_WORDS: Final = re.compile(r"\b(?:Data|Studies|Research|Reports|Forum|Notes|Papers|Acta)\b")


#: NLM's series in brackets after the year, with its number: "(NICE guideline [NG136])",
#: "(Technical Report Series; no. 916)".
_NLM_SERIES: Final = re.compile(
    r"\s?\((?P<series>[A-Z][^()\[\];]{1,80}?)(?:\s\[(?P<number>[\w.-]{1,20})\]"
    r"|;\s(?:[Nn]o\.\s)?(?P<no>[\w.-]{1,20}))\)\.?$"
)


_SERIES: Final = re.compile(
    r"\b(?P<series>LNCS|LNAI|LNBI|CCIS|Lecture Notes in [A-Z][\w ]{3,60}?|PMLR|"
    r"Proceedings of Machine Learning Research|JMLR W&CP|AIP Conference Proceedings)"
    r",?\s(?:vol\.?|volume)\s?(?P<number>\d{1,6})",
    re.I,
)


# Vancouver "2015;521(7553):436-44", "2015 Jan 5;12:e3", "Press; 2018".
_VANCOUVER_TAIL: Final = re.compile(
    rf"(?<![\w/.\-–:])(?P<year>{_YEAR})(?P<month>\s[A-Z][a-z]{{2,8}}\.?(?:\s\d{{1,2}})?)?"
    r";\s?(?P<volume>\d[\w.]{0,8})?(?:\s?\((?P<issue>[^()]{1,20})\))?"
    r"(?::\s?(?P<page>\w{0,10}\d\w{0,9}(?:\s?[-–]\s?\w{0,10}\d\w{0,9})?))?"
)


_ARXIV_VENUE: Final = re.compile(
    r"(?:arxiv|corr)(?:\s(?:preprint|e-prints?))?(?:\s(?:at|abs))?(?:\s\(?preprint\)?)?", re.I
)


_MONTH_AFTER_YEAR: Final = re.compile(r"\s(?P<month>[A-Z][a-z]{2,8})\.?(?:\s(?P<day>\d{1,2}))?\b")


_EMPTY_BRACKETS: Final = re.compile(r"\(\s?[,;.:]?\s?\)|\[\s?[,;.:]?\s?\]")


# ACL proceedings print the volume inside the container title ("..., Volume 1 (Long and
# Short Papers)", "... (Volume 1: Long Papers)"): that stays part of the title.
_PROCEEDINGS_VOLUME: Final = re.compile(
    r",\sVolume\s\d{1,3}\s\([^()]{1,60}\)|\s\(Volume\s\d{1,3}:\s[^()]{1,60}\)"
    r"|:\sVolume\s\d{1,3}(?:,\s(?:Long|Short|Student|Demo|System|Tutorial)[\w ]{0,40}?)?(?=,|\.|$)"
)


# Nature: "in Book (eds Orr, G. B. & Müller, K.-R.)".
_EDITORS_IN_PARENS: Final = re.compile(
    r"\s?\((?:eds?\.?|edited by|ed\. by)\s([^()]{2,400})\)$", re.I
)


_SCHOLARLY_PUBLISHER: Final = re.compile(
    r"Association for Computational Linguistics|\bACM\b|\bIEEE\b|USENIX|AAAI|PMLR|Curran|"
    r"International Joint Conferences|OpenReview|Morgan Kaufmann"
)


_IN_AFTER_COMMA: Final = re.compile(r",\s[Ii]n:\s")


_TRAILING_SOURCE: Final = re.compile(rf"\s\(([^()]{{0,200}}\b{_YEAR})\)$")


_TRAILING_EDITION: Final = re.compile(
    r",?\s(?:(\d{1,2})(?:st|nd|rd|th)|(first|second|third|fourth|fifth|sixth|seventh|eighth))"
    r"\s(?:ed\.?|edn\.?|edition)$",
    re.I,
)


# Patterns used once in the functions below, compiled here once.
_ARXIV_DOI: Final = re.compile(r"10\.48550/arxiv\.(\S+)", re.I)


_ARXIV_LABEL: Final = re.compile(r"(?:arxiv|corr)", re.I)


_ARXIV_BEFORE: Final = re.compile(r"\barxiv\W{0,3}$", re.I)


_ARXIV_WORD: Final = re.compile(r"\barxiv\b", re.I)


_EMPTY_ARXIV_PARENS: Final = re.compile(r"\s?\(\s?(?:arXiv)?\s?\)")


_NO_DATE_RE: Final = re.compile(_NO_DATE, re.I)


_PERSON_MARKS: Final = re.compile(rf"[,&.]|\sand\s|\s[{_UPPER}]{{1,3}}$")


#: A name printed given name first, initials first: "A. B. Author", "J.-M. Tarascon", with
#: particles before the family name ("J. van der Geer", "L. de Broglie").
_IEEE_NAME: Final = re.compile(
    rf"(?:[{_UPPER}][a-z]?\.\s?-?){{1,3}}\s(?:(?:{'|'.join(sorted(PARTICLES))})\s){{0,3}}[{_UPPER}]"
)


_COMMA: Final = re.compile(r",\s")


_NAME_SEPARATOR: Final = re.compile(r",\s|\sand\s|\s&\s")


#: APS/AIP journal ends: ", Journal Vol, page (year)." (the title is everything before).
_APS_TAIL: Final = re.compile(
    rf",\s(?P<source>[^,]{{2,100}}?\s[A-Z]?\d{{1,5}}[A-Z]?,\s[A-Za-z]?\d[\w–-]{{0,20}}"
    rf"\s\((?:[^()]{{0,40}}\s)?{_YEAR}\)\.?)$"
)


#: A journal's end with its year in brackets after the volume, the title before it:
#: Elsevier numbered ", Nat. Photonics 8 (2014) 506–514.", "Angew. Chem., Int. Ed. 52 (2013)
#: 1–5", "Nat. Commun. 9 (2018) 1234"; AMS ", Ann. of Math. (2) 64 (1956), 399–405."; SIAM ",
#: Math. Comp., 19 (1965), pp. 297–301.". The journal's name has no comma but before a
#: section ("Int. Ed.").
_BRACKETED_YEAR_TAIL: Final = re.compile(
    rf",\s(?P<source>[^,]{{2,100}}?(?:,\s(?:Int|Sect|Ser|Part|Pt)\.\s[^,]{{1,40}}?)?,?"
    rf"\s\d{{1,5}}[A-Z]?(?:\s?\([^()]{{1,12}}\))?\s\({_YEAR}\),?\s(?:pp?\.\s)?[A-Za-z]?\d[\w–-]{{0,20}})\.?$"
)


#: An ACS journal source, the whole of what follows the title: "Z. Phys. Chem., Stoechiom.
#: Verwandtschaftsl. 1889, 4, 226–248.", "Org. Lett. 1999, 1 (6), 953–956." (the journal is
#: all before the year, commas and all); RSC and Wiley print no title before it: "R. B.
#: Woodward and R. Hoffmann, Angew. Chem., Int. Ed. Engl., 1969, 8, 781–853.".
_ACS_SOURCE: Final = re.compile(
    rf"(?P<journal>[{_UPPER}][^;()\[\]]{{1,150}}?)\s(?P<year>{_YEAR}),\s(?P<volume>\d[\w–-]{{0,10}})"
    rf"(?:\s\((?P<issue>[^()]{{1,20}})\))?,\s(?P<page>[A-Za-z]?\d\w{{0,9}}(?:[-–][A-Za-z]?\d\w{{0,9}})?)\.?"
)


#: APS/AIP books: "Title (Publisher, Place, 2000)."
_APS_BOOK: Final = re.compile(rf"\s\((?P<source>[^()]{{2,160}},\s{_YEAR})\)\.?$")


#: A collaboration printed in brackets after the author list: "(ATLAS Collaboration), ".
_COLLABORATION: Final = re.compile(r"\([^()]{2,120}\b(?:Collaborations?|Consortium|Group)\),\s")


_ET_AL_COLLABORATION: Final = re.compile(
    r"^(?P<auth>[^()]{2,300}?\bet al\.?)\s\([^()]{2,120}\b(?:Collaborations?|Consortium|Group)\),\s"
)


_IEEE_TITLE_END: Final = re.compile(
    r",\s(?=\d{1,2}(?:st|nd|rd|th)\sed|vol\.|[A-Z][\w ]{1,30},\s[A-Z]{2}:"
    # (a book's "Vol. 1: Subtitle" inside the title is no sentence end)
    r"|[A-Z][\w ]{1,30}:\s)|(?<!\bVol)(?<!\bNo)\.\s"
)


_NEXT_INITIAL: Final = re.compile(rf"[{_UPPER}][a-z]?\.(?:\s|-|,|;|$)")


_ENDS_WITH_INITIAL: Final = re.compile(rf"(?:^|[\s.-])[{_UPPER}][a-z]?\.$")


_TRAILING_BRACKET: Final = re.compile(r"\s?\[([^\[\]]{2,200})\]$")


_TRAILING_PAREN: Final = re.compile(r"\s?\(([^()]{2,80})\)$")


#: APA's translators or editors of a whole book after its title: "(R. Nice, Trans.)",
#: "(M. Cole, V. John-Steiner, S. Scribner, & E. Souberman, Eds.)", "(J. Smith, Ed. & Trans.)".
_ROLE_PAREN: Final = re.compile(
    r"\s\((?P<names>[^()]{2,400}),\s(?P<role>Eds?\.|Trans\.|Eds?\.\s&\sTrans\.)\)$"
)


_VERSION: Final = re.compile(r"\s?\((?:Version|version|Ver\.|v)\s?(\d[\w.\-]{0,20})\)$")


_SOFTWARE: Final = re.compile(r"\b(?:software|computer program|source code|app)\b", re.I)


_VOL_WORD: Final = re.compile(r"\bVols?\.")


#: A book's volume printed at its title's end: Nature "The Feynman Lectures on Physics Vol. 1
#: (Addison-Wesley, 1963)", "Title, Vol. II" (a subtitle after it keeps it in the title).
_TRAILING_VOLUME: Final = re.compile(r",?\s(?:Vol|Bd)\.\s(\d{1,3}|[IVXLC]{1,6})$")


_TRAILING_YEAR: Final = re.compile(rf"\s\(?({_YEAR})\)?$")


_STOP: Final = re.compile(r"[.,]\s")


_PLACE_COLON: Final = re.compile(r"[A-Z][\w ]{1,40}:\s")


_MONTH_BEFORE_YEAR: Final = re.compile(r"(?:\b(?:[A-Z][a-z]{2,8})\.?\s(?:\d{1,2},\s)?)$")


_TWO_NAMES: Final = re.compile(r"[A-Z][a-z]+ (?:and|&) [A-Z][a-z]+")


_TRAILING_PARENS: Final = re.compile(r"\(([^()]{2,300})\)$")


_TRAILING_WHERE: Final = re.compile(r"\s[\[(]([^\[\]()]{2,60})[\])]$")


_CONTAINER_VOLUME: Final = re.compile(r"(.{2,300}?)\s(\d{1,5})")


_VOLUME_NUMBER: Final = re.compile(r"\d{1,5}")


_ARXIV_CONTAINER: Final = re.compile(r"(?:arxiv|corr)(?:\spreprint)?", re.I)

#: Titles longer than this probably swallowed their source (a sentence end was missed).
_LONG_TITLE: Final = 250


_EDS_LABEL: Final = re.compile(r",?\s(?:Eds?|eds?)\.,?(?=\s|$)")


_NEXT_END_IS_EXCLAMATION: Final = re.compile(r"\s[^.?!]{1,60}[?!](?:\s|$)")


_CLOSE: Final = {"(": ")", "[": "]"}


_OPEN: Final = {")": "(", "]": "["}


_ABBREVIATED_WORD: Final = re.compile(r"[A-Z][a-z]{1,8}\.")


#: A journal's section or series after a comma: "Acta Crystallogr., Sect. C: Struct. Chem.",
#: "J. R. Stat. Soc., Ser. B", "Angew. Chem., Int. Ed."
_SECTION_OF_VENUE: Final = re.compile(r"(?:Sect|Ser|Int|Pt)\.\s")


_SENTENCE_END: Final = re.compile(r"[.?!](?=\s|$)")


_SEGMENT_MARKS: Final = re.compile(r"[(\[)\].,;]")
