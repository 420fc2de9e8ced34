"""Sources stage: outlets, wire agencies, documents and people cited as the origin of information.

Output: ``article.sources``, a list of :class:`~newsgraph.model.SourceCitation` in text order.

Representation (one record per citation *occurrence*; the same span is reported once):

* ``kind="agency"``: a wire agency from the lexicon (Reuters, AP, AFP, Bloomberg, Xinhua,
  TASS, dpa, EFE, ANSA, Kyodo, PTI, UPI, …); ``outlet`` is the canonical name
  ("Associated Press" for "AP" / "the Associated Press").
* ``kind="outlet"``: a media outlet: from the lexicon (canonical name), or an ORG entity
  that looks like media (ends in Times/Post/News/…), or, after a reporting cue such as
  "first reported by", any non-government organisation (leading "the" dropped).
* ``kind="person"``: a PERSON entity cited as a source ("according to Smith").
* ``kind="document"``: a document, with ``outlet`` a readable label: the document phrase as
  written without its determiner ("court filings", "statement", "report by the health
  ministry", "statement from the Kremlin", "documents reviewed by The Washington Post").
  When the issuer is the subject instead ("Pfizer said in a statement", "In a statement, the
  ministry said") the label is "statement by Pfizer" / "statement by the ministry". A report
  *by a media outlet* ("a report by Politico") is cited as that outlet, not as a document;
  documents *obtained/reviewed by* an outlet give both the document and the outlet.

``start``/``end`` index :attr:`Article.text` and cover the cited name as written (for
documents: the document phrase, e.g. "court filings" or "report by the health ministry").
``cue`` is the linking phrase as written ("according to", "first reported by", "told",
"reported", "show"), or ``"dateline"`` for "WASHINGTON (Reuters) -".

Government bodies ("according to the Pentagon") and non-media organisations outside
document/reporting patterns are not emitted: they are speakers, left to the quotes stage.
Everything is regex and dictionary lookups over the text plus the parser's entities; no
extra model. The verbs of speech in those regexes ("said in a statement", "said to the BBC",
"court filings show", "spoke to CNN") come from the cue lexicon shared with the quotes stage
(:mod:`.quote_cues`), compiled once per lexicon; ``find_sources(..., lexicon=...)`` takes another.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Iterable, Optional

from ..model import SourceCitation, SourceKind
from .base import Work, doc_text, register_stage
from .quote_cues import LEXICON, CueLexicon
from .resolve import RESOLVER_KEY

# -- lexicon ------------------------------------------------------------------------------
# canonical name -> surface forms (case-sensitive; "the"/"The" is optional in the text)
AGENCIES: dict[str, tuple[str, ...]] = {
    "Reuters": ("Reuters", "Thomson Reuters"),
    "Associated Press": ("Associated Press", "AP"),
    "Agence France-Presse": ("Agence France-Presse", "Agence France Presse", "AFP"),
    "Bloomberg": ("Bloomberg News", "Bloomberg"),
    "Xinhua": ("Xinhua News Agency", "Xinhua"),
    "TASS": ("TASS", "Tass", "ITAR-TASS"),
    "dpa": ("Deutsche Presse-Agentur", "dpa", "DPA"),
    "EFE": ("EFE",),
    "ANSA": ("ANSA",),
    "Kyodo": ("Kyodo News", "Kyodo"),
    "Press Trust of India": ("Press Trust of India", "PTI"),
    "United Press International": ("United Press International", "UPI"),
    "Interfax": ("Interfax",),
    "Yonhap": ("Yonhap News Agency", "Yonhap"),
    "RIA Novosti": ("RIA Novosti", "RIA"),
    "Anadolu Agency": ("Anadolu Agency", "Anadolu"),
    "Asian News International": ("Asian News International", "ANI"),
}

OUTLETS: dict[str, tuple[str, ...]] = {
    "Axios": ("Axios",),
    "BBC": ("BBC News", "BBC"),
    "CNN": ("CNN",),
    "Politico": ("Politico", "POLITICO"),
    "The New York Times": ("New York Times", "NYT"),
    "The Washington Post": ("Washington Post",),
    "The Wall Street Journal": ("Wall Street Journal", "WSJ"),
    "Financial Times": ("Financial Times", "FT"),
    "The Guardian": ("Guardian",),
    "The Times": ("Times of London",),
    "The Telegraph": ("Daily Telegraph", "Telegraph"),
    "The Economist": ("Economist",),
    "The Independent": ("Independent",),
    "Daily Mail": ("Daily Mail", "Mail Online", "MailOnline"),
    "The Atlantic": ("Atlantic",),
    "The New Yorker": ("New Yorker",),
    "The Hill": ("The Hill",),
    "The Intercept": ("The Intercept",),
    "Fox News": ("Fox News",),
    "NBC News": ("NBC News", "NBC"),
    "CBS News": ("CBS News", "CBS"),
    "ABC News": ("ABC News", "ABC"),
    "MSNBC": ("MSNBC",),
    "CNBC": ("CNBC",),
    "NPR": ("NPR", "National Public Radio"),
    "PBS": ("PBS",),
    "Al Jazeera": ("Al Jazeera",),
    "Sky News": ("Sky News",),
    "USA Today": ("USA Today", "USA TODAY"),
    "Los Angeles Times": ("Los Angeles Times", "LA Times"),
    "Chicago Tribune": ("Chicago Tribune",),
    "The Boston Globe": ("Boston Globe",),
    "Newsweek": ("Newsweek",),
    "Time": ("Time magazine", "TIME magazine"),
    "HuffPost": ("HuffPost", "Huffington Post"),
    "BuzzFeed News": ("BuzzFeed News", "BuzzFeed"),
    "Breitbart News": ("Breitbart News", "Breitbart"),
    "Vox": ("Vox",),
    "Vice News": ("Vice News",),
    "ProPublica": ("ProPublica",),
    "Semafor": ("Semafor",),
    "Punchbowl News": ("Punchbowl News",),
    "The Daily Beast": ("Daily Beast",),
    "Der Spiegel": ("Der Spiegel", "Spiegel"),
    "Le Monde": ("Le Monde",),
    "Haaretz": ("Haaretz",),
    "The Times of Israel": ("Times of Israel",),
    "The Jerusalem Post": ("Jerusalem Post",),
    "South China Morning Post": ("South China Morning Post", "SCMP"),
    "The Times of India": ("Times of India",),
    "Deutsche Welle": ("Deutsche Welle", "DW"),
    "France 24": ("France 24",),
    "Euronews": ("Euronews",),
    "Kyiv Independent": ("Kyiv Independent",),
    "Nikkei": ("Nikkei Asia", "Nikkei"),
    "The Sun": ("The Sun",),
    "Daily Mirror": ("Daily Mirror",),
    "Variety": ("Variety",),
    "The Hollywood Reporter": ("Hollywood Reporter",),
    "TMZ": ("TMZ",),
    "People": ("People magazine",),
    "Western Journalism": ("Western Journalism",),
}

MEDIA_SUFFIXES = frozenset(
    "Times Post News Journal Gazette Herald Tribune TV Radio Daily Magazine Press Wire Network "
    "Channel Television Broadcasting Chronicle Observer Telegraph Guardian Independent Mail "
    "Mirror Express Standard Globe Star Sun Examiner Inquirer Courier Bulletin Monitor Dispatch "
    "Register Reporter Beacon Sentinel Review Weekly Today Online Newspaper Newswire".split()
)
MEDIA_WORDS = frozenset("News TV Radio Television Broadcasting Newspaper Magazine".split())
GOVERNMENT_WORDS = frozenset(
    "Ministry Department Government Police Court Congress Senate House Parliament Council "
    "Commission Office Administration Army Navy Military Pentagon Kremlin Agency Bureau "
    "Authority Cabinet Assembly Committee Embassy Service Services Forces Guard Prosecutor "
    "Prosecutors Presidency Secretariat Directorate Command Ministry's Treasury Mission "
    "Party Campaign".split()
)
GOVERNMENT_ACRONYMS = frozenset(
    "FBI CIA NSA EPA DOJ DHS IDF UN NATO EU ICE CDC FDA IRS SEC FCC NASA WHO IMF GOP DNC RNC".split()
)

DOC_NOUN = (
    r"(?:court\s+papers|press\s+releases?|news\s+releases?|filings?|documents?|records?|data|"
    r"e-?mails?|memos?|memorand(?:um|a)|letters?|reports?|stud(?:y|ies)|surveys?|polls?|"
    r"statements?|transcripts?|minutes|figures|statistics|estimates?|analys[ie]s|audits?|indictments?|"
    r"complaints?|lawsuits?|affidavits?|cables?|tallies|tally|census|assessments?|tax\s+returns)"
)
_DOC_NOUN_SUBJECT = DOC_NOUN.replace("figures|", "")  # "Republican figures said" are people
_DET = r"(?:(?i:a|an|the|its|his|her|their|our|these|those|this|that|new|recent|latest|two|three|several|multiple)\s+)"
_MOD = r"(?:[a-z][a-z-]*\s+)"  # lower-case modifiers: "court", "internal", "government"

_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|late|earlier)"

# cue classes
STRONG, REPORTING, MEDIA_ONLY, REPORT = "strong", "reporting", "media", "report"

_CUES_BEFORE: list[tuple[str, str]] = [
    # (regex for the cue, class); the source name follows the cue
    (r"according\s+to", STRONG),
    (r"citing", STRONG),
    (r"(?:(?:first|initially|originally|previously|earlier|exclusively|also)\s+)?reported\s+(?:by|in|on\s+by)", REPORTING),
    (r"(?:first|initially|originally)\s+(?:shared|published|revealed|broken)\s+by", REPORTING),
    (r"(?:a|an|the)\s+(?:\w+\s+)?report\s+(?:by|from|in)", REPORT),
    (r"(?:shared|published|revealed|broken|cited|quoted|obtained|seen|reviewed|aired|broadcast)\s+by", MEDIA_ONLY),
    (r"reporting\s+(?:by|from)", MEDIA_ONLY),  # not "Reporting by <reporter>" credit lines
    (r"(?:published|appeared|wrote|writing|written)\s+in", MEDIA_ONLY),
    (r"op-ed\s+(?:in|for)", MEDIA_ONLY),
    (r"told", MEDIA_ONLY),
    ("{said}\\s+to", MEDIA_ONLY),  # "said to the BBC": verbs with the lexicon's "outlet" frame
    ("{talk}\\s+(?:to|with)", MEDIA_ONLY),  # "spoke to the BBC": speech verbs with the "talk" frame
    (r"(?:an?\s+)?(?:exclusive\s+|recent\s+|televised\s+|phone\s+|telephone\s+|separate\s+)?interviews?\s+with", MEDIA_ONLY),
    (r"(?:statement|comments?|remarks)\s+to", MEDIA_ONLY),
]

# "<Name> reported", "<Name> first reported", "<Name> has learned"
_CUE_AFTER_RE = re.compile(
    r"(?:'s)?\s*,?\s*(?P<cue>(?:(?:first|previously|earlier|initially|also|exclusively|has|had|have|was\s+first\s+to|"
    r"on\s+" + _WEEKDAY + r"|" + _WEEKDAY + r")\s+)*"
    r"(?:reported|reports|report|learned|revealed|broke\s+the\s+news|cited|quoted))\b"
)
# "a Reuters tally", "an AP analysis", "Reuters' reporting"
_NOUN_AFTER_RE = re.compile(
    r"(?:'s?)?(?:/\w+)?\s+(?P<cue>report|reporting|investigation|analysis|tally|count|review|poll|survey|interview|story|article|exclusive)\b"
)

_DOC_AT_RE = re.compile(
    r"(?P<det>" + _DET + r"*)(?P<body>" + _MOD + r"{0,2}" + DOC_NOUN + r")(?![\w-])"
    r"(?P<rel>\s+(?:(?:issued|released|published|obtained|reviewed|seen|filed|prepared|compiled|posted|sent)\s+)?"
    r"(?P<prep>by|from|in)\s+)?",
)
_DOC_SUBJECT_TEMPLATE = (
    r"\b(?P<det>(?:the|these|those|new|recent)\s+)?(?P<body>(?:court|police|public|financial|internal|leaked|"
    r"bank|tax|flight|government|official|census|polling|federal|state|campaign|company|hospital|medical|"
    r"military|intelligence|published|unsealed|newly|released|preliminary|official)\s+(?:[a-z]+\s+)?"
    + DOC_NOUN + r"|" + _DOC_NOUN_SUBJECT + r")"
    r"(?P<rel>\s+(?:obtained|reviewed|seen|released|published|filed)\s+by\s+(?P<by>[^,.;:\"“”]{1,60}?))?"
    r"\s+(?:(?:also|now|further|previously|clearly|have|has|had)\s+)?(?P<cue>{evidence})\b"
)
_IN_DOC_RE = re.compile(
    r"\b(?P<cue>in|via|through)\s+(?P<det>(?:a|an|the|its|his|her|their|this|that)\s+|(?=court\s))"
    r"(?P<body>(?:(?:joint|written|brief|short|separate|emailed|prepared|later|official|new|recent|"
    r"lengthy|public|open|court|annual|weekly|final|internal)\s+)*(?:statement|press\s+release|news\s+release|"
    r"filing|memo|letter|e-?mail|report|tweet|blog\s+post|post|affidavit|court\s+filing|complaint|lawsuit))(?![\w-])"
    r"(?P<rel>\s+(?:(?:issued|released|published|posted|sent)\s+)?(?:by|from)\s+)?",
    re.IGNORECASE,
)
_SAID_BEFORE_TEMPLATE = (
    r"\s*,?\s*{said}"
    r"(?:\s+(?:on\s+)?" + _WEEKDAY + r"(?:\s+(?:morning|afternoon|evening|night))?)?\s*\Z"
)
_CAP_SUBJECT = (  # "Pfizer", "The Health Ministry", "Moreno's office" + said
    r"(?<![\w'’-])((?:[A-Z][\w&'.-]*[ \t\u00a0]+){0,3}(?:[A-Z][\w&.-]*['’]s(?:[ \t\u00a0]+[a-z][\w-]*){1,2}"
    r"|[A-Z][\w&'.-]*))"  # never across a line break
)
_DATELINE_RE = re.compile(r"\(\s*(?P<name>[A-Z][\w .&-]{0,40}?)\s*\)\s*(?:[-–—]|$)", re.MULTILINE)
_ISSUER_FALLBACK_RE = re.compile(
    r"(?:the\s+)?(?:[\w'&.-]+\s+){0,3}?(?:ministry|department|agency|office|commission|committee|court|"
    r"government|council|institute|university|bank|fund|organi[sz]ation|group|company|police|authority|"
    r"board|service|center|centre|foundation|administration|bureau|secretariat)\b",
    re.IGNORECASE,
)
_CAP_RUN_RE = re.compile(r"(?:[Tt]he )?[A-Z][\w&'-]*(?: (?:of |de )?[A-Z][\w&'-]*){0,4}")
_NOT_NAMES = frozenset(
    "January February March April May June July August September October November December Monday Tuesday "
    "Wednesday Thursday Friday Saturday Sunday The A An He She It They We I This That".split()
)
_THE_RE = re.compile(r"^(?:[Tt]he\s+)")
_WS_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class _Patterns:
    """The regexes that depend on the cue lexicon's speech verbs."""

    cue_before: re.Pattern[str]
    doc_subject: re.Pattern[str]
    speech_verb: re.Pattern[str]
    said_before: re.Pattern[str]
    cap_subject: re.Pattern[str]
    subject_after: re.Pattern[str]


