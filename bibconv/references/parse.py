"""One pasted reference string -> one CSL item (the ``references`` layout's core).

The parse runs in three steps, each a pure function on ``str``:

1. identifiers (DOI, arXiv id, URL, "Retrieved from", "[Online]", access dates) are cut out
   wherever they stand, because every style puts them somewhere different;
2. the head is split into authors, year and title by the first shape that fits:
   ``Authors (2020). Title.`` (APA, Harvard), ``Authors. 2020. Title.`` (ACL, Chicago
   author-date), ``Authors, "Title,"`` (IEEE, MLA, Chicago notes), ``Authors: Title.``
   (Springer LNCS) and finally ``Authors. Title.`` (Vancouver, Nature);
3. the rest (the source) gives editors, volume, issue, pages, year, edition, publisher,
   place and container by patterns that do not depend on their order.

Every regular expression is anchored or bounded (``{1,N}`` instead of ``*`` where a lazy
match is needed) and none nests a repeat inside a repeat, so any input costs a few passes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Final

from bibconv._vocab import DOI_START, MONTHS, is_proceedings_journal, venue_type
from bibconv.model import CslItem, CslName, date_parts
from bibconv.pages._text import clean_url, find_urls, fold_space, repair
from bibconv.references.names import is_initials, is_organisation, parse_names

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


# ----------------------------------------------------------------------------- entry point


def parse_reference(text: str) -> Reference:
    """One reference string (any common style) -> a CSL item and its uncertain fields."""
    text = strip_number(_repaired(text))
    fields: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    text = _cut_identifiers(text, fields)
    text, edited = _editors_as_authors(text)
    head = split_head(text)
    if head.year:
        _set_date(fields, head.year, head.date)
        fields["head_year"] = True
    if head.organisation:
        authors: list[CslName] = [{"literal": head.authors.rstrip(".")}]
    else:
        authors = parse_names(head.authors) if head.authors else []
    if head.book:
        fields["book_source"] = True
    if head.authors:
        fields["head_authors"] = head.authors.rstrip(".")
    if edited and authors:
        fields["editor"], authors = authors, []  # an edited book: its editors head it
        fields["edited_book"] = True
    if head.authors and "." not in head.authors.rstrip("."):
        fields["bare_initials"] = True  # Vancouver/AMA: journal abbreviations have no periods
    head_title, rest = _title_sentences_before_journal(head.title, head.rest)
    if not rest.strip() and "; " in head_title:
        head_title = _acs_book(head_title, fields)
    source = _strip_punct(rest)
    if "issued" not in fields and not head.no_date:
        source = _year_from_source(source, fields)
    source = _parse_source(source, fields, title=head_title)
    title = head_title
    if not title and source:
        title, source = _first_sentence(source)
    title = _title_extras(title, fields)
    if head.no_date:
        fields["nd"] = True
    if not source.strip(" .,") and ", " in title:
        title, source = _publisher_after_title(title)
    _container_and_publisher(_strip_punct(source, venue=True), fields)
    item = _build(title, authors, fields)
    _report(item, fields, problems, text)
    return Reference(item, problems)


#: Editors in the author's place: "Reitz, B., and S. Rieuwerts, eds.", "Dryer, M. S. &
#: M. Haspelmath (eds.).", "Orr, G. B. (Ed.)." (a whole edited book).
_HEAD_EDITORS: Final = re.compile(
    r"^(?P<eds>[^()\"“:]{2,600}?)(?:,\s|\s\()(?:[Ee]ds?|[Ee]ditors?|[Hh]rsg)\.?\)?(?P<end>[.,:]?\s)"
)


def _editors_as_authors(text: str) -> tuple[str, bool]:
    """The text with an editor label after the head's names taken out, and whether one
    was: the names are then parsed as the head's authors and become the editors."""
    head = text[:700]
    match = _HEAD_EDITORS.match(text) if _mentions(head, "ed.", "eds", "editor", "hrsg") else None
    if match is None or not looks_like_authors(match.group("eds")):
        return text, False
    names = match.group("eds").rstrip()
    stop = "" if names.endswith(".") else "."
    return f"{names}{stop} {text[match.end() :]}", True


#: Where an ACS or Vancouver journal ends, the year right after its name: "J. Am. Chem.
#: Soc. 1931, 53 (4), 1367–1400", "Lancet. 1974;2(7872):81-4", "BMJ. 2003 Sep 6;327:557".
_JOURNAL_YEAR_TAIL: Final = re.compile(
    rf"\s(?:{_YEAR}(?:\s[A-Z][a-z]{{2,8}}\.?(?:\s\d{{1,2}})?)?;\s?\d"
    rf"|{_YEAR},\s\d{{1,5}}(?:\s\([^()]{{1,20}}\))?,\s[\w–-]{{1,20}}\.?$)"
)
#: Lowercase words inside a journal's name ("Trends in Cognitive Sciences").
_NAME_GLUE: Final = frozenset({"of", "the", "and", "in", "for", "on", "&", "de", "der", "für"})


#: ACS books: "Title, 2nd ed.; Publisher: Place, 2012" (the publisher before its place).
_ACS_BOOK: Final = re.compile(
    rf"(?P<title>[^;]{{2,600}}?)(?:,\s(?P<edition>\d{{1,2}})(?:st|nd|rd|th)\sed\.)?"
    rf"(?:,\sRevision\s(?P<version>[\w.]{{1,20}}))?"
    rf";\s(?P<pub>[^;:]{{2,100}}):\s(?P<place>[^;:]{{2,80}}),\s(?P<year>{_YEAR})\.?"
)


def _acs_book(title: str, fields: dict[str, Any]) -> str:
    """The title of an ACS book reference, its publisher, place, edition and year taken."""
    match = _ACS_BOOK.fullmatch(title)
    if match is None:
        return title
    fields["publisher"], fields["publisher-place"] = match.group("pub"), match.group("place")
    for key in ("edition", "version"):
        if match.group(key):
            fields[key] = match.group(key)
    if "issued" not in fields:
        _set_date(fields, match.group("year"), None)
    return match.group("title")


