"""The kinds of catalogue entries and the words every explanation shares."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final, Literal

from scoring.population import Population, Tri
from scoring.text import Text
from scoring.vocabulary import NO as NO
from scoring.vocabulary import UNKNOWN as UNKNOWN
from scoring.vocabulary import YES as YES
from scoring.vocabulary import Band

State = Literal["true", "false", "unknown", "off", "out_of_phase"]
STATES: Final[tuple[State, ...]] = ("true", "false", "unknown", "off", "out_of_phase")

Rule = Callable[[Population], Tri]

OFF: Final = Text(
    "uitgeschakeld in beleid {policy_version}", "switched off in policy {policy_version}"
)
OUT_OF_PHASE: Final = Text(
    "niet van toepassing: geldt alleen in de preventieve fase (HvB)",
    "not applicable: applies in remand only",
)

STATE_LABELS: Final[dict[State, Text]] = {
    "true": Text("waar", "true"),
    "false": Text("niet waar", "false"),
    "unknown": UNKNOWN,
    "off": Text("uitgeschakeld", "switched off"),
    "out_of_phase": Text("buiten fase", "out of phase"),
}


@dataclass(frozen=True)
class Sentences:
    """How a criterion explains each of its states (placeholders are filled per detainee)."""

    true: Text = YES
    false: Text = NO
    unknown: Text = UNKNOWN
    off: Text = OFF
    out_of_phase: Text = OUT_OF_PHASE

    def for_state(self, state: State) -> Text:
        """The sentence for one state."""
        return {
            "true": self.true,
            "false": self.false,
            "unknown": self.unknown,
            "off": self.off,
            "out_of_phase": self.out_of_phase,
        }[state]


@dataclass(frozen=True)
class CatalogueItem:
    """What every catalogue entry has: its id, its slug, its name and the inputs it reads."""

    id: str
    slug: str
    name: Text
    inputs: tuple[str, ...]


@dataclass(frozen=True)
class AutomatedCriterion(CatalogueItem):
    """A criterion that can decide a band (C01–C10)."""

    phase: Literal["both", "remand", "any"]
    step: int
    band: Band
    rule: Rule
    fires_when: Text
    sentences: Sentences = field(default_factory=Sentences)
    switchable: bool = False
    note: Text | None = None
    #: Id of a criterion that, when true, keeps this one from deciding (C10 yields to C07).
    yields_to: str | None = None
    reference: str = "report table 7; appendix 1"


@dataclass(frozen=True)
class WeighingCriterion(CatalogueItem):
    """A criterion shown for the professional weighing (C11–C17); never decides a band."""

    shows: Text
    reference: str = "report table 7; appendix 1, part 2"


@dataclass(frozen=True)
class Tier(CatalogueItem):
    """An optional extra tier that adds 1 to the tier score when switched on and holding."""

    rule: Rule
    holds_when: Text
    sentences: Sentences
    #: Where the report proposes the tier (section 5.4, below table 7).
    reference: str


@dataclass(frozen=True)
class ProfileSignal(CatalogueItem):
    """One of the five signals of the report's consensus profile for high priority."""

    rule: Rule


PHASE_TEXT: Final[dict[str, Text]] = {
    "both": Text("beide", "both"),
    "remand": Text("preventief", "remand"),
    "any": Text("elke (meestal na vonnis)", "any (normally after verdict)"),
}