@functools.cache
def _patterns(lex: CueLexicon) -> _Patterns:
    """Compile the lexicon-dependent regexes once per lexicon."""
    finite = lex.forms(lex.statement, ing=False)
    said = "(?:" + "|".join(re.escape(w) for w in finite) + ")"
    said_to = "(?:" + "|".join(re.escape(w) for w in lex.forms(lex.to_outlet, ing=False)) + ")"
    talk = "(?:" + "|".join(re.escape(w) for w in lex.forms(lex.talk & (lex.speech | lex.stance))) + ")"
    cues = [(rx.replace("{said}", said_to).replace("{talk}", talk), cls) for rx, cls in _CUES_BEFORE]
    said_before = _SAID_BEFORE_TEMPLATE.replace("{said}", said)
    return _Patterns(
        cue_before=re.compile(r"\b(?:" + "|".join(f"(?P<c{i}>{rx})" for i, (rx, _) in enumerate(cues)) + r")\s+",
                              re.IGNORECASE),
        doc_subject=re.compile(_DOC_SUBJECT_TEMPLATE.replace("{evidence}", lex.pattern(lex.evidence, ing=False)),
                               re.IGNORECASE),
        # "said in a statement", "In a letter, she wrote": any form of a verb of the "stmt" frame
        speech_verb=re.compile(r"\b(?:according|" + lex.pattern(lex.statement)[3:] + r"\b",
                               re.IGNORECASE),
        said_before=re.compile(said_before),
        cap_subject=re.compile(_CAP_SUBJECT + said_before),
        subject_after=re.compile(_SUBJECT_AFTER_TEMPLATE.replace("{said}", said)),
    )