def _title_sentences_before_journal(title: str, rest: str) -> tuple[str, str]:
    """ACS and Vancouver titles of two sentences: "Title. Second sentence. J. Am. Chem.
    Soc. 1931, 53, 1367." -> the second sentence joins the title; the journal is the run
    of capitalised or abbreviated words before its year."""
    if title.endswith(("?", "!")) and ". " in rest:
        return _subtitle_after_question(title, rest)
    tail = _JOURNAL_YEAR_TAIL.search(rest) if title and ". " in rest else None
    if tail is None:
        return title, rest
    tokens = rest[: tail.start()].split(" ")
    start = len(tokens) - 1  # the journal's last word
    while start > 0:
        previous = tokens[start - 1]
        if previous.endswith(".") and not _is_abbreviated_word(previous):
            break  # a sentence ends there: the journal starts after it
        if previous[:1].isupper() or previous in _NAME_GLUE or previous.endswith(","):
            start -= 1
            continue
        return title, rest  # a lowercase word: no journal name reaches back that far
    if start == 0:
        return title, rest
    more = " ".join(tokens[:start]).rstrip(".")
    return f"{title}. {more}", rest[len(" ".join(tokens[:start])) :].lstrip()


def _subtitle_after_question(title: str, rest: str) -> tuple[str, str]:
    """ "Where is the land of opportunity? The geography of ... States. The Quarterly
    Journal of Economics, 129(4)": a question's subtitle is a sentence of words (no
    number, no venue word) followed by the source's locators."""
    end = rest.find(". ")
    subtitle, after = rest[:end], rest[end + 2 :]
    if (
        len(subtitle.split()) < 3
        or any(ch.isdigit() for ch in subtitle)
        or _IN_PREFIX.match(subtitle)
        or _JOURNAL_CUE.search(subtitle)
        or _CONFERENCE_CUE.search(subtitle)
        or _is_abbreviation(rest, end)
        or not any(ch.isdigit() for ch in after)
    ):
        return title, rest
    return f"{title} {subtitle}", after


def _is_abbreviated_word(word: str) -> bool:
    """ "J.", "Chem.", "Int." (an initial or an ISO 4 abbreviation), not a sentence end."""
    bare = word.rstrip(".,")
    return len(bare) == 1 or bare.lower() in _VENUE_ABBREVIATIONS or bare.lower() in _ABBREVIATIONS


def _repaired(text: str) -> str:
    """:func:`repair`, without its character-by-character translation when there is
    nothing to repair: ASCII text with no tab, form feed, vertical tab or double space
    (lines from ``split_lines`` are repaired already; most references are such text)."""
    if text.isascii() and not any(mark in text for mark in ("  ", "\t", "\f", "\v")):
        return text.strip()
    return repair(text)


def strip_number(text: str) -> str:
    """The reference without its list number ("[3] ", "3. ", "(3) ")."""
    match = NUMBER_MARKER.match(text)
    return text[match.end() :].lstrip() if match else text


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


def _cut(text: str, start: int, end: int) -> str:
    """``text`` without ``text[start:end]``, and without a URL label just before it."""
    before = text[:start].rstrip()
    # A label ends the text before the identifier ("$"), so it lies in its last characters:
    # searching only those is the same cut (sub tried every position of the whole text).
    label = _URL_LABELS.search(before, max(0, len(before) - _URL_LABEL_REACH))
    if label is not None:
        before = before[: label.start()]
    before = before.rstrip()
    after = text[end:]
    if before.endswith((",", ".", ";", ":")) and after.lstrip()[:1] in {".", ",", ";", ""}:
        after = after.lstrip()[1:]
    return f"{before} {after.lstrip()}".strip()


def _clean_identifier(raw: str) -> str:
    raw = raw.rstrip(".,;:")
    while (
        raw and raw[-1] in ")]" and raw.count(raw[-1]) > raw.count("(" if raw[-1] == ")" else "[")
    ):
        raw = raw[:-1].rstrip(".,;:")
    return raw


def _cut_identifiers(text: str, fields: dict[str, Any]) -> str:
    """Take DOI, arXiv id, URL and access notes out of ``text`` into ``fields``."""
    first = text.find("10.")
    # Every DOI starts "10."; its longest label ("https://dx.doi.org/") is 19 characters
    # before that, so the search starts there (lookbehinds still see the text before).
    match = _DOI.search(text, max(0, first - 24)) if first != -1 else None
    if match is not None:
        doi = _clean_identifier(match.group(1) or match.group(2))
        fields["DOI"] = doi
        arxiv_doi = _ARXIV_DOI.match(doi)
        if arxiv_doi:
            fields["arxiv_id"] = arxiv_doi.group(1)
        text = _cut(text, match.start(), match.start() + len(match.group(0)))
    match = _ARXIV.search(text) if _mentions(text, "arxiv", "corr", "abs/") else None
    if match is not None:
        fields.setdefault("arxiv_id", match.group(1))
        if match.group(3):
            fields["arxiv_category"] = match.group(3)
        label = match.group(0)
        # "arXiv preprint arXiv:1234" names the venue; keep "arXiv" where the label stood.
        venue = "arXiv" if _ARXIV_LABEL.match(label) else ""
        before = text[: match.start()].rstrip()
        if _ARXIV_BEFORE.search(before):
            venue = ""  # "In arXiv (arXiv:1907.11692)": the venue is printed already
        after = text[match.end() :]
        if "arxiv.org" in label.lower():
            before = before.rstrip()
            # the URL itself: keep it as the URL and drop it from the text
            url_start = before.rfind("http")
            url_end = match.end()
            while url_end < len(text) and not text[url_end].isspace():
                url_end += 1
            start = (
                url_start
                if url_start != -1 and " " not in text[url_start : match.start()]
                else match.start()
            )
            fields.setdefault("URL", clean_url(text[start:url_end]))
            text = _cut(text, start, url_end)
        else:
            text = f"{before} {venue}{after}".strip() if venue else f"{before}{after}".strip()
            fields["arxiv_venue"] = bool(venue)
    for hit in find_urls(text):
        if hit.truncated or not hit.url:
            continue
        fields.setdefault("URL", hit.url)
        text = _cut(text, hit.offset, hit.offset + len(hit.raw))
        break
    if "arxiv_id" in fields or (_mentions(text, "arxiv") and _ARXIV_WORD.search(text)):
        text = _PREPRINT_WORD.sub("", text)
        text = _EMPTY_ARXIV_PARENS.sub("", text)
    if _mentions(text, "accessed", "cited", "retrieved", "viewed"):
        text = _ACCESSED.sub("", text)
    if "[" in text:
        text = _ONLINE.sub("", text)
    return fold_space(text).strip()


