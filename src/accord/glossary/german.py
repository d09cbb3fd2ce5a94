"""German derivations of names: compounds with a name as first element and -er adjectives.

"Kremlchef", "Putinversteher", "Iranpolitik", "Russlandreise" render the name they
start with; "Teheraner", "Moskauer" (indeclinable place adjectives) render the
place. Words formed with a derivational suffix are other words: "Putinismus",
"Iranistik", "Iraner|in", "Moskauer|in". A word these rules get wrong is listed
under the concept's ``ignore`` (or ``derive: false`` turns derivation off).

Own rules rather than a lexicon, measured on tests/data/german_derivations.yaml:
simplemma's German lexicon (as a "is the rest a word" test) knows "Tip" and "Air"
and so took "Kasantip" and "Iranair" for compounds, costs 3 s and 120 MB to load;
compound-split's character n-gram scores rejected "Putinversteher" and
"Russlandfeindlichkeit" and accepted "Teheranerin"; charsplit-fst needs Python
≥ 3.12. README.md ("German derivations") has the figures.
"""

from __future__ import annotations

# What a name may be followed by inside a compound before the second element.
LINKS = ("es", "s")
MIN_HEAD = 4  # "Putin|ka" (a vodka), "Kasan|owa" are no compounds
# A name as the last element ("Welt|sicherheitsrat") only from this length: "Ras|putin".
MIN_NAME_HEAD = 6
# Derivational suffixes: a word made with one is not the name ("Putin|ismus").
DERIVED_PREFIXES = (
    "ism", "ist", "isch", "ier", "ian", "erin", "inn", "inolog", "olog", "esk", "ität",
    "ifizier", "isier",
)
# Endings a name takes in running text besides the genitive: -er place adjectives.
PLACE_ADJECTIVE = "er"


def compound_link(rest: str) -> int | None:
    """The length of the linking element when ``rest`` (what follows a name inside one
    word) makes a compound ("chef" → 0, "esbesuch" → 2), else None ("ismus")."""
    low = rest.lower()
    if low.startswith(DERIVED_PREFIXES) or low.startswith(PLACE_ADJECTIVE + "in"):
        return None
    for link in ("", *LINKS):
        if not low.startswith(link):
            continue
        head = low[len(link):]
        if len(head) >= MIN_HEAD and head.isalpha() and not head.startswith(DERIVED_PREFIXES):
            return len(link)
    return None
