"""Speech words: reporting cues, speakers' names and titles, quoted words that are nobody's speech."""

from __future__ import annotations

from summarizer.backends.rules.lexicon import lexicon

# Verbs that credit a sentence to someone, so it is not the article's own assertion.
REPORTING = lexicon(
    "say tell add announce state claim report insist deny confirm warn allege argue believe "
    "note explain write accuse vow urge describe suggest estimate acknowledge admit"
)

# --- Reporting cues ---------------------------------------------------------------------------

# Verbs of saying, writing, believing and finding that news prose attributes content with.
SPEECH_VERBS = lexicon(
    """
    say tell add claim argue warn state announce explain insist note write type tweet post report
    declare acknowledge admit assert confirm deny suggest predict reply respond recall remark
    observe continue conclude stress emphasize emphasise complain ask urge vow promise charge
    contend maintain concede allege testify quip joke shout yell whisper reveal disclose indicate
    estimate caution recount boast lament mention agree counter retort reiterate repeat wonder
    proclaim announce threaten pledge signal hint speculate posit opine comment describe call
    dub label brand denounce condemn accuse blast slam criticize criticise praise thank
    insist affirm reaffirm clarify elaborate advise inform notify predict forecast guarantee
    demand sing chant talk speak plead beg cry exclaim scoff muse rail lash
    """
)
# Verbs whose complement is attributed content but that do not introduce a direct quote.
BELIEF_VERBS = lexicon(
    """
    believe think feel fear hope expect know learn find suspect doubt worry reckon
    understand assume conclude determine realize realise recognize recognise acknowledge
    """
)
# Verbs of intent, evaluation and finding whose object or infinitive is what is attributed:
# "urged North Korea to resume talks", "cited his endorsements", "want policies that ...".
INTENT_VERBS = lexicon(
    """
    want intend plan seek refuse decline propose recommend cite unveil question oppose reject
    dismiss defend blame endorse support rule show express voice push press favor favour
    welcome applaud hail tout decry mock ridicule deride dispute challenge fault chastise
    scold rebuke predict envision envisage prefer advocate campaign
    """
)
# Of those (and some verbs of saying), the ones whose direct object is the content, not a
# person addressed.
OBJECT_CONTENT_VERBS = (
    INTENT_VERBS
    | lexicon(
        """
        announce deny reveal disclose confirm report criticize criticise praise describe
        mention attack slam blast note acknowledge discuss offer back condemn denounce
        """
    )
) - lexicon("want refuse decline")
# Verbs whose "of"/"about"/"for"/"over" phrase is the content: "accused her of being asleep".
PREP_CONTENT_VERBS = lexicon(
    """
    accuse warn talk speak complain boast worry chastise criticize criticise blame praise
    thank fault question ask call comment push press argue campaign advocate respond
    """
)
CONTENT_PREPOSITIONS = lexicon("of about for over on against")
# Nouns whose "that" clause is someone's reported words: "Trump's claim that ...".
NOMINAL_CUES = lexicon(
    """
    claim statement argument assertion belief view warning promise pledge suggestion
    allegation accusation contention charge announcement fear hope concern prediction
    finding conclusion insistence remark comment notion assessment estimate demand vow
    threat complaint admission acknowledgment acknowledgement denial explanation position
    """
)
# Possessive pronouns as the pronoun a speaker is resolved from: "his claim" is "he".
POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they", "its": "it", "our": "we"}
CUE_LEMMAS = SPEECH_VERBS | BELIEF_VERBS | INTENT_VERBS
# Things that can "read" or "say" words: "“...,” the letter reads".
DOCUMENTS = lexicon(
    "letter statement message note sign post tweet release email headline caption article report "
    "story editorial memo document ad banner petition text"
)
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
# Verbs whose object does what they lead to ("led the journalist to fear", "asked him to say"),
# unlike "used blunt language to denounce", where the subject denounces.
OBJECT_CONTROL_VERBS = lexicon(
    "lead ask tell urge force persuade encourage prompt cause invite order push get drive inspire"
)
# Verbs that put out a statement or a document: its maker speaks what it says ("He released a
# letter that says", "issued a statement that said"); not "read" or "cite" (another's words).
MAKING_VERBS = lexicon("make issue release publish send write post deliver give tweet")

# --- Speakers ---------------------------------------------------------------------------------

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "them", "it", "we"})
SPEAKER_PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS | {"i"}
HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "dr", "mr.", "mrs.", "ms.", "dr.", "sen.", "rep.", "gov."}
)
# Job titles written as part of a name ("Transport Minister Helen Strand").
JOB_TITLES = lexicon(
    """
    minister president senator governor mayor councillor councilman councilwoman secretary
    chairman chairwoman chair speaker judge justice general gen. lt. col. capt. sgt. adm.
    commissioner ambassador prince princess king queen sheikh chancellor premier
    spokesman spokeswoman spokesperson director chief inspector sheriff detective officer
    rep. sen. gov. pres. prof. professor rev. father sister brother pope bishop
    """
)
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
# Words that make a name an organisation or a place rather than a person.
ORG_WORDS = lexicon(
    """
    ministry department office house council committee party campaign government agency
    service court police army forces force military bureau commission university institute
    center centre foundation association union news times post journal press network
    newspaper magazine group company corp inc administration senate congress
    """
)
# Common nouns that describe one person who can speak ("the spokeswoman", "a source").
PERSON_NOUNS = lexicon(
    """
    spokesman spokeswoman spokesperson official minister president senator aide source
    analyst expert adviser advisor lawyer attorney candidate nominee governor mayor leader
    director chief secretary witness resident man woman professor economist strategist
    """
)
# Capitalised words next to a cue that are not a speaker's name.
NOT_NAMES = lexicon(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight"
)

# --- Quoted words that are nobody's speech (notquotes) ---------------------------------------

# Small words a title keeps in lower case ("Face the Nation", "Legend in the Coal Fields").
TITLE_MINOR_WORDS = lexicon(
    "a an the and or but nor of in on at to for by with from as vs. vs de la"
)
# Words a title's quote marks are followed by: "his “Keepin' It Real” radio program".
WORK_NOUNS = lexicon(
    """
    show program programme series broadcast episode segment podcast column op-ed editorial
    book novel memoir film movie documentary song album play report forum event debate
    conference summit tour campaign initiative act bill law plan speech interview
    newspaper magazine radio channel network website blog article headline
    """
)
# Verbs that report someone's naming: “Miss Piggy” under "called" is the caller's words.
NAMING_VERBS = lexicon("call dub label brand nickname name describe refer term")
# Prepositions of an adjunct (when, where, in what) rather than of what is reported: "On
# Tuesday's episode of “...”, she said", "in an interview on “...”".
ADJUNCT_PREPOSITIONS = lexicon("in on at during after before since from with through via amid near")