# ----------------------------------------------------------------------------- head


@dataclass(slots=True)
class Head:
    """Authors, year and title as the head of the reference printed them, and the rest."""

    authors: str
    year: str | None
    title: str
    rest: str
    date: str | None = None
    no_date: bool = False
    organisation: bool = False
    book: bool = False  # the source is a book's publisher part: "(Publisher, Place, 2000)"


def split_head(text: str) -> Head:
    """Cut the head into authors / year / title by the first style shape that fits."""
    for shape in (
        _paren_year_head,
        _dot_year_head,
        _quoted_head,
        _colon_head,
        _given_first_comma_head,
        _plain_head,
    ):
        head = shape(text)
        if head is not None:
            return head
    return Head("", None, "", text)


def _year_text(raw: str) -> tuple[str | None, bool]:
    if _NO_DATE_RE.fullmatch(raw):
        return None, True
    return raw, False


def _paren_year_head(text: str) -> Head | None:
    # No "(": no "(2020)" to find (the lazy pattern would step through 1,500 characters).
    match = _HEAD_PAREN_YEAR.match(text) if "(" in text else None
    if match is None:
        return None
    authors = match.group("auth").strip()
    if authors and not looks_like_authors(authors):
        colon = _HEAD_COLON.match(authors)
        if colon is not None and looks_like_authors(colon.group("auth")):
            return None  # LNCS "Author, A.: Title, (1940)": the year ends the reference
        if _ORGANISATION_COLON.match(authors) and is_organisation(authors.partition(":")[0]):
            return None  # LNCS "Python Software Foundation: Title. URL (2023)"
        if _title_before_year(authors):
            # APA with no author: the title moves to the author's place.
            year, no_date = _year_text(match.group("year"))
            rest = text[match.end() :]
            return Head("", year, _strip_punct(authors), rest, match.group("date"), no_date)
        return None
    year, no_date = _year_text(match.group("year"))
    title, rest = _title_of(text[match.end() :])
    # APA/Harvard print persons "Family, I."; an author with no comma is an organisation
    # (but "Efron B", Springer author-year, is a Vancouver name).
    organisation = bool(authors) and not _PERSON_MARKS.search(authors.rstrip("."))
    return Head(authors, year, title, rest, match.group("date"), no_date, organisation)


def _title_before_year(text: str) -> bool:
    return 8 < len(text) < 300 and ". " not in text.rstrip(".") and '"' not in text


def _dot_year_head(text: str) -> Head | None:
    match = _HEAD_DOT_YEAR.match(text)
    if match is None or not looks_like_authors(match.group("auth")):
        return None
    year, no_date = _year_text(match.group("year"))
    title, rest = _title_of(text[match.end() :])
    return Head(match.group("auth"), year, title, rest, match.group("date"), no_date)


def _quoted_head(text: str) -> Head | None:
    for quote in _OPEN_QUOTE_CHAR.finditer(text, 0, 1500):
        index, char = quote.start(), quote.group()
        if char in "'‘" and index and text[index - 1] != " ":
            continue  # an apostrophe inside a word ("O'Neil")
        authors = text[:index].strip().rstrip(",.:")
        if authors and not looks_like_authors(authors):
            return None
        title, rest = _quoted(text[index:])
        if title is None:
            return None
        return Head(authors, None, title, rest.lstrip(" ,.;:"))
    return None


def _quoted(text: str) -> tuple[str | None, str]:
    """A title in quotes at the start of ``text`` and what follows it."""
    close = _OPEN_QUOTES[text[0]]
    pos = 1
    while True:
        end = text.find(close, pos)
        if end == -1:
            return None, text
        after = text[end + 1 : end + 2]
        # An apostrophe is no closing quote: a closing quote is followed by a space or mark.
        if close not in "'’" or after in {"", " ", ",", ".", ";", ":", ")"}:
            break
        pos = end + 1
    title = text[1:end].strip()
    rest = text[end + 1 :]
    if title.endswith((",", ".")):
        title = title[:-1].rstrip()
    return title, rest


def _colon_head(text: str) -> Head | None:
    match = _HEAD_COLON.match(text)
    organisation = False
    if match is not None:
        # "Zimmerman JE. APACHE II: a severity...": the list ended at the full stop; the
        # capitals before the colon open the title.
        title_start = _TITLE_AFTER_LIST.search(match.group("auth"))
        if title_start is not None and looks_like_authors(
            match.group("auth")[: title_start.start() + 1]
        ):
            return None
    if match is None or not looks_like_authors(match.group("auth")):
        match = _ORGANISATION_COLON.match(text)
        if match is None or not is_organisation(match.group("auth")):
            return None
        organisation = True
    after = text[match.end() :]
    # Copernicus: "Title, Journal, 12, 345–367, 2020." (the DOI before the year is cut).
    copernicus = _COPERNICUS_TAIL.match(after)
    if copernicus is not None:
        title, rest = copernicus.group("title"), copernicus.group("source")
    else:
        title, rest = _title_of(after)
    return Head(match.group("auth"), None, title, rest, organisation=organisation)


