"""Russian morphology from OpenCorpora's dictionaries (pymorphy3): declining glossary
renderings, and the case a name needs in a sentence.

Two uses, both pure once the analyser is loaded:

- :func:`declensions`: every case form of a rendering ("Сергей Лавров" →
  "Сергея Лаврова", "Сергеем Лавровым", …; "санкции" → "санкций", "санкциям",
  "санкциях"), which the matcher adds to the Russian forms of a concept. A noun
  phrase declines its leading adjectives, its head noun and the parts of a person's
  name that follow the head; everything after (genitive complements "ООН",
  «Север — Юг») stays as it is.
- :func:`case_for_context`: the case a name restored after machine translation
  takes, read from the words the engine produced before it (a preposition, a
  title in apposition, a noun it depends on), with ``sure=False`` when the
  context says nothing certain.

Without pymorphy3 (an optional dependency) both fall back to nothing: the matcher
keeps its ending rules and restored names keep their base form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from accord.glossary.model import Kind

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_NAME_TAGS = ("Name", "Surn", "Patr")
_PROPER_TAGS = ("Name", "Surn", "Patr", "Geox", "Orgn", "Trad")
_CYRILLIC_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")


@lru_cache(maxsize=1)
def analyzer() -> Any:
    """The pymorphy3 analyser with its Russian dictionaries, or None if not installed."""
    try:
        import pymorphy3  # noqa: PLC0415  (optional, loaded on first use)
    except ImportError:
        return None
    try:
        return pymorphy3.MorphAnalyzer(lang="ru")
    except (OSError, ValueError):  # no dictionary package
        return None


def _best_parse(word: str, kind: Kind, proper: bool) -> Any:
    """The analysis of ``word`` as a dictionary form: nominative, a name's parse for names."""
    morph = analyzer()
    parses = [p for p in morph.parse(word) if "nomn" in p.tag]
    if not parses:
        return None
    if proper or kind is Kind.NAME:
        named = [p for p in parses if any(t in p.tag for t in _PROPER_TAGS)]
        if named:
            return named[0]
    return parses[0]