def _build_lexicon() -> tuple[re.Pattern[str], dict[str, tuple[str, SourceKind]]]:
    forms: dict[str, tuple[str, SourceKind]] = {}
    kinds: tuple[tuple[SourceKind, dict[str, tuple[str, ...]]], ...] = (("agency", AGENCIES), ("outlet", OUTLETS))
    for kind, table in kinds:
        for canon, surfaces in table.items():
            for s in (canon, *surfaces):
                forms.setdefault(s, (canon, kind))
    names = sorted(forms, key=len, reverse=True)
    alternatives = "|".join(re.escape(n) for n in names)
    rx = re.compile(r"(?:[Tt]he\s+)?(?P<name>" + alternatives + r")(?![\w-])")
    return rx, forms


_LEX_AT_RE, _LEX_FORMS = _build_lexicon()
_LEX_ANY_RE = re.compile(r"(?<![\w-])" + _LEX_AT_RE.pattern.replace("(?P<name>", "(?:"))


@dataclass(frozen=True)
class _Name:
    start: int
    end: int
    outlet: str
    kind: SourceKind


def looks_like_media(name: str) -> bool:
    """True for organisation names that read like a newspaper, broadcaster or news site."""
    words = name.replace("'s", "").split()
    if not words:
        return False
    return words[-1] in MEDIA_SUFFIXES or any(w in MEDIA_WORDS for w in words)