def _given_first_comma_head(text: str) -> Head | None:
    """IEEE books: "T. M. Cover and J. A. Thomas, Elements of Information Theory, 2nd ed."."""
    if not _IEEE_NAME.match(text):
        return None  # IEEE names start with initials
    collaborators = _ET_AL_COLLABORATION.match(text)
    if collaborators is not None and looks_like_authors(collaborators.group("auth")):
        rest = text[collaborators.end() :]
        aps = _APS_TAIL.search(rest)
        if aps is not None:
            return Head(collaborators.group("auth"), None, rest[: aps.start()], aps.group("source"))
    end = None
    for match in _COMMA.finditer(text, 0, 1500):
        prefix = text[: match.start()]
        last = _NAME_SEPARATOR.split(prefix)[-1]
        if not _IEEE_NAME.match(last.removeprefix("and ")):
            break
        end = match.start()
    if end is None or not looks_like_authors(text[:end]):
        return None
    rest = text[end + 2 :]
    # APS: "A. Author et al. (X Collaboration), Title, Phys. Rev. Lett. 116, 061102 (2016)."
    collaboration = _COLLABORATION.match(rest)
    if collaboration is not None:
        rest = rest[collaboration.end() :]
    aps = _APS_TAIL.search(rest) if rest.endswith((")", ").")) else None
    if aps is not None:
        return Head(text[:end], None, rest[: aps.start()], aps.group("source"))
    book = _APS_BOOK.search(rest) if rest.endswith((")", ").")) else None
    if book is not None:
        return Head(text[:end], None, rest[: book.start()], book.group("source"), book=True)
    cut = _IEEE_TITLE_END.search(rest)
    if cut is None:
        return Head(text[:end], None, rest.rstrip("."), "")
    return Head(text[:end], None, rest[: cut.start()], rest[cut.end() :])


def _plain_head(text: str) -> Head | None:
    """ "Authors. Title. Source": the author list ends at the first full stop after a name."""
    group = _GROUP_AUTHOR.match(text)
    if group is not None:
        # Vancouver/AMA group authors: "GBD 2019 Diseases and Injuries Collaborators."
        title, rest = _title_of(text[group.end() :])
        return Head(group.group("auth"), None, title, rest, organisation=True)
    # In a given-name-first list ("A. Vaswani, N. Shazeer, and N. Parmar. Title.") a full
    # stop after an initial is never the list's end: the family name follows it.
    given_first = _IEEE_NAME.match(text) is not None
    for match in _SENTENCE_END.finditer(text, 0, min(len(text), 1500)):
        if text[match.start()] != ".":
            continue
        candidate = text[: match.start() + 1]
        after = text[match.end() :].lstrip()
        if not after:
            return None
        # Another initial follows ("Gomez, A. N."): the list goes on.
        if _NEXT_INITIAL.match(after) or after[:1] in "&,;":
            continue
        if after.startswith(("et al", "and ")):
            continue
        if given_first and _ENDS_WITH_INITIAL.search(candidate):
            continue
        if not looks_like_authors(candidate):
            if match.start() > 300:
                return None
            continue
        title, rest = _title_of(after)
        return Head(candidate, None, title, rest)
    return None


# The characters the scanning loops below stop at (the regex skips the rest in C).
_OPEN_QUOTE_CHAR: Final = re.compile("[" + "".join(_OPEN_QUOTES) + "]")
_SENTENCE_MARKS: Final = re.compile(r"[(\[)\],.?!]")
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


def _title_of(text: str) -> tuple[str, str]:
    """The title at the start of ``text`` (quoted or up to its sentence end), and the rest."""
    text = text.lstrip()
    if text[:1] in _OPEN_QUOTES:
        title, rest = _quoted(text)
        # '"Why should I trust you?": Explaining ...' quotes only part of the title.
        if title is not None and not rest.startswith(":"):
            return title, rest.lstrip(" ,.;:")
    return _first_sentence(text)


def _first_sentence(text: str) -> tuple[str, str]:
    """Up to the first full stop (or ? !) that ends a sentence outside brackets."""
    depth = 0
    for mark in _SENTENCE_MARKS.finditer(text):
        index, char = mark.start(), mark.group()
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char == "," and depth == 0 and _IN_AFTER_COMMA.match(text, index):
            return text[:index].strip(), text[index + 1 :].strip()  # "Title, in: Proceedings"
        elif char in ".?!" and depth == 0:
            nxt = text[index + 1 : index + 2]
            if nxt not in {"", " "}:
                continue
            if (
                char == "."
                and _is_abbreviation(text, index)
                and not _PLACE_COLON.match(text, index + 2)  # "process. New Haven: Yale"
            ):
                continue
            if char in "?!" and _NEXT_END_IS_EXCLAMATION.match(text, index + 1):
                continue  # "Attention? Attention!": the title goes on to its last mark
            keep = text[: index + (0 if char == "." else 1)]
            return _split_trailing_source(keep.strip(), text[index + 1 :].strip())
    return _split_trailing_source(text.strip().rstrip("."), "")


def _split_trailing_source(title: str, rest: str) -> tuple[str, str]:
    """Nature books: "Title 2nd edn (MIT Press, 2018)": the bracket is source, not title."""
    match = _TRAILING_SOURCE.search(title)
    if match is None:
        return title, rest
    return title[: match.start()].rstrip(), f"{match.group(1)}. {rest}".strip()


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


def _title_extras(title: str, fields: dict[str, Any]) -> str:
    """Edition "(2nd ed.)" and APA descriptions "[Doctoral dissertation, X]" after a title."""
    # Each pattern below ends at the title's end ("$"): it is only searched (which tries
    # every position) when the title's last characters can end a match.
    bracket = _TRAILING_BRACKET.search(title) if "]" in title[-2:] else None
    if bracket:
        _description(bracket.group(1), fields)
        title = title[: bracket.start()].rstrip()
    paren = _TRAILING_PAREN.search(title) if ")" in title[-2:] else None
    if paren and _REPORT.search(paren.group(1)):
        fields["report"] = True
        number = _REPORT_NUMBER.search(paren.group(1))
        if number:
            fields["number"] = number.group(1)
        return title[: paren.start()].strip()
    if paren and (_EDITION.search(paren.group(1)) or _VOL_WORD.search(paren.group(1))):
        _source_locators(paren.group(1), fields)
        fields["book_locators"] = True  # "Title (Vols. 1–3)": a book's, not a container's
        title = title[: paren.start()].rstrip()
    version = _VERSION.search(title) if ")" in title[-2:] else None
    if version:
        fields["version"] = version.group(1)  # software: "Praat (Version 6.3.10)"
        title = title[: version.start()].rstrip()
    edition = _TRAILING_EDITION.search(title) if "ed" in title[-9:].lower() else None
    if edition:
        fields.setdefault("edition", edition.group(1))
        title = title[: edition.start()]
    trailing_year = _TRAILING_YEAR.search(title) if "issued" not in fields else None
    if trailing_year:
        _set_date(fields, trailing_year.group(1), None)
        title = title[: trailing_year.start()]
    return title.strip().rstrip(",;:")


