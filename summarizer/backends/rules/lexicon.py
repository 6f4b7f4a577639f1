"""The rules' word lists, in one place: event triggers, reporting cues, speakers' words.

Lemmas unless said otherwise, so "said", "says" and "saying" are one entry. The entity labels
and dependency labels the rules read are spaCy's English model's. Keeping every list here lets
a reader see, and a change tune, what the rules know without reading how they use it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


def lexicon(words: str) -> frozenset[str]:
    """A word list written as one whitespace-separated string."""
    return frozenset(words.split())


def _kind(kind: str, words: str) -> dict[str, str]:
    return dict.fromkeys(words.split(), kind)


def lemma(token: Token) -> str:
    """How a token is looked up in these lists."""
    return token.lemma_.lower()


# --- Events -----------------------------------------------------------------------------

# Lemmas that name an event when used as a verb.
EVENT_VERBS: dict[str, str] = {
    **_kind(
        "attack",
        "attack strike bomb shell bombard explode detonate shoot raid ambush assault storm "
        "target hit fire clash invade blow ram stab behead",
    ),
    **_kind("killing", "kill murder assassinate execute die slay massacre slaughter"),
    **_kind("injury", "wound injure hurt maim mutilate"),
    **_kind("arrest", "arrest detain apprehend jail imprison capture nab"),
    **_kind(
        "statement",
        "announce declare denounce condemn vow warn threaten urge pledge claim deny confirm "
        "report accuse blame ask instruct beg demand call issue",
    ),
    **_kind("meeting", "meet negotiate visit host interview"),
    **_kind("protest", "protest demonstrate rally riot march"),
    **_kind(
        "deployment",
        "deploy dispatch station withdraw evacuate send transport arrive cross fly flee escape "
        "travel",
    ),
    **_kind(
        "other",
        "charge indict convict sentence try release free kidnap abduct destroy damage "
        "investigate smuggle",
    ),
}
# Lemmas that name an event when used as a noun.
EVENT_NOUNS: dict[str, str] = {
    **_kind(
        "attack",
        "attack strike airstrike airstrikes bombing explosion blast detonation shooting "
        "shelling bombardment raid ambush assault clash clashes fighting battle offensive "
        "invasion targeting gunfire firefight shootout rampage conflict",
    ),
    **_kind(
        "killing",
        "killing death murder assassination execution massacre slaughter slaying homicide "
        "beheading fatality",
    ),
    **_kind("injury", "injury wounding maiming beating"),
    **_kind("arrest", "arrest detention custody capture"),
    **_kind(
        "statement",
        "statement announcement declaration condemnation warning ultimatum demand appeal",
    ),
    **_kind("meeting", "meeting talk summit visit negotiation interview"),
    **_kind("protest", "protest demonstration rally riot"),
    **_kind("deployment", "deployment withdrawal evacuation"),
    **_kind(
        "other",
        "charge indictment conviction trial sentence release kidnapping abduction "
        "investigation probe crime fraud treason damage destruction outbreak epidemic "
        "pandemic virus bacteria",
    ),
}
EVENT_ADJECTIVES: dict[str, str] = {"dead": "killing", "wounded": "injury", "injured": "injury"}

# Verbs whose reading as an event depends on their object or subject.
NOT_EVENT_OBJECTS = lexicon(
    "deal agreement accord balance tone chord note pose record chance bargain"
)
MILITARY = lexicon(
    "troop troops soldier soldiers force forces warship warships ship ships jet jets "
    "aircraft marine marines personnel reinforcement reinforcements unit units army "
    "battalion brigade division fleet carrier destroyer"
)
WEAPONS = lexicon(
    "strike airstrike missile missiles rocket rockets drone drones bomb bombs shell shells "
    "mortar mortars artillery another one attack blast explosion"
)
NEEDS_MILITARY = lexicon("send transport station dispatch")
# "called for", "called on X to": a request; "called it a farce" is no event.
NEEDS_REQUEST = lexicon("call")
# Statement nouns whose verb "issue" is the event: "police issued an appeal".
ISSUED = lexicon("statement appeal warning photo call ultimatum order ban declaration")
# Statement triggers scored as events but, like "said", left to quotes and claims in the record.
PASSING_STATEMENTS = lexicon("report confirm claim")
# Nouns an event word before them still names the event: "assassination attempt", "death toll".
EVENT_HEADS = lexicon(
    "attempt incident outrage toll suspect victim scene plot aftermath wave spree area site "
    "attack strike bombing explosion blast raid"
)
# Verbs whose subject is the doer of the event their object names ("launched an offensive").
LIGHT_VERBS = lexicon(
    "conduct carry launch stage hold issue make mount wage unleash begin start continue resume "
    "lead order say announce release publish sign claim accept admit"
)
# Verbs whose infinitive happened: "began to explode".
ASPECTUAL = lexicon("begin start continue resume keep")
HABITUAL = lexicon("repeatedly often regularly frequently routinely usually")
MODALS = lexicon("would could might may should must can")
# Prepositions that introduce a place, and nouns naming a kind of place ("the city of Hilla").
LOCATIVE = lexicon("in near outside at inside across around into within from")
PLACE_NOUNS = lexicon(
    "city town village province district region capital area neighbourhood neighborhood "
    "county state governorate suburb camp base port island country"
)
# Common nouns for the sites events happen at: a place when no name is given.
SITES = PLACE_NOUNS | lexicon(
    "station house home street road bakery cafe restaurant market mosque church synagogue "
    "temple school university hospital airport airfield checkpoint building shop store hotel "
    "office embassy bridge border prison jail court square park stadium arena concert mall "
    "neighbourhood compound convoy parade"
)
# Noun triggers naming what a state's forces do: a country before them is the actor.
STATE_ACTIONS = lexicon(
    "strike airstrike airstrikes raid offensive invasion bombardment shelling deployment "
    "withdrawal war"
)
TARGET_PREPS = {
    "attack": ("on", "against", "at", "of"),
    "killing": ("of",),
    "injury": ("to", "of"),
    "arrest": ("of",),
}
# Pronouns that can stand for a party ("which" and "that" stand for the attack itself,
# "himself" for the bomber already named).
ARGUMENT_PRONOUNS = lexicon("he she it they him her them we us i you who whom")
# Weapons that are things, not acts: "a bomb exploded" names the device the attack used.
DEVICES = lexicon(
    "bomb bombs device devices ied ieds explosive explosives missile missiles rocket rockets "
    "drone drones shell shells mortar mortars grenade grenades mine mines"
)
_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
WORD_NUMBERS = {w: i for i, w in enumerate(_NUMBER_WORDS.split())}
WORD_NUMBERS.update(
    {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80}
)
WORD_NUMBERS.update({"ninety": 90, "hundred": 100, "a": 1, "an": 1, "single": 1})

# Actor adjectives and the entity they stand for: "Israeli strikes" are Israel's.
DEMONYMS = {
    "afghan": "Afghanistan",
    "american": "United States",
    "british": "Britain",
    "chinese": "China",
    "egyptian": "Egypt",
    "french": "France",
    "german": "Germany",
    "indian": "India",
    "iranian": "Iran",
    "iraqi": "Iraq",
    "israeli": "Israel",
    "jordanian": "Jordan",
    "lebanese": "Lebanon",
    "libyan": "Libya",
    "nigerian": "Nigeria",
    "pakistani": "Pakistan",
    "palestinian": "Palestine",
    "qatari": "Qatar",
    "russian": "Russia",
    "saudi": "Saudi Arabia",
    "somali": "Somalia",
    "spanish": "Spain",
    "sudanese": "Sudan",
    "syrian": "Syria",
    "turkish": "Turkey",
    "ukrainian": "Ukraine",
    "venezuelan": "Venezuela",
    "yemeni": "Yemen",
    "colombian": "Colombia",
    "mexican": "Mexico",
    "italian": "Italy",
    "japanese": "Japan",
    "korean": "Korea",
    "belgian": "Belgium",
    "dutch": "Netherlands",
    "canadian": "Canada",
    "australian": "Australia",
    "ethiopian": "Ethiopia",
    "malian": "Mali",
    "chechen": "Chechnya",
    "kenyan": "Kenya",
    "polish": "Poland",
    "greek": "Greece",
}
# Entity labels. The small model gives towns it does not know these ("the city of Hilla": PERSON).
MISTAGGED_PLACE_LABELS = frozenset({"", "PERSON", "PRODUCT", "ORG", "NORP"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NOT_PARTY_LABELS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "EVENT"}
)
PARTY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})

# --- Numbers in the article's own assertions --------------------------------------------------

# Nouns a number can measure time with ("three days", "10 years"): the recogniser's DATE/TIME.
TIME_NOUNS = lexicon(
    """
    second minute hour day night week weekday weekend month quarter season year decade century
    time term a.m. p.m. am pm o'clock morning afternoon evening
    """
)
ORDINALS = lexicon("first second third fourth fifth sixth seventh eighth ninth tenth")
# Verbs that credit a sentence to someone, so it is not the article's own assertion.
REPORTING = lexicon(
    "say tell add announce state claim report insist deny confirm warn allege argue believe "
    "note explain write accuse vow urge describe suggest estimate acknowledge admit"
)

# --- Reporting cues ---------------------------------------------------------------------------

# Verbs of saying, writing, believing and finding that news prose attributes content with.
SPEECH_VERBS = lexicon(
    """
    say tell add claim argue warn state announce explain insist note write tweet post report
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