def looks_like_government(name: str) -> bool:
    """True for ministries, departments, courts, police, armies and the usual acronyms."""
    words = name.split()
    return any(w in GOVERNMENT_WORDS or w.rstrip("'s") in GOVERNMENT_ACRONYMS for w in words) or (
        name.strip() in ("White House", "the White House")
    )


def _strip_the(text: str) -> str:
    return _THE_RE.sub("", text)


class _Finder:
    """Everything needed to find names at a position of one article's text."""

    def __init__(self, text: str, ents: Iterable[tuple[int, int, str]], pats: _Patterns) -> None:
        self.text = text
        self.pats = pats
        self.ents: dict[int, tuple[int, str]] = {}
        self.ent_ends: dict[int, int] = {}
        for s, e, label in ents:
            if s not in self.ents or e > self.ents[s][0]:
                self.ents[s] = (e, label)
            self.ent_ends[e] = s

    def lexicon_at(self, pos: int) -> Optional[_Name]:
        m = _LEX_AT_RE.match(self.text, pos)
        if not m:
            return None
        canon, kind = _LEX_FORMS[m.group("name")]
        # "the AP" and "AP" alone; but not "Bloomberg" when an entity says PERSON "Michael Bloomberg"
        return _Name(m.start("name"), m.end("name"), canon, kind)

    def entity_at(self, pos: int) -> Optional[tuple[int, int, str]]:
        for p in (pos, pos + 4 if self.text.startswith(("the ", "The "), pos) else -1):
            if p >= 0 and p in self.ents:
                e, label = self.ents[p]
                s = p
                if self.text.startswith(("the ", "The "), s):
                    s += 4
                return s, e, label
        return None

    def name_at(self, pos: int, cls: str) -> Optional[_Name]:
        """The outlet/agency/person cited at ``pos`` for a cue of class ``cls``."""
        lex = self.lexicon_at(pos)
        ent = self.entity_at(pos)
        if lex and not (ent and ent[1] > lex.end and ent[2] == "ORG" and looks_like_media(self.text[ent[0]:ent[1]])):
            return lex
        if ent:
            s, e, label = ent
            name = self.text[s:e].rstrip(".,;:'’")
            e = s + len(name)
            if label == "PERSON":
                return None if cls == MEDIA_ONLY else _Name(s, e, name, "person")
            if label in ("ORG", "WORK_OF_ART", "PRODUCT", "NORP", "FAC"):
                if looks_like_media(name):
                    return _Name(s, e, name, "outlet")
                if label == "ORG" and cls == REPORTING and not looks_like_government(name):
                    return _Name(s, e, name, "outlet")
            return None
        if cls == REPORTING:
            m = _CAP_RUN_RE.match(self.text, pos)
            if m:
                name = _strip_the(m.group(0))
                first = name.split()[0] if name.split() else ""
                if first not in _NOT_NAMES and not looks_like_government(name) and len(name) > 1:
                    return _Name(m.end() - len(name), m.end(), name, "outlet")
        return None

    def issuer_at(self, pos: int) -> Optional[tuple[int, int]]:
        """Span of the organisation/person issuing a document ("by the health ministry")."""
        lex = self.lexicon_at(pos)
        if lex:
            return pos, lex.end
        ent = self.entity_at(pos)
        ends = [ent[1]] if ent and ent[2] in ("ORG", "PERSON", "GPE", "NORP", "FAC") else []
        m = _ISSUER_FALLBACK_RE.match(self.text, pos)  # "the Indian government", "the health ministry"
        if m:
            ends.append(m.end())
        if not ends:
            m = _CAP_RUN_RE.match(self.text, pos)
            if m:
                ends.append(m.end())
        return (pos, max(ends)) if ends else None

    def document_at(self, pos: int, body_start: Optional[int] = None) -> list[_Name]:
        """Citations for a document phrase at ``pos`` ("a report by the health ministry",
        "court filings", "documents reviewed by the Post"). A report/story *by a media outlet*
        is just that outlet's reporting: only the outlet is returned."""
        m = _DOC_AT_RE.match(self.text, pos)
        if not m:
            return []
        start, end = (m.start("body") if body_start is None else body_start), m.end("body")
        extra: list[_Name] = []
        if m.group("rel"):
            outlet = self.name_at(m.end("rel"), MEDIA_ONLY)
            by = self.issuer_at(m.end("rel")) if m.group("prep") != "in" or outlet else None
            if by:
                head = _REPORT_HEAD_RE.search(self.text, start, m.end("body"))
                if outlet is not None and head is not None:
                    return [outlet]
                end = by[1]
                if outlet is not None:
                    extra.append(outlet)
        return [_Name(start, end, _label(self.text[start:end]), "document"), *extra]