def _publisher_after_title(title: str) -> tuple[str, str]:
    """Harvard with commas only: "Title, OECD Publishing, Paris" -> title, publisher part."""
    parts = title.split(", ")
    for size in (2, 1):
        if len(parts) <= size:
            continue
        publisher = parts[-size]
        if (
            len(publisher) <= 60
            and _PUBLISHER_WORDS.search(publisher)
            and (size == 1 or _plausible_place(parts[-1]))
        ):
            return ", ".join(parts[:-size]), ", ".join(parts[-size:])
    return title, ""


def _description(text: str, fields: dict[str, Any]) -> None:
    """APA's bracketed description: "[Doctoral dissertation, University of X]"."""
    if _THESIS.search(text):
        fields["thesis"] = _THESIS.search(text).group(0)  # type: ignore[union-attr]
        _, _, school = text.partition(",")
        if school.strip():
            fields["publisher"] = school.strip()
    elif _REPORT.search(text):
        fields["report"] = True
    else:
        fields.setdefault("genre", text)
        if _SOFTWARE.search(text):
            fields["software"] = True


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


def _parse_source(source: str, fields: dict[str, Any], *, title: str) -> str:
    """Take editors, series, edition, locators and type cues out of the source."""
    in_match = _IN_PREFIX.match(source)
    if in_match:
        fields["in"] = True
        source = source[in_match.end() :]
        source = _editors(source, fields)
    else:
        source = _edited_by(source, fields)
    if "editor" not in fields:
        source = _ieee_editors(source, fields)
    source = _thesis_or_report(source, fields)
    protected = _PROCEEDINGS_VOLUME.search(source)
    if protected and fields.get("in"):
        fields["container-suffix"] = protected.group(0)
        source = f"{source[: protected.start()]}{source[protected.end() :]}"
    series = _SERIES.search(source) if _mentions(source, "vol") else None
    if series:
        fields["collection-title"] = series.group("series")
        fields["collection-number"] = series.group("number")
        source = _remove(source, series)
    return _source_locators(source, fields)


def _remove(text: str, match: re.Match[str]) -> str:
    return f"{text[: match.start()].rstrip()} {text[match.end() :].lstrip()}".strip()


def _editors(source: str, fields: dict[str, Any]) -> str:
    """Editors of the book or proceedings after "In": APA, LNCS, IEEE and Vancouver shapes."""
    match = _EDITORS_PAREN.match(source)
    if match and looks_like_authors(match.group("eds")):
        fields["editor"] = parse_names(match.group("eds"))
        return source[match.end() :]
    match = _EDITORS_IEEE.match(source)
    if match and looks_like_authors(match.group("eds")):
        fields["editor"] = parse_names(match.group("eds"))
        return f"{match.group('book')}. {source[match.end() :]}"
    match = _EDITORS_VANCOUVER.match(source)
    if match and looks_like_authors(match.group("eds")):
        fields["editor"] = parse_names(match.group("eds"))
        return match.group("rest")
    return _edited_by(source, fields)


def _ieee_editors(source: str, fields: dict[str, Any]) -> str:
    """IEEE: "in Book, vol. 1, D. E. Rumelhart and J. L. McClelland, Eds., Cambridge, MA"."""
    label = _EDS_LABEL.search(source)
    if label is None:
        return source
    before = source[: label.start()]
    # The editors are the longest run of comma-separated parts before "Eds." that reads
    # as names (at most a dozen parts are tried).
    commas = [m.end() for m in _COMMA.finditer(before)][-12:]
    for start in commas:
        names = before[start:]
        # (a lone word such as "Int" of "Angew. Chem., Int. Ed." is no editor)
        if looks_like_authors(names) and not _lone_literal(names):
            fields["editor"] = parse_names(names)
            return f"{before[:start].rstrip(' ,')}, {source[label.end() :]}".strip(" ,")
    return source


def _lone_literal(names: str) -> bool:
    parsed = parse_names(names)
    return len(parsed) == 1 and "literal" in parsed[0]


def _edited_by(source: str, fields: dict[str, Any]) -> str:
    """ "Book, edited by A. Editor and B. Editor, 1–10" (Chicago); "Ed. A. Editor." (MLA)."""
    if _mentions(source, "trans.", "translated", "übers"):
        source = _names_after(source, _TRANSLATED_BY.search(source), fields, "translator")
    gate = _mentions(source, "edited by", "ed.", "eds.", "hrsg")
    return _names_after(source, _EDITED_BY.search(source) if gate else None, fields, "editor")


def _names_after(source: str, match: re.Match[str] | None, fields: dict[str, Any], key: str) -> str:
    """The names after a label ("edited by", "Trans.") into ``fields[key]``; the source
    without the label and the names."""
    if match is None:
        return source
    after = source[match.end() :]
    end = len(after)
    for stop in _STOP.finditer(after):
        tail = after[stop.end() :]
        last_word = after[: stop.start() + 1].rsplit(" ", 1)[-1]
        if stop.group(0)[0] == "." and is_initials(last_word):
            continue
        if stop.group(0)[0] == "," and not (
            tail[:1].isdigit()
            or tail.startswith(("pp", "vol", "Vol", "no."))
            or _PUBLISHER_WORDS.match(tail)
            or _EDITION.match(tail)
            or _PLACE_COLON.match(tail)
            # MLA: "..., Alfred A. Knopf, 2007": a publisher and the year end the names
            or _PUBLISHER_THEN_YEAR.match(tail)
            or tail.startswith(("translated by", "edited by"))
        ):
            continue
        end = stop.start()
        break
    names = after[:end]
    if not looks_like_authors(names):
        return source
    fields[key] = parse_names(names)
    before, rest = source[: match.start()].rstrip(" ,."), after[end:]
    if key == "editor" and not before:
        fields["edited_book"] = True  # "Title. Edited by A. Place: X": the book's editors
    # A sentence stays a sentence: "Title. Ed. A. B. Stanford: X" -> "Title. Stanford: X".
    joint = ". " if rest.startswith(".") else ", "
    return f"{before}{joint}{rest.lstrip(' ,.')}".strip(" ,")


