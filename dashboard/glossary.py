"""Tooltips from the glossary: `term_help("HvB", "nl")` is the one line a widget shows.

The entries are `scoring.glossary`'s (jargon from `scoring/glossary.toml`, bands, criteria and
tiers derived from their catalogues). A term is looked up by its key as it shows on screen —
"HvB", "RISC", "C07", "T3" — or by a band's key ("priority", "weighing_first"), in any case.
"""

from __future__ import annotations

from functools import cache

from dashboard.markup import Markup, paragraphs, plain
from scoring.glossary import Entry, glossary
from scoring.vocabulary import Language


class UnknownTerm(KeyError):
    """A term the glossary does not explain (a typo in a `term_help` call)."""


@cache
def entries() -> tuple[Entry, ...]:
    """Every glossary entry, in the glossary's order (read once per process)."""
    return glossary()


@cache
def _by_key() -> dict[str, Entry]:
    return {entry.key.casefold(): entry for entry in entries()}


def entry(term: str) -> Entry:
    """The entry of `term` (its key, any case); `UnknownTerm` names it when there is none."""
    found = _by_key().get(term.strip().casefold())
    if found is None:
        raise UnknownTerm(f"the glossary has no term {term!r}")
    return found


def term_help(term: str, language: Language) -> str:
    """A term explained in one line of plain text, for `help=` of a widget or column:
    "HvB — huis van bewaring: De preventieve fase: …". Plain text: a caller putting it where
    Markdown is read passes it through `dashboard.markup.plain`."""
    return entry(term).help(language)


def explained(help_text: Markup, language: Language, *terms: str) -> Markup:
    """A widget's own help text (catalogue wording) with the glossary's line for each of
    `terms` under it, escaped like any text that is not the dashboard's own."""
    return paragraphs(help_text, *(plain(term_help(term, language)) for term in terms))
