"""Per-language inflection rules: which endings may follow a glossary form in running text.

A form is matched as a *stem* (the form, or the form minus a stem ending for
languages that decline by replacing the ending, like Russian "Россия" → "России")
followed by one of the language's allowed endings, up to the end of the word.
Names take fewer endings than terms, so that a name is never stemmed into
another word ("Putin" must not match "Putinismus"). German terms may also be the
head or the modifier of a compound ("Verteidigungsbündnis", "Bündnispartner"); words
that contain a form without being the concept are listed under ``ignore`` in the
glossary ("Allianzversicherung" is the insurer, "Bündnisgrüne" a party);
Arabic words may carry attached prefixes ("والتحالف").
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.glossary.model import Kind
from accord.locales import language_of

RU_ENDINGS = frozenset({
    "а", "я", "у", "ю", "ом", "ем", "ём", "ой", "ей", "ою", "ею", "е", "и", "ы", "ов", "ев",
    "ёв", "ам", "ям", "ами", "ями", "ах", "ях", "ь", "й", "ия", "ии", "ию", "ией", "ие", "ий",
    "ье", "ья", "ьи", "ью", "ьей", "ый", "ого", "его", "ому", "ему", "ым", "им", "ых", "их",
    "ыми", "ими", "ая", "яя", "ую", "юю", "ое", "ее", "ые", "ин", "ина", "ину", "иным",
    "ине", "ины", "о",
})
# Russian names decline only when they end in -а/-я/-й/-ь (or a consonant, which takes
# the endings directly); foreign names in -и, -у, -о, -е are indeclinable ("Аракчи").
RU_NAME_STEM_ENDINGS = ("ия", "ья", "ий", "ый", "ой", "ая", "яя", "а", "я", "й", "ь")
RU_STEM_ENDINGS = (
    "ия", "ья", "ие", "ье", "ий", "ый", "ой", "ая", "яя", "ое", "ее", "ые",
    "а", "я", "о", "е", "ь", "й", "ы", "и", "у", "ю",
)


@dataclass(frozen=True)
class Rules:
    """The inflection rules of one language, separately for terms and for names."""

    term_endings: frozenset[str] = frozenset()
    name_endings: frozenset[str] = frozenset()
    term_stem_endings: tuple[str, ...] = ()
    name_stem_endings: tuple[str, ...] = ()
    prefixes: frozenset[str] = frozenset()
    compounds: bool = False
    capitalised_nouns: bool = False  # German: every noun has a capital, so case says nothing
    place_adjective: str = ""  # German "Teheran|er", "Moskau|er": a name's derived adjective
    spaced: bool = True  # words separated by spaces: whole-word matching applies


RULES: dict[str, Rules] = {
    "de": Rules(
        term_endings=frozenset({
            "s", "es", "e", "en", "n", "er", "ern", "em", "ns", "se", "ses", "sen",
        }),
        # genitive -s ("Araghtschis") and -es ("des UN-Sicherheitsrates")
        name_endings=frozenset({"s", "es"}),
        compounds=True,
        capitalised_nouns=True,
        place_adjective="er",
    ),
    "en": Rules(
        term_endings=frozenset({"s", "es", "ies"}),
        term_stem_endings=("y",),
        name_endings=frozenset(),
    ),
    "fr": Rules(term_endings=frozenset({"s", "x", "e", "es", "ne", "nes", "le", "les"})),
    "es": Rules(
        term_endings=frozenset({"s", "es", "a", "as", "o", "os"}),
        term_stem_endings=("o", "a"),
    ),
    "it": Rules(
        term_endings=frozenset({"a", "e", "i", "o"}),
        term_stem_endings=("a", "e", "i", "o"),
    ),
    "pt": Rules(term_endings=frozenset({"s", "es", "a", "as", "o", "os"}),
                term_stem_endings=("o", "a")),
    "nl": Rules(term_endings=frozenset({"s", "en", "e"}), name_endings=frozenset({"s"}),
                compounds=True),
    "ru": Rules(
        term_endings=RU_ENDINGS,
        name_endings=RU_ENDINGS,
        term_stem_endings=RU_STEM_ENDINGS,
        name_stem_endings=RU_NAME_STEM_ENDINGS,
    ),
    "uk": Rules(
        term_endings=RU_ENDINGS | {"і", "ї", "ів", "ою"},
        name_endings=RU_ENDINGS | {"і", "ові"},
        term_stem_endings=(*RU_STEM_ENDINGS, "і"),
        name_stem_endings=(*RU_STEM_ENDINGS, "і"),
    ),
    "fa": Rules(
        term_endings=frozenset({
            "ها", "های", "هایی", "ی", "ای", "یی", "اش", "ش", "ان", "تر", "ترین",
            # attached pronouns, also after the plural: اتحادمان, اتحادهایشان
            "م", "ت", "مان", "تان", "شان", "ام", "ات", "امان", "اتان", "اشان",
            "هایم", "هایت", "هایش", "هایمان", "هایتان", "هایشان",
        }),
        name_endings=frozenset(),  # "ایرانی" is Iranian, not Iran; ezafe is unwritten
    ),
    "ar": Rules(
        term_endings=frozenset({"ة", "ات", "ون", "ين", "ان", "ي", "ه", "ها", "هم"}),
        name_endings=frozenset(),
        prefixes=frozenset({
            "ال", "و", "ف", "ب", "ل", "ك", "وال", "بال", "فال", "كال", "لل", "ول", "وب", "فب",
        }),
    ),
    "zh": Rules(spaced=False),
    "ja": Rules(spaced=False),
    "th": Rules(spaced=False),
}
NO_RULES = Rules()

MIN_STEM = 3  # never stem a form shorter than this
MIN_COMPOUND_PART = 4  # "Rat" must not match "Heirat"


def rules_for(locale: str) -> Rules:
    """The inflection rules of ``locale``'s language (none for an unknown language)."""
    return RULES.get(language_of(locale), NO_RULES)