def _thesis_or_report(source: str, fields: dict[str, Any]) -> str:
    thesis = _THESIS.search(source) if _mentions(source, "thes", "diss") else None
    if thesis:
        fields["thesis"] = thesis.group(0)
        return _remove(source, thesis)
    report = _REPORT.search(source) if _mentions(source, "rep", "paper", "memo") else None
    if report:
        fields["report"] = True
        number = _REPORT_NUMBER.search(source)
        if number:
            fields["number"] = number.group(1).rstrip(".")
            return _remove(source, number)
        return _remove(source, report)
    return source


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


def _year_from_source(source: str, fields: dict[str, Any]) -> str:
    """The publication year printed in the source (the last plausible one)."""
    for pattern in (_ACM_TAIL, _DOTTED_VOLUME):
        tail = pattern.search(source) if "(" in source else None  # "(year)" in both
        if tail:
            # ACM prints the month: "21, 7 (July 1978)" (a word that is no month is dropped).
            _set_date(fields, tail.group("year"), tail.groupdict().get("month"))
            fields["volume"], fields["issue"] = tail.group("volume"), tail.group("issue")
            return _remove(source, tail)
    vancouver = _VANCOUVER_TAIL.search(source) if ";" in source else None
    if vancouver:
        _set_date(fields, vancouver.group("year"), vancouver.group("month"))
        for key, group in (("volume", "volume"), ("issue", "issue")):
            if vancouver.group(group):
                fields[key] = vancouver.group(group)
        if vancouver.group("page"):
            fields["page"] = _normalize_pages(vancouver.group("page"))
        return _remove(source, vancouver)
    nodate = _NO_DATE_ANYWHERE.search(source)
    if nodate:
        fields["nd"] = True
        return _remove(source, nodate)
    found = None
    for match in _YEAR_ANYWHERE.finditer(source):
        found = match
    if found is None:
        return source
    start, end = found.start(), found.end()
    volumes = _VOLUME_COUNT.match(source, end)
    if volumes is not None:  # MLA "T. Egerton, 1813. 3 vols."
        fields["number-of-volumes"] = volumes.group(1)
        source = source[:end]
    if source[end:].strip(" .") == "" and source[:start].endswith(", "):
        fields["year_last"] = True  # "..., Publisher, 1913." (MLA 9, Chicago books)
    # "2014 Dec 20", "2017 Jul": a month (and day) printed after the year.
    after = _MONTH_AFTER_YEAR.match(source, end)
    if after and after.group("month").lower() in MONTHS:
        _set_date(fields, found.group(1), after.group(0))
        end = after.end()
    else:
        _set_date(fields, found.group(1), None)
    # Take a month printed before the year ("Jun. 2016", "2015 Jan;") and brackets round it.
    before = source[:start]
    month = _MONTH_BEFORE_YEAR.search(before)
    if month and month.group(0).split()[0].rstrip(".").lower() in MONTHS:
        start = month.start()
        if not (after and after.group("month").lower() in MONTHS):
            _set_date(fields, found.group(1), month.group(0))  # IEEE "Jun. 2016"
    if source[start - 1 : start] == "(" and source[end : end + 1] == ")":
        start, end = start - 1, end + 1
    return f"{source[:start].rstrip()} {source[end:].lstrip()}".strip()


# ----------------------------------------------------------------------------- container


def _segments(text: str) -> list[str]:
    """The source cut at full stops, commas and semicolons outside brackets."""
    parts: list[str] = []
    depth = 0
    start = 0
    for mark in _SEGMENT_MARKS.finditer(text):
        index, char = mark.start(), mark.group()
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char in ".,;" and depth == 0 and text[index + 1 : index + 2] in {" ", ""}:
            if char == "." and _is_abbreviation(text, index, venue=True):
                continue
            parts.append(text[start:index].strip())
            start = index + 1
    parts.append(text[start:].strip())
    return _merge_list_commas([_strip_unbalanced(p) for p in parts if _strip_unbalanced(p)])


def _merge_list_commas(parts: list[str]) -> list[str]:
    """Commas that are inside one name, not between parts of the source.

    "Fairness", "Accountability", "and Transparency" (an Oxford-comma list in a title);
    "Holt", "Rinehart and Winston" (a publisher); "Proc. IEEE Int. Conf. Acoust.", "Speech
    Signal Process." (an abbreviated venue goes on after an abbreviation's comma).
    """
    merged: list[str] = []
    for part in parts:
        if merged and _continues(merged[-1], part):
            merged[-1] = f"{merged[-1]}, {part}"
        else:
            merged.append(part)
    # "X, Y, and Z": a single word between the head and "and Z" belongs with them.
    out: list[str] = []
    for part in merged:
        if part.startswith("and ") and len(out) >= 2 and " " not in out[-1]:
            tail = out.pop()
            out[-1] = f"{out[-1]}, {tail}, {part}"
        elif part.startswith("and ") and out:
            out[-1] = f"{out[-1]}, {part}"
        else:
            out.append(part)
    return out


def _continues(previous: str, part: str) -> bool:
    if not part[:1].isupper():
        return False
    if previous.count(".") >= 2 and _ABBREVIATED_WORD.fullmatch(part):
        return True  # "IEEE Trans. Syst., Man" + "Cybern.": the venue goes on
    if previous.endswith(".") and _is_abbreviation(previous, len(previous) - 1):
        return previous.count(".") >= 2  # "Proc. IEEE Int. Conf. Acoust." + "Speech ..."
    words = previous.split(" ")
    return len(words) == 1 and bool(_TWO_NAMES.fullmatch(part))


def _strip_unbalanced(text: str) -> str:
    """Spaces and brackets at the ends that have no partner inside."""
    text = text.strip()
    while text and text[0] in "([" and text.count(text[0]) > text.count(_CLOSE[text[0]]):
        text = text[1:].strip()
    while text and text[-1] in ")]" and text.count(text[-1]) > text.count(_OPEN[text[-1]]):
        text = text[:-1].strip()
    return text


