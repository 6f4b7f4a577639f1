"""Event words: which lemmas name an event, and what its parties, places and numbers look like."""

from __future__ import annotations

from summarizer.backends.rules.lexicon import kinds, lexicon

# Lemmas that name an event when used as a verb.
EVENT_VERBS: dict[str, str] = {
    **kinds(
        "attack",
        "attack strike bomb shell bombard explode detonate shoot raid ambush assault storm "
        "target hit fire clash invade blow ram stab behead",
    ),
    **kinds("killing", "kill murder assassinate execute die slay massacre slaughter"),
    **kinds("injury", "wound injure hurt maim mutilate"),
    **kinds("arrest", "arrest detain apprehend jail imprison capture nab"),
    **kinds(
        "statement",
        "announce declare denounce condemn vow warn threaten urge pledge claim deny confirm "
        "report accuse blame ask instruct beg demand call issue",
    ),
    **kinds("meeting", "meet negotiate visit host interview"),
    **kinds("protest", "protest demonstrate rally riot march"),
    **kinds(
        "deployment",
        "deploy dispatch station withdraw evacuate send transport arrive cross fly flee escape "
        "travel",
    ),
    **kinds(
        "other",
        "charge indict convict sentence try release free kidnap abduct destroy damage "
        "investigate smuggle",
    ),
}
# Lemmas that name an event when used as a noun.
EVENT_NOUNS: dict[str, str] = {
    **kinds(
        "attack",
        "attack strike airstrike airstrikes bombing explosion blast detonation shooting "
        "shelling bombardment raid ambush assault clash clashes fighting battle offensive "
        "invasion targeting gunfire firefight shootout rampage conflict",
    ),
    **kinds(
        "killing",
        "killing death murder assassination execution massacre slaughter slaying homicide "
        "beheading fatality",
    ),
    **kinds("injury", "injury wounding maiming beating"),
    **kinds("arrest", "arrest detention custody capture"),
    **kinds(
        "statement",
        "statement announcement declaration condemnation warning ultimatum demand appeal",
    ),
    **kinds("meeting", "meeting talk summit visit negotiation interview"),
    **kinds("protest", "protest demonstration rally riot"),
    **kinds("deployment", "deployment withdrawal evacuation"),
    **kinds(
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
# Verbs whose subject is the victim of the injury or death their object names ("13 people
# suffered minor injuries").
SUFFER_VERBS = lexicon("suffer sustain receive incur")
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
    "attack": ("on", "against", "at", "of", "between"),
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

# --- Numbers in the article's own assertions -------------------------------------------

# Nouns a number can measure time with ("three days", "10 years"): the recogniser's DATE/TIME.
TIME_NOUNS = lexicon(
    """
    second minute hour day night week weekday weekend month quarter season year decade century
    time term a.m. p.m. am pm o'clock morning afternoon evening
    """
)
ORDINALS = lexicon("first second third fourth fifth sixth seventh eighth ninth tenth")
