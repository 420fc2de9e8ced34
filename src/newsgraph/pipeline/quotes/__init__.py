"""Quotes stage: direct quotes and reported speech, attributed to canonical speakers.

Modules: :mod:`.marks` pairs quote marks; :mod:`.direct` attributes direct quotes;
:mod:`.reported` finds reported speech as an ordered list of small named rules; :mod:`.speakers`
resolves speaker mentions to entities; :mod:`.stage` puts them together. The cue lexicon (speech,
belief and stance verbs with their frames) is :mod:`newsgraph.pipeline.quote_cues`, shared with
the sources and events stages.

Direct quotes (``kind="direct"``)
    Quotation marks are paired per paragraph (:mod:`.marks`): ``"…"``, ``“…”``, ``''…''``,
    `````…''``, and single ``‘…’`` / ``'…'`` marks outside double-quoted text (apostrophes are
    never marks; nested single quotes stay inside). The attribution is searched, in order:

    * right after the closing mark: ``"…," said Leavitt.`` / ``"…." Leavitt noted,`` /
      ``"…" ― Jane Roe`` (a dash and a name);
    * right before the opening mark: ``Leavitt said: "…"``, ``according to X, "…"``;
    * through the parse, for a quote inside a sentence: the quote hangs from a speech verb
      through a clausal complement (``He said the plan was "a disaster"``), from a
      characterising verb with its own subject (``Obama called the holiday "…"``), or sits
      after such a verb (``Trump tweeted that Machado was "disgusting"``); a partial quote inside
      reported speech goes to the outermost reporter (``Flynn said Trump was right when he said
      "…"`` -> Flynn; ``According to the Gazette, Ruiz said that … "…"`` -> the Gazette; a
      trailing ``"…," The Hill reported`` beats a non-speech verb inside the quote's sentence);
    * for a quote that stands alone with no cue, the subject of the sentence just before it in
      the same paragraph (``Jordan said Monday. "…"``), a ``He said:`` ending the previous
      paragraph, or the attribution of the quote just before it when only that attribution's
      own sentence lies between them (``"A," said Roe, a physicist at X. "B."``).

    The parse must come from :func:`newsgraph.nlp.get_nlp`, whose sentences (and so parse arcs)
    never cross a paragraph break.

    A quoted stretch inside a sentence with none of these is a scare quote or a title and is
    skipped (``a "good faith" initiative``); short Title Case quotes (names of works, nicknames,
    subheads) are skipped too, and so are stand-alone quotes for which no speaker is found.
    Quoted words inside *reported speech* are the speaker's own words and become direct quotes
    with the reported quote's speaker and cue, Title Case or not (``Trump called the winner "Miss
    Piggy"``; rule ``partial``), except quoted premodifiers of a noun, which stay scare quotes
    anywhere (``said the council made a "good faith" offer``).
    Transcript lines (``"WALLACE: …``) are reported speech with the name as speaker.

    Text is verbatim: ``text == article.text[start:end]`` for every quote. ``start``/``end`` are
    the offsets of the content inside the marks. ``"A," X said. "B."`` gives two quotes with one
    attribution; only one sentence interrupted by its attribution (``"A," she said, "b."``: no
    sentence end before or after the attribution) is one quote, whose text runs from the first
    content start to the last content end, attribution included. A quote running over several
    paragraphs (opening mark repeated at each paragraph start) gives one quote per paragraph.
    Per-quote details go to ``work.scratch["quote_spans"]`` (one :class:`QuoteSpanInfo` per
    quote: fragment offsets, speaker mention and cue offsets, the rule that attributed it).

Reported speech (``kind="indirect"``)
    Only acts of communication (and beliefs, which PolNeAR counts) report speech. No quote comes
    from a verb the lexicon marks ``none`` (raising "appeared/seemed to", refusals "declined to
    comment", receptions "welcomed the result", "addressed the crowd"), a speech verb under a
    refusal ("declined to say whether …"), the writer's participle of an evidential verb
    ("…, indicating that …", "…, underscoring …"), a question put to the subject ("Asked whether
    …", "When asked about …", "was asked if …"), a passive belief or stance verb without a source
    ("is expected to"), or "shared/reported by X" (a source for the sources stage). The rules are
    the ordered lists of :mod:`.reported`.

    A speech, belief or stance verb (lexicon in :mod:`..quote_cues`) with a subject and a
    clausal complement (``ccomp``; ``xcomp`` for promise/vow/…), or, for stance verbs, an object
    or ``about/on/for…`` phrase (``cited the report``, ``spoke about the plan``; never the
    audience of ``speaking to reporters``): the complement is the quote text, without a leading
    "that" or preposition, within the cue's sentence *and paragraph*, and cut before ``; …``,
    ``, who …``, ``, adding …`` and a trailing apposition or participle clause of the writer's
    (``…, the existing alliance that …`` / ``…, contradicting …``) and before a second speech
    verb of the same speaker that the parser hung inside it (``said she would order a review and
    warned against …``: two reported quotes); the subject is the speaker. Requests keep who is
    asked to act (``urged the council to cut the levy``, ``asked her to call him``), and
    ``called for the director to resign`` / ``asked the court for a ruling`` give what is asked for.
    A speech verb in an "as" clause with no complement of its own attributes the clause it
    modifies (``As the Gazette reported, the mayor …``, ``…, as Roe predicted``); a clause before
    the cue across a semicolon is never its content (``A say X; B say Y``).
    Also ``according to X, …``, stance adjectives (``critical of X``, ``worried about X``),
    report nouns with a possessor or a that-clause (``his claim that …``, ``the claim by X
    that …``), ``Name: …`` at a paragraph start (a PERSON entity's name even when tagged as a
    common noun, as in headlines), passive stance verbs with a "by" agent (``Trump is supported
    by few papers``: content "Trump", speaker the agent), a sentence-final ``…, he said.`` or
    ``…, records show.`` the parser left unattached, and passive reports without a source
    (speaker None). Reported content never contains its own speaker or cue: for a parenthetical
    attribution (``Lenox was, Mr. Clarke said, a juggernaut``; an introductory ``Though …,`` /
    ``As …,`` before it is left out) and for a trailing one followed by a cue-less quote (``The
    talks may wait, Roe said. "The other factor is …"``) the content is two fragments around it
    (``QuoteSpanInfo.fragments``; the quote's ``text`` is the verbatim span of the interrupted
    sentence, attribution included, and the cue-less quote after a trailing attribution stays
    its own direct quote). Content with no unquoted word is left to the direct pass
    (mixed content is reported speech); attributions do not nest.

Speakers are resolved to entities with the article's :class:`..resolve.Resolver` (names,
surnames, pronouns, descriptions, spokespeople, documents, organisations: "the port authority"
is the ORG whose name has the head "authority", never a person whose role merely mentions one). ``speaker`` is the canonical entity name; a proper name that matches no
entity is kept as written with ``speaker_id=None``; anonymous speakers ("an official",
"sources") keep only ``speaker_text``. ``speaker_text`` is the mention as written ("he", "who").

Cost: one regex pass over the quote marks, one pass over the tokens, short windows around each
quote and a few look-ups per candidate verb (a few per cent of the spaCy parse).
"""

from .base import QuoteSpanInfo
from .marks import Segment, find_quoted_segments
from .speakers import RESOLVER_KEY, MentionResolver
from .stage import QuotesStage, extract_quotes

__all__ = ["QuotesStage", "extract_quotes", "QuoteSpanInfo", "MentionResolver", "RESOLVER_KEY", "Segment",
           "find_quoted_segments"]