def _container_and_publisher(source: str, fields: dict[str, Any]) -> None:
    """What is left: container title, publisher and place, in any order the styles use."""
    source = _strip_punct(_EMPTY_BRACKETS.sub("", source), venue=True)
    # Nature: "Deep Learning (MIT Press, Cambridge, MA, 2016)", "in Proc. X 1-10 (ACL, City, 2018)".
    trailing = _TRAILING_PARENS.search(source)
    if trailing and _PUBLISHER_WORDS.search(trailing.group(1)):
        source = f"{source[: trailing.start()].rstrip(' ,.')}. {trailing.group(1).strip(' ,')}"
        source = source.strip(" .")
    wants_container = bool(
        fields.get("in")
        or (fields.get("editor") and not fields.get("edited_book"))
        or (
            any(key in fields for key in ("volume", "issue", "page"))
            and not fields.get("book_locators")
        )
    )
    place_pub = _place_and_publisher(source, wants_container=wants_container)
    if place_pub is not None:
        fields.setdefault("publisher-place", place_pub.group("place").strip())
        fields.setdefault("publisher", place_pub.group("pub").strip())
        source = _remove(source, place_pub)
    segments = _merge_company_suffixes(_segments(source))
    if segments and "issued" in fields and _YEAR_RE.fullmatch(segments[0]):
        # MLA "Title. 1961. Chicago: UP, 1983.": the first edition's year, not a venue.
        fields["original-date"] = date_parts(int(segments.pop(0)[:4]))
    if not segments:
        return
    first = segments[0]
    venue_named = bool(
        _CONFERENCE_CUE.search(first)
        or _JOURNAL_CUE.search(first)
        or _mentions(first, "conference", "proceedings", "workshop", "symposium", "journal")
    )
    if (
        (
            not wants_container
            and _PUBLISHER_WORDS.search(first)
            and not _CONFERENCE_CUE.search(first)
            and not _JOURNAL_CUE.match(first)
        )
        # MLA 9 "Title. Grasset, 1913.": a name and the year, no locator: the publisher.
        # A book's edition and then a name: "3rd ed. Lippincott Williams & Wilkins; 2008."
        or (not wants_container and "edition" in fields and len(segments) <= 3)
        # The author publishes it: "World Bank. (2020). Title. World Bank."
        or (not wants_container and first == fields.get("head_authors"))
        or (
            not wants_container
            # APA "(1885). Title. Duncker & Humblot." (with a DOI it may be an article
            # published online first, with a URL a site's name: those keep their venue)
            and (
                fields.get("year_last")
                or (fields.get("head_year") and "DOI" not in fields and "URL" not in fields)
            )
            # (ACM books add the place: "CreateSpace, Scotts Valley, CA.")
            and (len(segments) == 1 or _only_a_place(segments[1:]))
            and not venue_named
            and not _VENUE_WORDS.search(first)
            and not _ARXIV_CONTAINER.fullmatch(first)
        )
        or ((fields.get("thesis") or fields.get("report")) and not fields.get("in"))
        or fields.get("book_source")
    ):
        container = None
    else:
        container = first
        segments = segments[1:]
    # "J Mach Learn Res." (NLM abbreviations have no periods): the period is punctuation;
    # "Neural Comput." (ISO 4, two words) keeps it.
    if (
        container
        and container.endswith(".")
        and "." not in container[:-1]
        and (
            fields.get("bare_initials")
            or len(container.split()) > 2
            or not _is_abbreviation(container, len(container) - 1)
        )
    ):
        container = container[:-1]
    if container:
        editors = _EDITORS_IN_PARENS.search(container)
        if editors and looks_like_authors(editors.group(1)):
            fields["editor"] = parse_names(editors.group(1))
            container = container[: editors.start()].rstrip()
        where = _TRAILING_WHERE.search(container)
        if (
            where
            and "," in where.group(1)
            and _plausible_place(where.group(1))
            and _is_capitalised(where.group(1))
        ):
            fields.setdefault("publisher-place", where.group(1))
            container = container[: where.start()].rstrip()
    if container and "volume" not in fields:
        # Nature "Nature 521, 436–444"; Chicago "Nature 521, no. 7553"; LNCS "Nature. 521".
        bare = _CONTAINER_VOLUME.fullmatch(container)
        if bare and not _YEAR_RE.fullmatch(bare.group(2)):
            container, fields["volume"] = bare.group(1), bare.group(2)
        elif segments and _VOLUME_NUMBER.fullmatch(segments[0]):
            fields["volume"] = segments.pop(0)
    # An article number where the pages go: "Phys. Rev. Lett. 116, 061102", "Sci. Data,
    # 7, 109", "Science, 349(6251), aac4716".
    if (
        container
        and "page" not in fields
        and "volume" in fields
        and segments
        and _ARTICLE_ID.fullmatch(segments[0])
        and not _YEAR_RE.fullmatch(segments[0])
    ):
        fields["page"] = segments.pop(0)
    if container:
        fields["container-title"] = container + fields.pop("container-suffix", "")
    _publisher_segments(segments, fields)


def _place_and_publisher(source: str, *, wants_container: bool) -> re.Match[str] | None:
    """The first "Place: Publisher" that reads as one (each start tried once: linear)."""
    for match in _PLACE_START.finditer(source):
        found = _PLACE_PUBLISHER.match(source, match.start())
        if found is None:
            continue
        # "In Neural Networks: Tricks of the Trade, ..." is a container, not a place
        # (but IEEE books print "vol. 1, 3rd ed. Reading, MA, USA: Addison-Wesley").
        pub = found.group("pub")
        if (
            wants_container
            and found.start() == 0
            and not (_PUBLISHER_WORDS.search(pub) and len(pub) <= 40 and "," not in pub)
        ):
            continue
        if _plausible_place(found.group("place")) and (
            _PUBLISHER_WORDS.search(found.group("pub")) or found.group("end") in {";", ""}
        ):
            return found
    return None


def _merge_company_suffixes(segments: list[str]) -> list[str]:
    """ "Curran Associates", "Inc" -> "Curran Associates, Inc." (a comma inside a name)."""
    merged: list[str] = []
    for segment in segments:
        if merged and segment.rstrip(".") in {"Inc", "Ltd", "LLC", "Co", "GmbH", "S.A", "Pty"}:
            merged[-1] = f"{merged[-1]}, {segment.rstrip('.')}."
        else:
            merged.append(segment)
    return merged


def _is_capitalised(text: str) -> bool:
    return all(word[:1].isupper() for word in text.replace(",", " ").split())