def _shape(model: str, word: str) -> str:
    """``word`` written with the capitals of ``model`` ("Сергей" → "Сергеем")."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


@lru_cache(maxsize=8192)
def declensions(phrase: str, kind: Kind) -> tuple[str, ...]:
    """Every case form of ``phrase`` (both numbers for terms), the phrase itself excluded."""
    if analyzer() is None or kind is Kind.BRAND:
        return ()
    words = phrase.split(" ")
    plan = _declining(words, kind)
    if not plan:
        return ()
    numbers: list[str | None] = [None]
    if kind is Kind.TERM:
        numbers = ["sing", "plur"]
    forms: list[str] = []
    for number in numbers:
        for case in CASES:
            inflected = _inflect_words(words, plan, case, number)
            if inflected and inflected != phrase and inflected not in forms:
                forms.append(inflected)
    return tuple(forms)


def _declining(words: list[str], kind: Kind) -> dict[int, Any]:
    """Word index → parse, for the words that decline with the phrase."""
    plan: dict[int, Any] = {}
    head_seen = False
    for index, word in enumerate(words):
        if not _CYRILLIC_WORD.fullmatch(word):
            break
        parse = _best_parse(word, kind, proper=word[:1].isupper())
        if parse is None or "Fixd" in parse.tag:
            if head_seen:
                break
            continue  # an indeclinable first name ("Аракчи") keeps going to the surname
        pos = parse.tag.POS
        if not head_seen and pos in ("ADJF", "PRTF"):
            plan[index] = parse
        elif pos == "NOUN" and not head_seen:
            plan[index] = parse
            head_seen = True
        elif (pos == "NOUN" and word[:1].isupper() and words[index - 1][:1].isupper()
              and "sing" in parse.tag and ("anim" in parse.tag or any(
                  t in parse.tag for t in _NAME_TAGS))):
            plan[index] = parse  # first name + surname decline together
        else:
            break
    return plan if head_seen else {}


def _inflect_words(
    words: list[str], plan: dict[int, Any], case: str, number: str | None
) -> str | None:
    out = list(words)
    animate = any("anim" in parse.tag for parse in plan.values())
    for index, parse in plan.items():
        wanted = case
        if case == "accs" and animate and "inan" in parse.tag and "masc" in parse.tag:
            wanted = "gent"  # a first name the dictionary lacks: "Масуда Пезешкиана"
        grammemes = {wanted} | ({number} if number else set())
        changed = parse.inflect(grammemes)
        if changed is None:
            if number == "plur":
                return None  # no plural (a singular-only noun): no plural forms at all
            changed = parse.inflect({wanted})
            if changed is None:
                continue
        out[index] = _shape(words[index], changed.word)
    return " ".join(out)


def inflect(phrase: str, case: str, kind: Kind = Kind.NAME) -> str:
    """``phrase`` in ``case`` (a pymorphy3 case tag); unchanged where it cannot decline."""
    if case == "nomn" or analyzer() is None:
        return phrase
    words = phrase.split(" ")
    plan = _declining(words, kind)
    if not plan:
        return phrase
    return _inflect_words(words, plan, case, None) or phrase


@dataclass(frozen=True)
class CaseGuess:
    """The case a restored name takes, and whether the context made it certain."""

    case: str
    sure: bool
    reason: str


# Prepositions and the case they govern (the usual one for a person or a place).
PREPOSITIONS: dict[str, str] = {
    **dict.fromkeys(("без", "для", "до", "из", "изо", "от", "ото", "у", "около", "после",
                     "против", "среди", "вокруг", "кроме", "возле", "ради", "вместо",
                     "помимо", "со стороны", "напротив", "вблизи"), "gent"),
    **dict.fromkeys(("к", "ко", "благодаря", "согласно", "навстречу", "по"), "datv"),
    **dict.fromkeys(("о", "об", "обо", "при"), "loct"),
    **dict.fromkeys(("с", "со", "за", "под", "над", "перед", "между", "вместе с"), "ablt"),
    **dict.fromkeys(("через", "про", "сквозь"), "accs"),
}
# в/на take the accusative after a verb of motion ("прибыл в Тегеран"), else the locative.
_PLACE_PREPOSITIONS = ("в", "во", "на")
_MOTION = re.compile(
    r"(?:при|у|вы|от|за|пере|по|в|во|до)?(?:ехал|ехала|ехали|едет|едут|летел|летела|"
    r"летели|летит|летят|шёл|шел|шла|шли|ездил|ездила|ездили)"
    r"|(?:при|от)был[аио]?|(?:при|от)будет|прибыва\w*|(?:на|от)прав\w*|вернул\w*|возвраща\w*")
# Titles a name stands in apposition to: the name agrees with the title's case.
TITLES = frozenset({
    "министр", "президент", "глава", "председатель", "пресс-секретарь", "секретарь", "лидер",
    "премьер", "премьер-министр", "спикер", "посол", "представитель", "коллега", "генсек",
    "канцлер", "аятолла", "верховный", "руководитель", "господин", "госпожа", "дипломат",
    "город", "столица", "страна",
})
_WORD_BEFORE = re.compile(r"([А-Яа-яЁё-]+)[^\wА-Яа-яЁё]*$")


def case_for_context(before: str, kind: Kind = Kind.NAME) -> CaseGuess:
    """The case of a name placed right after ``before`` (the engine's words before it)."""
    if analyzer() is None:
        return CaseGuess("nomn", False, "no Russian morphology installed")
    tail = before.rstrip()
    if not tail or tail[-1] in ".!?:;«\"(—–":
        return CaseGuess("nomn", True, "start of a sentence or clause")
    if tail[-1] == ",":
        return CaseGuess("nomn", False, "after a comma")
    words = re.findall(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*", tail)
    if not words or not _WORD_BEFORE.search(tail):
        return CaseGuess("nomn", False, "no Russian word before the name")
    return _case_after_words(words)


def _case_after_words(words: list[str]) -> CaseGuess:
    """The case called for by the last words before the name (a preposition, a title)."""
    previous = words[-1].lower()
    pair = " ".join(words[-2:]).lower()
    if pair in PREPOSITIONS:
        return CaseGuess(PREPOSITIONS[pair], True, f"after {pair!r}")
    if previous in PREPOSITIONS:
        return CaseGuess(PREPOSITIONS[previous], True, f"after {previous!r}")
    if previous in _PLACE_PREPOSITIONS:
        verb = words[-2].lower() if len(words) > 1 else ""
        if _MOTION.fullmatch(verb):
            return CaseGuess("accs", True, f"after {verb!r} {previous!r}")
        return CaseGuess("loct", True, f"after {previous!r}")
    for word in reversed(words[-4:]):
        title = _title_case(word)
        if title is not None:
            return title
        if word.lower() in PREPOSITIONS or word.lower() in _PLACE_PREPOSITIONS:
            break
    return _case_after_word(words[-1])


def _title_case(word: str) -> CaseGuess | None:
    """The case of a title the name stands in apposition to ("министром Лавровым")."""
    parses = [p for p in analyzer().parse(word) if p.normal_form in TITLES]
    if not parses:
        return None
    cases = {p.tag.case for p in parses if p.tag.case}
    if len(cases) == 1 or (cases and cases <= {"gent", "accs"}):
        return CaseGuess(min(cases), True, f"apposition to {word!r}")
    return CaseGuess("nomn", False, f"apposition to {word!r}, case ambiguous")


def _case_after_word(word: str) -> CaseGuess:
    tag = analyzer().parse(word)[0].tag
    if tag.POS == "NOUN" and not any(t in tag for t in _PROPER_TAGS):
        return CaseGuess("gent", True, f"depends on the noun {word!r}")
    if tag.POS in ("VERB", "INFN", "PRTS", "GRND"):
        return CaseGuess("nomn", False, f"after the verb {word!r}")
    return CaseGuess("nomn", False, f"after {word!r}")