@dataclass(frozen=True)
class Inflection:
    """How one glossary form is matched: its stem and the endings that may follow it."""

    stem: str
    stem_ending: str
    endings: frozenset[str]
    prefixes: frozenset[str]
    compound: bool
    modifier: bool = False  # a name as first element of a compound ("Kreml|chef")


def inflection(
    form: str, kind: Kind, exact: bool, rules: Rules, derive: bool = True
) -> Inflection:
    """How ``form`` of a concept of ``kind`` is matched under ``rules``; ``derive``
    allows derived words (German compounds, -er adjectives)."""
    if exact or kind in (Kind.BRAND, Kind.TRAP):
        return Inflection(form, "", frozenset(), frozenset(), False)
    is_name = kind is Kind.NAME
    endings = rules.name_endings if is_name else rules.term_endings
    stem_endings = rules.name_stem_endings if is_name else rules.term_stem_endings
    stem, stem_ending = form, ""
    last_word = form.rsplit(" ", 1)[-1]
    for ending in stem_endings:
        if last_word.lower().endswith(ending) and len(last_word) - len(ending) >= MIN_STEM:
            stem, stem_ending = form[: len(form) - len(ending)], form[len(form) - len(ending):]
            break
    if stem_ending:
        endings = endings | {stem_ending.lower()}
    solid = rules.compounds and derive and " " not in form and len(form) >= MIN_COMPOUND_PART
    if is_name and derive and rules.place_adjective and " " not in form:
        endings = endings | {rules.place_adjective}
    return Inflection(stem, stem_ending, endings, rules.prefixes, solid and not is_name,
                      modifier=solid and is_name and rules.capitalised_nouns)


def inflect_like(rendering: str, ending: str, kind: Kind, locale: str) -> str:
    """``rendering`` with the ``ending`` found on another form: "Allianzen" → "Bündnissen"."""
    rules = rules_for(locale)
    shape = inflection(rendering, kind, False, rules)
    if not ending:
        return rendering
    stem = shape.stem
    if language_of(locale) == "de" and stem.endswith("nis") and ending[0] in "es":
        # German -nis doubles its s before an ending: Bündnis → Bündnisses, Bündnisse.
        stem += "s"
        if ending.startswith("s"):
            ending = ending[1:] if ending[1:2] in ("e", "") else ending
    return stem + ending


def plural_first_word(form: str, locale: str) -> str | None:
    """A Romance multi-word term in the plural, which inflects its first word:
    "traité de partenariat" → "traités de partenariat"; None elsewhere."""
    lang = language_of(locale)
    if lang not in ("fr", "es", "pt", "it") or " " not in form:
        return None
    first, rest = form.split(" ", 1)
    low = first.lower()
    if not first.isalpha() or len(first) < 3:
        return None
    if lang == "fr":
        plural = (first if low.endswith(("s", "x", "z")) else first[:-2] + "aux"
                  if low.endswith("al") else first + "x" if low.endswith("au") else first + "s")
    elif lang == "it":
        plural = first[:-1] + {"o": "i", "a": "e", "e": "i"}.get(low[-1], low[-1])
    elif low.endswith(("a", "e", "i", "o", "u")):
        plural = first + "s"
    else:
        plural = first + "es"
    return f"{plural} {rest}" if plural != first else None