_REPORT_HEAD_RE = re.compile(r"\b(?:report|reports|reporting|story|stories|article|articles)\s*\Z")


def _label(phrase: str) -> str:
    """Readable document label: the phrase as written, whitespace collapsed."""
    return _WS_RE.sub(" ", phrase.strip())


def find_sources(text: str, ents: Iterable[tuple[int, int, str]] = (),
                 lexicon: CueLexicon = LEXICON) -> list[SourceCitation]:
    """Source citations in ``text``; ``ents`` are (start, end, label) entity spans over it;
    ``lexicon`` gives the verbs of speech ("said in a statement", "said to the BBC")."""
    pats = _patterns(lexicon)
    f = _Finder(text, ents, pats)
    found: dict[tuple[int, int], SourceCitation] = {}
    name: Optional[_Name]

    def add(name: Optional[_Name], cue: Optional[str]) -> None:
        if name is None or name.end <= name.start:
            return
        key = (name.start, name.end)
        if key not in found:
            found[key] = SourceCitation(outlet=name.outlet, kind=name.kind, cue=cue, start=name.start, end=name.end)

    # 1. cue before the name: "according to X", "told the BBC", "first reported by Axios"
    for m in pats.cue_before.finditer(text):
        cls = next(_CUES_BEFORE[int(k[1:])][1] for k, v in m.groupdict().items() if v is not None)
        cue = _WS_RE.sub(" ", text[m.start():m.end()].strip())
        pos = m.end()
        if cls == REPORT:  # "a report by X": X's reporting (media) or a document by X
            names = f.document_at(m.start())
            if names and (names[0].kind != "document" or " " in names[0].outlet):  # issuer found
                for name in names:
                    add(name, cue if name.kind != "document" else None)
            continue
        name = f.name_at(pos, cls)
        if name is not None:
            add(name, cue)
            continue
        if cls == STRONG:
            for name in f.document_at(pos):
                add(name, cue)

    # 2. name before the cue: "the Associated Press reported", "a Reuters tally"
    for m in _LEX_ANY_RE.finditer(text):
        name = f.lexicon_at(m.start())
        if name is None:
            continue
        ent_start = f.ent_ends.get(name.end)
        if ent_start is not None and ent_start < m.start() and f.ents[ent_start][1] == "PERSON":
            continue  # tail of a person's name, e.g. "Michael Bloomberg"
        after = _CUE_AFTER_RE.match(text, name.end) or _NOUN_AFTER_RE.match(text, name.end)
        if after:
            add(name, _WS_RE.sub(" ", after.group("cue")))
    for s, (e, label) in f.ents.items():
        if label != "ORG":
            continue
        s2 = s + 4 if text.startswith(("the ", "The "), s) else s
        org = text[s2:e]
        if looks_like_media(org) and not looks_like_government(org):
            after = _CUE_AFTER_RE.match(text, e) or _NOUN_AFTER_RE.match(text, e)
            if after and _LEX_AT_RE.match(text, s) is None:
                add(_Name(s2, e, org, "outlet"), _WS_RE.sub(" ", after.group("cue")))

    # 3. datelines: "WASHINGTON (Reuters) -", "(CNN)"
    for m in _DATELINE_RE.finditer(text):
        name = f.lexicon_at(m.start("name"))
        if name is not None and name.end == m.end("name"):
            add(name, "dateline")

    # 4. documents as subjects: "court filings show", "the report said"
    cited_ends = {c.end for c in found.values()}
    for m in pats.doc_subject.finditer(text):
        start, end = m.start("body"), m.end("body")
        if any(text[e:start].strip(" '’s") == "" for e in range(max(0, start - 4), start) if e in cited_ends):
            continue  # "a Reuters tally showed": the agency is already the citation
        if m.group("rel"):
            end = m.end("by")
            outlet = f.name_at(m.start("by"), MEDIA_ONLY)
            if outlet is not None:
                add(outlet, _WS_RE.sub(" ", text[m.start("rel"):m.start("by")].strip()))
        add(_Name(start, end, _label(text[start:end]), "document"), m.group("cue"))

    # 5. "in a statement", "in a statement from the ministry", "<Org> said in a statement"
    for m in _IN_DOC_RE.finditer(text):
        start, end = m.start("body"), m.end("body")
        if not _speech_near(text, m.start(), m.end(), pats):
            continue  # "her role in the email controversy" cites nothing
        label = _label(text[start:end])
        if m.group("rel"):
            by = f.issuer_at(m.end("rel"))
            if by:
                end = by[1]
                label = _label(text[start:end])
        else:
            issuer = _issuer_before(f, m.start()) or _issuer_after(text, end, pats)
            if issuer:
                label = f"{label} by {issuer}"
        add(_Name(start, end, label, "document"), m.group("cue"))

    return sorted(found.values(), key=lambda c: (c.start, c.end))