def _only_a_place(segments: list[str]) -> bool:
    """ "Scotts Valley", "CA": a place, with no number and no publisher's name in it."""
    joined = ", ".join(segments)
    return (
        not any(ch.isdigit() for ch in joined)
        and not _PUBLISHER_WORDS.search(joined)
        and _plausible_place(joined)
    )


def _plausible_place(place: str) -> bool:
    words = place.replace(",", " ").split()
    return 1 <= len(words) <= 5 and not _CONFERENCE_CUE.search(place)


def _publisher_segments(segments: list[str], fields: dict[str, Any]) -> None:
    """Publisher and place from the segments after the container."""
    publisher_index = None
    for index, segment in enumerate(segments):
        if _PUBLISHER_WORDS.search(segment) or (
            (fields.get("thesis") or fields.get("report")) and _UNIVERSITY.search(segment)
        ):
            publisher_index = index
            break
    if publisher_index is None:
        if segments and "publisher" not in fields and not fields.get("container-title"):
            # A book with an unknown publisher name: "Title. Mouton, The Hague (1957)".
            fields["publisher"] = segments[0]
            segments = segments[1:]
        if segments and "publisher-place" not in fields and not fields.get("thesis"):
            place = _place_of(segments)
            if place:
                fields["publisher-place"] = place
        return
    fields.setdefault("publisher", segments[publisher_index])
    before = segments[:publisher_index]
    after = segments[publisher_index + 1 :]
    # ACL prints "pages 1–10, City, State. Publisher."; LNCS "Publisher, City (2020)".
    places = before if before else after
    if places and "publisher-place" not in fields:
        place = _place_of(places)
        if place:
            fields["publisher-place"] = place


def _place_of(segments: list[str]) -> str | None:
    """ "Minneapolis", "MN", "USA" -> "Minneapolis, MN, USA" (up to three capitalised parts)."""
    parts: list[str] = []
    for segment in segments[:3]:
        if (
            not _is_capitalised(segment)
            or len(segment.split()) > 3
            or any(c.isdigit() for c in segment)
        ):
            break
        parts.append(segment)
    place = ", ".join(parts)
    return place if parts and _plausible_place(place) else None


# ----------------------------------------------------------------------------- item


def _is_journal_named_proceedings(container: str, fields: dict[str, Any]) -> bool:
    """ "Proc. IEEE", "Proceedings of the National Academy of Sciences" are journals; so is
    any "Proceedings" printed with both a volume and an issue (conferences have no issues)."""
    if is_proceedings_journal(container):
        return True
    return "volume" in fields and "issue" in fields and not fields.get("in")


def _item_type(fields: dict[str, Any], container: str | None) -> str:
    if fields.get("thesis"):
        return "thesis"
    if fields.get("report"):
        return "report"
    if fields.get("software") or ("version" in fields and not container):
        return "software"
    arxiv = "arxiv_id" in fields
    if (arxiv and not container) or container == "arXiv":
        return "article"
    if container:
        if _is_journal_named_proceedings(container, fields):
            return "article-journal"
        if fields.get("editor") and not _CONFERENCE_CUE.search(container):
            return "chapter"
        kind = venue_type(container)
        if kind not in (None, "article"):
            return kind
        if _CONFERENCE_CUE.search(container) or _SCHOLARLY_PUBLISHER.search(
            str(fields.get("publisher", ""))
        ):
            return "paper-conference"
        if fields.get("in"):
            return (
                "chapter" if fields.get("editor") or fields.get("publisher") else "paper-conference"
            )
        located = any(key in fields for key in ("volume", "issue", "page", "DOI"))
        if fields.get("URL") and not located and not _JOURNAL_CUE.search(container):
            return "webpage"  # "Andrej Karpathy blog. https://..."
        return "article-journal"
    if fields.get("publisher") or fields.get("edition"):
        return "book"
    if fields.get("URL"):
        return "webpage"
    return "article"


def _container(fields: dict[str, Any]) -> str | None:
    container = fields.get("container-title")
    if container and _ARXIV_VENUE.fullmatch(container.strip(" ,.;:")):
        return "arXiv"
    if "arxiv_id" in fields and not container:
        return "arXiv"  # an arXiv-only item (CONVENTIONS)
    if container and _ARXIV_CONTAINER.fullmatch(container):
        return "arXiv"
    return container


def _build(title: str, authors: list[CslName], fields: dict[str, Any]) -> CslItem:
    container = _container(fields)
    item: CslItem = {"id": "", "type": _item_type(fields, container)}
    if title:
        item["title"] = fold_space(title)
    if authors:
        item["author"] = authors
    for role in ("editor", "translator"):
        if fields.get(role):
            item[role] = fields[role]
    for date in ("issued", "original-date"):
        if date in fields:
            item[date] = fields[date]
    if container:
        item["container-title"] = container
    for key in ("collection-title", "collection-number", "volume", "issue", "page", "number",
                "edition", "version", "number-of-volumes", "publisher", "publisher-place",
                "genre", "DOI", "URL"):  # fmt: skip
        value = fields.get(key)
        if value:
            item[key] = value
    if fields.get("thesis"):
        item["genre"] = fields["thesis"]
    custom: dict[str, Any] = {}
    if "arxiv_id" in fields:
        custom["arxiv_id"] = fields["arxiv_id"]
    if "arxiv_category" in fields:
        custom["arxiv_category"] = fields["arxiv_category"]
    if custom:
        item["custom"] = custom
    return item


def _report(
    item: CslItem, fields: dict[str, Any], problems: list[tuple[str, str]], text: str
) -> None:
    if "issued" not in item and not fields.get("nd"):
        problems.append(("page.ref-no-year", "no year found"))
    if not item.get("title"):
        problems.append(("page.ref-no-title", "no title found"))
    if "author" not in item and "editor" not in item:
        problems.append(("page.ref-no-author", "no authors found"))
    if len(item.get("title", "")) > _LONG_TITLE:
        problems.append(
            ("page.ref-long-title", "title unusually long; its source may be inside it")
        )
    sources = ("container-title", "publisher", "URL", "DOI", "custom")
    if item.get("title") and not any(key in item for key in sources):
        problems.append(
            (
                "page.ref-no-source",
                f"no venue, publisher or identifier found; type guessed as {item['type']!r}",
            )
        )
    del text
