"""The patterns a printed reference is read with: list numbers, years, DOIs, arXiv ids, URL
labels, volume/issue/page tails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Final

from bibconv._vocab import DOI_START, MONTHS
from bibconv.model import CslItem, date_parts
from bibconv.pages._text import fold_space
from bibconv.references.names import parse_names

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


_HEAD_DOT_YEAR: Final = re.compile(
    rf"^(?P<auth>.{{1,1500}}?)[.,]\s(?P<year>{_YEAR}|{_NO_DATE})"
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


_ORGANISATION_COLON: Final = re.compile(
    rf"^(?P<auth>[{_UPPER}][\w’'&-]{{1,40}}(?:\s(?:[{_UPPER}][\w’'&-]{{0,40}}|for|of|and|the|&)){{0,7}}):\s"
)


#: The end of a Copernicus reference after its title: journal, volume, page or article
#: number, perhaps more, then the year ("Geosci. Model Dev., 9, 1937–1958, 2016.").
_COPERNICUS_TAIL: Final = re.compile(
    rf"^(?P<title>[^\n]{{4,800}}?),\s(?P<source>[^,]{{2,120}},\s\d{{1,5}}(?:\s?\(\d{{1,4}}\))?,"
    rf"\s[A-Za-z]{{0,3}}\d[\w–-]{{0,20}},(?:\s[^,]{{1,60}},)?\s{_YEAR}\.?)$"
)


_OPEN_QUOTES: Final = {'"': '"', "“": "”", "‘": "’", "'": "'", "„": "“", "«": "»"}

_EDITION: Final = re.compile(
    r"\(?\b(\d{1,2})(?:st|nd|rd|th)\.?\s?(?:ed\.?|edn\.?|edition)(?=[\s,.;)]|$)\)?"
    r"|\b(?:(First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth)|(Revised|Rev\.))\s(?:ed\.?|edn\.?|edition)",
    re.I,
)


_ORDINALS: Final = {
    "first": "1", "second": "2", "third": "3", "fourth": "4",
    "fifth": "5", "sixth": "6", "seventh": "7", "eighth": "8",
}  # fmt: skip


_THESIS: Final = re.compile(
    r"\b(?:(Ph\.?\s?D\.?|Doctoral|Doctor'?s|Master'?s|M\.?\s?Sc\.?|MA|MS|Bachelor'?s|Diploma)"
    r"\s(?:thesis|dissertation|diss(?=\.))|Dissertation|Thesis)\b\.?",
    re.I,
)


_REPORT: Final = re.compile(
    r"\b(?:Tech(?:nical)?\.?\s?Rep(?:ort)?s?\.?|Research\sReport|Working\sPaper|White\sPaper"
    r"|(?:AI\s)?Memo(?:randum)?(?![a-z])(?:\sNo\.?)?|\bPaper(?=\s[A-Z]{1,4}-\d)"
    r"|Report(?:\sNo\.?)?)",
    re.I,
)


_REPORT_NUMBER: Final = re.compile(
    r"\b(?:Tech(?:nical)?\.?\s?Rep(?:ort)?\.?|Report|Paper|No\.|Number)\s(?:No\.?\s)?"
    r"([A-Z]{0,10}[-\w/.]{0,20}\d[-\w/]{0,20})",
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
    r"(?:,|\.)?\s?\b(?:edited by|ed\. by)\s|,\sed\.\s"
    # MLA and German lists: a sentence "Ed. A. Editor." / "Eds. A and B." / "Hrsg. v. A."
    r"|(?:^|(?<=\.\s))(?:Eds?|Hrsg)\.(?:\s(?:v|von)\.?)?\s",
    re.I,
)


#: A translator sentence or clause: "Trans. Andreas Knop." / ", translated by A. B.".
_TRANSLATED_BY: Final = re.compile(
    r"(?:,|\.)?\s?\b(?:translated by|trans\. by)\s|(?:^|(?<=\.\s))(?:Trans|Übers)\.\s", re.I
)

_PAGES_LABELLED: Final = re.compile(
    r"\b(?:pp?|pages?|S)\.?\s?(\d[\w]{0,9}(?:\s?[-–—‐]{1,2}\s?[\w]{0,10}\d[\w]{0,9})?)"
)


_PAGES_AFTER_COLON: Final = re.compile(
    r":\s?(\d[\w]{0,9}\s?[-–—‐]{1,2}\s?[\w]{0,10}\d[\w]{0,9}|\d{1,7})\b"
)


_PAGES_BARE: Final = re.compile(r"(?<![\w(./:-])(\d{1,7})\s?[-–—‐]{1,2}\s?(\d{1,7})(?![\w)/:-])")


#: An article number printed as the page: "061102", "e1000097", "D05127", "aac4716".
_ARTICLE_ID: Final = re.compile(r"[A-Za-z]{0,4}\d{1,9}")


_ARTICLE_NUMBER: Final = re.compile(r"\b(?:Article|Art\.)\s(?:No\.\s)?(\w{1,12})", re.I)


_VOL_LABELLED: Final = re.compile(
    r"\b(?:vols?|volumes?|Bd)\.?\s?(\d[\w.\-]{0,10}(?:\s?[–-]\s?\d{1,4})?|[IVXLC]{1,8}\b)", re.I
)


_ISSUE_LABELLED: Final = re.compile(
    r"\b(?:no|nr|issue|iss|num|number)\.?\s?(\d[\w\-/]{0,10})", re.I
)


_VOL_ISSUE: Final = re.compile(
    r"(?<![\w.\-])(\d{1,5})\s?\((\d{1,5}(?:\s?[-–/]\s?\d{1,5})?|[A-Z][a-z]{2,8}|S\d{1,3})\)"
)


_YEAR_ANYWHERE: Final = re.compile(rf"(?<![\w/.\-–:])({_YEAR})(?![\w/\-–])")


_NO_DATE_ANYWHERE: Final = re.compile(r"\(?\bn\.\s?d\.\)?", re.I)


_PLACE_PUBLISHER: Final = re.compile(
    # "Leipzig und Wien: Franz Deuticke", "Haarlem: H. D. Tjeenk Willink" (initials in it)
    r"(?:^|(?<=[.,;]\s))(?P<place>[A-Z][\w'’.\-]{1,20}"
    r"(?:\s(?:[A-Z(][\w'’.\-()]{1,20}|und|and|et|y|&)){0,3}"
    r"(?:,\s[A-Z][\w.\- ]{1,30}){0,2}):\s"
    r"(?P<pub>(?:[^:;.]|(?<=Univ)\.|(?<=Publ)\.|(?<=Assoc)\.|(?<=Inc)\.(?=,)"
    r"|(?<=\b[A-Z])\.(?=\s[A-Z]))"
    r"{2,120})(?P<end>[;.]|$)"
)


# Where a place may start: the beginning, or after ". ", ", ", "; ".
_VOLUME_COUNT: Final = re.compile(r"\.?\s(\d{1,3})\svols?\.?$")


_PUBLISHER_THEN_YEAR: Final = re.compile(rf"[^,]{{2,60}},\s{_YEAR}\b")


_PLACE_START: Final = re.compile(r"(?:^|(?<=[.,;]\s))[A-Z]")


_PUBLISHER_WORDS: Final = re.compile(
    r"\b(?:Press|Univ|JMLR|Publish\w*|Publications?|Springer|Wiley|Elsevier|Pearson|Prentice|Addison|"
    r"O'Reilly|O’Reilly|Routledge|Sage|Academic|Kluwer|Curran|Morgan|Cambridge University|"
    r"Oxford University|MIT|Verlag|Books|Norton|Macmillan|Penguin|Mouton|Holt|Wiley-\w+|"
    r"McGraw|Association for|ACM|IEEE|USENIX|AAAI|PMLR|Taylor|Francis|CRC|Chapman|"
    r"Bloomsbury|Blackwell|Harper|Random House|Basic|Knopf|Little|Simon|Schuster|Dover|"
    r"Institute|Foundation|Society|Inc\.?|Ltd\.?|Co\.|Company|University|Media|Group|"
    r"UP|U\sof)\b"  # MLA: "Princeton UP", "U of Chicago P"
)


_UNIVERSITY: Final = re.compile(
    r"\b(?:University|Universit\w+|Univ(?=\.)|Institute|College|School|ETH|EPFL|MIT|Polytechnic|"
    r"Laboratory|Lab|Labs|Center|Centre|InfoLab|Research|Corporation|Inc)\b"
)


_CONFERENCE_CUE: Final = re.compile(
    r"\b(?:Proc(?:eedings|\.)?|Conf(?:erence|\.)|Workshops?|Symp(?:osium|\.)|Meeting|Congress|"
    r"Colloquium|[Aa]dvances in [Nn]eural [Ii]nformation [Pp]rocessing|"
    r"NeurIPS|NIPS|ICML|ICLR|ACL|EMNLP|NAACL|EACL|COLING|LREC|CoNLL|AAAI|IJCAI|CVPR|ICCV|ECCV|KDD|SIGIR|SIGKDD|SIGMOD|VLDB|"
    r"OSDI|SOSP|NSDI|CHI|UIST|WWW|MICCAI|INTERSPEECH|ICASSP|Findings)\b"
    r"|^[A-Z]{3,}(?:-[A-Z]+)?\s(?:19|20)\d\d$"  # "ICANN 2011", "ECCV 2018"
)


_JOURNAL_CUE: Final = re.compile(
    r"\b(?:Journal|J\.|Transactions|Trans\.|Letters|Lett\.|Review|Rev\.|Annals|Ann\.|"
    r"Magazine|Quarterly|Bulletin|Nature|Science|Cell|Communications of the|Commun\.|"
    r"Computational Linguistics|Neural Computation|Machine Learning|Mind)\b"
)


#: Words of a journal's or proceedings' name that no publisher's name has.
_VENUE_WORDS: Final = re.compile(r"\b(?:Data|Studies|Research|Reports|Forum|Notes|Papers|Acta)\b")


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


# ACM: "Journal 41, 6 (1990), 391–407"; Google Scholar MLA: "Journal 2.1–2 (2008): 1-135".
_ACM_TAIL: Final = re.compile(
    rf"(?<![\w.])(?P<volume>\d{{1,5}}),\s(?P<issue>\d{{1,5}})(?:,\sArticle\s(?P<article>\w{{1,12}}))?\s"
    rf"\((?:(?P<month>[A-Z][a-z]{{2,8}})\.?\s)?(?P<year>{_YEAR})\)"
    # ACM counts an article's pages: "Article 19 (Dec. 2015), 19 pages"
    r"(?:,\s\d{1,4}\spages)?"
    # With no month it is ACM only when pages follow: Nature ends "Quantum 2, 79 (2018)".
    rf"(?(month)|(?=,\s[A-Za-z]?\d))"
)


_DOTTED_VOLUME: Final = re.compile(
    rf"(?<![\w.])(?P<volume>\d{{1,4}})\.(?P<issue>\d{{1,4}}(?:[-–]\d{{1,4}})?)\s\((?P<year>{_YEAR})\)"
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


# A full stop after a lowercase word (not "et al." or "Jr."): the end of a sentence.
_SENTENCE_INSIDE: Final = re.compile(r"(?<!\bet al)(?<!\bJr)(?<!\bSr)(?<=[a-z]{2})\.\s")


_IN_AFTER_COMMA: Final = re.compile(r",\s[Ii]n:\s")


_TRAILING_SOURCE: Final = re.compile(rf"\s\(([^()]{{0,200}}\b{_YEAR})\)$")


_TRAILING_EDITION: Final = re.compile(
    r",?\s(\d{1,2})(?:st|nd|rd|th)\s(?:ed\.?|edn\.?|edition)$", re.I
)


# Patterns used once in the functions below, compiled here once.
_ARXIV_DOI: Final = re.compile(r"10\.48550/arxiv\.(\S+)", re.I)


_ARXIV_LABEL: Final = re.compile(r"(?:arxiv|corr)", re.I)


_ARXIV_BEFORE: Final = re.compile(r"\barxiv\W{0,3}$", re.I)


_ARXIV_WORD: Final = re.compile(r"\barxiv\b", re.I)


_EMPTY_ARXIV_PARENS: Final = re.compile(r"\s?\(\s?(?:arXiv)?\s?\)")


_NO_DATE_RE: Final = re.compile(_NO_DATE, re.I)


_PERSON_MARKS: Final = re.compile(rf"[,&.]|\sand\s|\s[{_UPPER}]{{1,3}}$")


_IEEE_NAME: Final = re.compile(rf"(?:[{_UPPER}][a-z]?\.\s?-?){{1,3}}\s[{_UPPER}]")


_COMMA: Final = re.compile(r",\s")


_NAME_SEPARATOR: Final = re.compile(r",\s|\sand\s|\s&\s")


#: APS/AIP journal ends: ", Journal Vol, page (year)." (the title is everything before).
_APS_TAIL: Final = re.compile(
    rf",\s(?P<source>[^,]{{2,100}}?\s[A-Z]?\d{{1,5}}[A-Z]?,\s[A-Za-z]?\d[\w–-]{{0,20}}"
    rf"\s\((?:[^()]{{0,40}}\s)?{_YEAR}\)\.?)$"
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
    r"|[A-Z][\w ]{1,30}:\s)|\.\s"
)


_NEXT_INITIAL: Final = re.compile(rf"[{_UPPER}][a-z]?\.(?:\s|-|,|;|$)")


_ENDS_WITH_INITIAL: Final = re.compile(rf"(?:^|[\s.-])[{_UPPER}][a-z]?\.$")


_TRAILING_BRACKET: Final = re.compile(r"\s?\[([^\[\]]{2,200})\]$")


_TRAILING_PAREN: Final = re.compile(r"\s?\(([^()]{2,80})\)$")


_VERSION: Final = re.compile(r"\s?\((?:Version|version|Ver\.|v)\s?(\d[\w.\-]{0,20})\)$")


_SOFTWARE: Final = re.compile(r"\b(?:software|computer program|source code|app)\b", re.I)


_VOL_WORD: Final = re.compile(r"\bVols?\.")


_TRAILING_YEAR: Final = re.compile(rf"\s\(?({_YEAR})\)?$")


_STOP: Final = re.compile(r"[.,]\s")


_PLACE_COLON: Final = re.compile(r"[A-Z][\w ]{1,40}:\s")


_PAGE_DASH: Final = re.compile(r"\s?[-–—‐]{1,2}\s?")


_YEAR_RE: Final = re.compile(_YEAR)


_MONTH_BEFORE_YEAR: Final = re.compile(r"(?:\b(?:[A-Z][a-z]{2,8})\.?\s(?:\d{1,2},\s)?)$")


_TWO_NAMES: Final = re.compile(r"[A-Z][a-z]+ and [A-Z][a-z]+")


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


_NEXT_ABBREVIATION: Final = re.compile(r"\s([A-Z][a-z]{0,8})\.")


_SENTENCE_END: Final = re.compile(r"[.?!](?=\s|$)")


# Abbreviations whose period does not end a title ("vs.", "Vol.", "e.g.", "U.S.").
_ABBREVIATIONS: Final = frozenset(
    [
        "vs",
        "etc",
        "al",
        "eg",
        "ie",
        "cf",
        "vol",
        "no",
        "pp",
        "ed",
        "eds",
        "st",
        "dr",
        "mr",
        "mrs",
        "ms",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "fig",
        "approx",
    ]
)


# Truncated words of abbreviated venue names (ISO 4 style, as IEEE and Vancouver print
# them): "Proc. IEEE Conf. Comput. Vis. Pattern Recognit." is one venue, not five sentences.
_VENUE_ABBREVIATIONS: Final = frozenset(
    [
        "proc",
        "conf",
        "int",
        "intl",
        "comput",
        "vis",
        "recognit",
        "trans",
        "assoc",
        "linguist",
        "annu",
        "meet",
        "mach",
        "learn",
        "res",
        "inf",
        "syst",
        "symp",
        "lett",
        "rev",
        "phys",
        "natl",
        "acad",
        "sci",
        "eng",
        "electron",
        "commun",
        "med",
        "biol",
        "chem",
        "math",
        "stat",
        "soc",
        "am",
        "appl",
        "theor",
        "artif",
        "intell",
        "netw",
        "lang",
        "technol",
        "softw",
        "knowl",
        "manag",
        "robot",
        "autom",
        "acoust",
        "graph",
        "interact",
        "hum",
        "secur",
        "oper",
        "adv",
        "sel",
        "mol",
        "genet",
        "j",
        "jpn",
        "eur",
        "dept",
        "univ",
        "lab",
        "process",
        *[
            "bull",
            "biophys",
            "psychol",
            "neurosci",
            "physiol",
            "anal",
            "ann",
            "arch",
            "behav",
            "bioinform",
            "biomed",
            "clin",
            "cogn",
            "des",
            "dev",
            "ecol",
            "econ",
            "educ",
            "environ",
            "exp",
            "geophys",
            "hist",
            "ind",
            "inform",
            "instrum",
            "mater",
            "mech",
            "microbiol",
            "nucl",
            "opt",
            "optim",
            "pharmacol",
            "philos",
            "polit",
            "psychiatr",
            "quant",
            "rep",
            "sociol",
            "stud",
            "surg",
            "zool",
            "nat",
            "comp",
        ],
        # More ISO 4 (LTWA) word abbreviations, from geosciences, physics, medicine and the
        # humanities; none is an English word that ends a sentence.
        *[
            "tech",
            "roy",
            "meteor",
            "meteorol",
            "geosci",
            "atmos",
            "oceanogr",
            "clim",
            "hydrol",
            "glaciol",
            "astron",
            "astrophys",
            "geol",
            "geogr",
            "planet",
            "spectrosc",
            "crystallogr",
            "catal",
            "polym",
            "inorg",
            "biochem",
            "immunol",
            "endocrinol",
            "cardiol",
            "oncol",
            "neurol",
            "radiol",
            "pediatr",
            "epidemiol",
            "infect",
            "nutr",
            "gastroenterol",
            "dermatol",
            "ophthalmol",
            "obstet",
            "gynecol",
            "respir",
            "anesth",
            "ling",
            "philol",
            "anthropol",
            "archaeol",
            "relig",
            "theol",
            "financ",
            "ser",
            "suppl",
            "lect",
            "adm",
            "agric",
            "bot",
            "entomol",
            "vet",
            "photon",
            "electrochem",
            "condens",
            "cosmol",
            "thermodyn",
            "hydrodyn",
            "magn",
            "nanotechnol",
            "mod",
            "org",
            "angew",
            "struct",
            "cybern",
            "sect",
        ],
    ]
)


#: Venue abbreviations that are English words too: in a title they end a sentence
#: ("Der Process. Die Schmiede", "... judicial process. New Haven").
_ENGLISH_WORDS: Final = frozenset({"process", "mod", "learn", "bull", "arch", "comp"})


@dataclass(slots=True)
class Reference:
    """A reference parsed, before ids: the item and the problems met (code, message)."""

    item: CslItem
    problems: list[tuple[str, str]] = field(default_factory=list)


# ----------------------------------------------------------------------------- identifiers

# Letters that re.IGNORECASE matches to ASCII letters but str.lower() does not lower to them.
_CASE_FOLD_ODDITIES: Final = ("İ", "ı", "ſ", "K")


def _mentions(text: str, *words: str) -> bool:
    """False only if no ``word`` can be in ``text`` in any case: then a slow case-blind
    pattern that needs one of them is not run (a substring test is ten times cheaper)."""
    lowered = _lowered(text)
    if lowered is None:
        return True
    for word in words:  # noqa: SIM110 (a generator in any() costs more than these tests)
        if word in lowered:
            return True
    return False


# A reference's text (and each stage of its source) is asked about a dozen times: lower it
# once (a str caches its hash, so the lookup is cheap).
@lru_cache(maxsize=64)
def _lowered(text: str) -> str | None:
    """``text`` lowered; None when it holds a letter case-blind patterns fold differently."""
    if not text.isascii() and any(odd in text for odd in _CASE_FOLD_ODDITIES):
        return None  # (isascii is a flag lookup; the oddities are rare)
    return text.lower()


_SEGMENT_MARKS: Final = re.compile(r"[(\[)\].,;]")

# Marks and ASCII digits that never stand in a list of names.
_NOT_IN_NAMES: Final = re.compile(r'["“”?!:()\[\]0-9]')


# Heads try the same candidate author list in several shapes (and editors twice).
@lru_cache(maxsize=2048)
def looks_like_authors(text: str) -> bool:
    """True if ``text`` reads as a list of personal or organisational names."""
    text = text.strip().rstrip(",")
    if (
        not text
        or len(text) > 1500
        or _NOT_IN_NAMES.search(text)
        # ASCII text has no digits but 0-9; other text may ("²"), checked one by one.
        or (not text.isascii() and any(ch.isdigit() for ch in text))
    ):
        return False
    if _SENTENCE_INSIDE.search(text[:-1]):
        return False  # "Deep Learning. Cambridge": a sentence ended inside, not a name list
    names = parse_names(text)
    if not names:
        return False
    people = [n for n in names if "literal" not in n]
    if len(names) > 1 and any("given" not in n for n in people):
        return False  # in a list every person has a given name or initials
    for name in names:
        literal = name.get("literal")
        if literal is not None:
            if literal != "others" and (len(literal.split()) > 6 or not literal[:1].isupper()):
                return False
            continue
        family = name.get("family", "")
        if not family or len(family.split()) > 3 or len(family.rstrip(".")) < 2:
            return False
        if not family[:1].isupper() and not family.split(" ")[-1][:1].isupper():
            return False
        given = name.get("given", "")
        if given and len(given.split()) > 3:
            return False
        if given and not given[:1].isupper():
            return False
    return True


def _is_abbreviation(text: str, index: int, *, venue: bool = False) -> bool:
    start = index
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    word = text[start:index]
    lowered = word.lower()
    if lowered in _ABBREVIATIONS or (
        lowered in _VENUE_ABBREVIATIONS and (venue or lowered not in _ENGLISH_WORDS)
    ):
        return True
    # A single capital ("U.S.", "Part A.") is an initial only inside a run of them, or
    # when it opens an abbreviated venue ("Q. J. Roy. Meteor. Soc.") or follows an
    # abbreviation or initial ("Proc. R. Soc. A", "W. H. Freeman").
    if len(word) != 1:
        # In a source (not a title), a run of abbreviated words is one venue.
        return venue and _inside_abbreviated_run(text, start, index, word)
    if start == 0:
        return text[index + 1 : index + 3].strip()[:1].isupper()
    if text[start - 1] == ".":
        return True
    if text[start - 2 : start] != ". ":
        return False
    before = text[: start - 2]
    previous = before[before.rfind(" ") + 1 :]
    return len(previous) == 1 or previous.lower() in _VENUE_ABBREVIATIONS


def _inside_abbreviated_run(text: str, start: int, index: int, word: str) -> bool:
    """A short capitalised word with a period between two ISO 4 abbreviations' company:
    "ACM Trans. Program. Lang. Syst.", "Monatsh. Math. Phys.", "Mol. Biol. Evol."."""
    if not (word[:1].isupper() and 2 <= len(word) <= 9 and word.isalpha()):
        return False
    before = text[: max(0, start - 1)]
    previous = before[before.rfind(" ") + 1 :]
    if previous.endswith(".") and previous[:-1].lower() in _VENUE_ABBREVIATIONS:
        return True
    following = _NEXT_ABBREVIATION.match(text, index + 1)
    return following is not None and following.group(1).lower() in _VENUE_ABBREVIATIONS


# ----------------------------------------------------------------------------- source


def _strip_punct(text: str, *, venue: bool = False) -> str:
    """Separators off both ends, except the period of an abbreviation ("Neural Comput.")."""
    text = text.lstrip(" ,.;:")
    while True:
        text = text.rstrip(" ,;:")
        if text.endswith(".") and not _is_abbreviation(text, len(text) - 1, venue=venue):
            text = text[:-1]
            continue
        return text


def _remove(text: str, match: re.Match[str]) -> str:
    return f"{text[: match.start()].rstrip()} {text[match.end() :].lstrip()}".strip()


def _normalize_pages(raw: str) -> str:
    """ "436–44" -> "436-444"; en and em dashes and "--" become one hyphen."""
    parts = _PAGE_DASH.split(raw.strip())
    if len(parts) != 2:
        return raw.strip()
    first, last = parts
    if first.isdigit() and last.isdigit() and len(last) < len(first) and int(last) > 0:
        last = first[: len(first) - len(last)] + last
    return f"{first}-{last}"


def _source_locators(source: str, fields: dict[str, Any]) -> str:
    """Volume, issue, pages and edition wherever the style puts them; returns the rest."""
    for pattern, key in ((_EDITION, "edition"),):
        match = pattern.search(source) if _mentions(source, "ed") else None
        if match and key not in fields:
            number = match.group(1) or _ORDINALS.get((match.group(2) or "").lower())
            # "Rev. ed." is spelled out as "Revised ed." is.
            fields[key] = number or ("Revised" if match.group(3) else "")
            source = _remove(source, match)
    for pattern in (_ACM_TAIL, _DOTTED_VOLUME):
        tail = pattern.search(source) if "(" in source else None  # "(year)" in both
        if tail and "volume" not in fields:
            fields["volume"], fields["issue"] = tail.group("volume"), tail.group("issue")
            if tail.groupdict().get("article"):
                fields["number"] = tail.group("article")
            month = tail.groupdict().get("month")
            if month and _year_of(fields) == int(tail.group("year")[:4]):
                _set_date(fields, tail.group("year"), month)  # ACM: "16, 2 (May 1998)"
            source = _remove(source, tail)
    match = _PAGES_LABELLED.search(source)
    if match and "page" not in fields:
        fields["page"] = _normalize_pages(match.group(1))
        source = _remove(source, match)
    match = _VOL_LABELLED.search(source) if _mentions(source, "vol", "bd") else None
    if match and "volume" not in fields:
        fields["volume"] = _PAGE_DASH.sub("-", match.group(1).rstrip("."))
        source = _remove(source, match)
    match = _ISSUE_LABELLED.search(source) if _mentions(source, "no", "nr", "iss", "num") else None
    if match and "issue" not in fields:
        fields["issue"] = match.group(1)
        source = _remove(source, match)
    match = _VOL_ISSUE.search(source) if "(" in source else None
    if (
        match
        and "volume" not in fields
        and not _YEAR_RE.fullmatch(match.group(1))
        and not _YEAR_RE.fullmatch(match.group(2))
    ):
        fields["volume"], fields["issue"] = match.group(1), match.group(2)
        source = source[: match.start()] + " " + source[match.end() :]
    if "page" not in fields:
        match = (_PAGES_AFTER_COLON.search(source) if ":" in source else None) or (
            _PAGES_BARE.search(source) if _has_dash(source) else None
        )
        if match:
            fields["page"] = _normalize_pages(match.group(0).lstrip(": "))
            source = source[: match.start()] + " " + source[match.end() :]
    match = _ARTICLE_NUMBER.search(source) if _mentions(source, "art") else None
    if match and "number" not in fields:
        fields["number"] = match.group(1)
        source = _remove(source, match)
    return fold_space(source)


def _has_dash(text: str) -> bool:
    """A page range needs one of :data:`_PAGES_BARE`'s dashes."""
    return "-" in text or "–" in text or "—" in text or "‐" in text


def _year_of(fields: dict[str, Any]) -> int | None:
    issued = fields.get("issued")
    parts = issued.get("date-parts") if issued else None
    return int(parts[0][0]) if parts and parts[0] else None


def _set_date(fields: dict[str, Any], year: str, date: str | None) -> None:
    number = int(year[:4])
    month = day = None
    if date:
        words = date.replace(",", " ").split()
        for word in words:
            if word.rstrip(".").lower() in MONTHS:
                month = MONTHS[word.rstrip(".").lower()]
            elif word.isdigit() and 1 <= int(word) <= 31:
                day = int(word)
    fields["issued"] = date_parts(number, month, day if month else None)
    if len(year) > 4:
        fields["year-suffix"] = year[4:]