def _speech_near(text: str, start: int, end: int, pats: _Patterns) -> bool:
    """A speech/writing verb in the same sentence within 50 characters before ``start`` or
    after ``end`` ("said in a statement", "In a letter, she wrote")."""
    before = text[max(0, start - 50):start]
    before = before[max(before.rfind(". "), before.rfind("\n")) + 1:]
    after = text[end:end + 50]
    cut = min((i for i in (after.find(". "), after.find("\n")) if i >= 0), default=len(after))
    return bool(pats.speech_verb.search(before) or pats.speech_verb.search(after[:cut]))


_SUBJECT_AFTER_TEMPLATE = r"\s*,\s*(?P<who>(?:[Tt]he\s+)?[\w'’.&-]+(?:\s+[\w'’.&-]+){0,5}?)\s+{said}\b"
_PRONOUNS = frozenset("he she they it we i you his her their its".split())


def _issuer_after(text: str, pos: int, pats: _Patterns) -> Optional[str]:
    """The subject of "In a statement, <the ministry> said" right after the document phrase."""
    m = pats.subject_after.match(text, pos)
    if not m or m.group("who").lower() in _PRONOUNS:
        return None
    return _lower_the(m.group("who"))


def _lower_the(name: str) -> str:
    """"The ministry" -> "the ministry" (for "statement by the ministry")."""
    return "the " + name[4:] if name.startswith("The ") else name


def _issuer_before(f: _Finder, pos: int) -> Optional[str]:
    """The ORG/PERSON subject of "<X> said in a statement" just before ``pos``."""
    window_start = max(0, pos - 60)
    best: Optional[tuple[int, int]] = None
    for e, s in f.ent_ends.items():
        if window_start <= e <= pos and s < e and (best is None or e > best[1]):
            label = f.ents.get(s, (0, ""))[1]
            if label in ("ORG", "PERSON", "GPE", "NORP") and f.pats.said_before.match(f.text[e:pos]):
                best = (s, e)
    if best is None:
        window = f.text[window_start:pos]
        m = f.pats.cap_subject.search(window)
        if not m:
            return None
        lex = f.lexicon_at(window_start + m.start(1))
        if lex:
            return lex.outlet
        name = _strip_the(m.group(1))
        if not name or name.split()[0] in _NOT_NAMES:
            return None
        return _lower_the(m.group(1))
    return _lower_the(f.text[best[0]:best[1]])


def _entity_spans(work: Work) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    if work.doc is not None:
        spans.extend((e.start_char, e.end_char, e.label_) for e in work.doc.ents)
    seen = {(s, e) for s, e, _ in spans}
    for ent in work.article.entities:  # the entities stage may know more (canonical types)
        for m in ent.mentions:
            if m.kind == "name" and (m.start, m.end) not in seen:
                spans.append((m.start, m.end, ent.type))
    return spans


@register_stage("sources")
class SourcesStage:
    """Fills ``article.sources`` with outlets, agencies, documents and people cited."""

    name = "sources"
    needs_doc = True

    def __call__(self, work: Work) -> None:
        text = doc_text(work.doc) if work.doc is not None else work.article.text
        work.article.sources = find_sources(text, _entity_spans(work))
        resolver = work.scratch.get(RESOLVER_KEY)
        for s in work.article.sources:  # a bare document ("the minutes") is its issuer's word
            if resolver is not None and s.kind == "document" and not any(c.isupper() for c in s.outlet[1:]):
                issuer = resolver.issuer_name(s.start, s.end)
                if issuer:
                    s.outlet = issuer
