"""The columns of the two feeds (feeds.md): kind, whether required, what an empty cell means."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, Literal

from feeds import cells
from feeds.cells import CellValue, Outcome

Kind = Literal[
    "skn",
    "text",
    "date",
    "boolean",
    "phase",
    "level",
    "self_reliance",
    "motivation",
    "factor_list",
    "free_list",
]

PARSERS: Final[dict[Kind, Callable[[str], Outcome]]] = {
    "skn": cells.parse_skn,
    "text": cells.parse_text,
    "date": cells.parse_date,
    "boolean": cells.parse_boolean,
    "phase": cells.parse_phase,
    "level": cells.parse_level,
    "self_reliance": cells.parse_self_reliance,
    "motivation": cells.parse_motivation,
    "factor_list": cells.parse_factor_list,
    "free_list": cells.parse_free_list,
}


@dataclass(frozen=True)
class Column:
    """One column of a feed."""

    name: str
    kind: Kind
    required: bool = False
    #: The value of an empty cell: None (unknown / none), False (unticked checkbox) or ()
    #: (an empty list). Ignored for required columns, where an empty cell rejects the row.
    empty: CellValue = None

    def parse(self, raw: str) -> Outcome:
        """Read one cell of this column."""
        if raw.strip() == "":
            if self.required:
                return cells.Invalid("missing required value")
            return cells.Parsed(self.empty)
        outcome = PARSERS[self.kind](raw)
        if self.required and isinstance(outcome, cells.Parsed) and outcome.value is None:
            return cells.Invalid(f"{cells.quote(raw)}: a known value is required")
        return outcome


DJI_COLUMNS: Final[tuple[Column, ...]] = (
    Column("skn", "skn", required=True),
    Column("name", "text"),
    Column("date_of_birth", "date"),
    Column("pi", "text", required=True),
    Column("phase", "phase", required=True),
    Column("intake_date", "date"),
    Column("hearing_date", "date"),
    Column("expected_release_date", "date"),
    Column("offence_article", "text"),
    Column("scil_lvb_indication", "boolean"),
    Column("supervision_after_detention", "boolean", empty=False),
    Column("article_43_3_placement", "boolean", empty=False),
    Column("no_residence_status", "boolean", empty=False),
    Column("tbs_imposed", "boolean", empty=False),
    Column("isd_imposed", "boolean", empty=False),
    Column("outflow_care_authorisation", "boolean", empty=False),
    Column("cm_name", "text"),
    Column("cm_notes", "text"),
)

IRIS_COLUMNS: Final[tuple[Column, ...]] = (
    Column("skn", "skn", required=True),
    Column("rw_name", "text"),
    Column("latest_information_date", "date"),
    Column("advice_requested", "boolean"),
    Column("om_isd_tbs_investigation", "boolean"),
    Column("risc_date", "date"),
    Column("recidivism_risk", "level"),
    Column("injury_risk", "level"),
    Column("absconding_risk", "level"),
    Column("criminogenic_factors", "factor_list"),
    Column("protective_factors", "free_list"),
    Column("self_reliance", "self_reliance"),
    Column("motivation", "motivation"),
    Column("asr_framework_applied", "boolean"),
    Column("special_conditions", "free_list", empty=()),
    Column("care_contacts", "free_list", empty=()),
    Column("rw_notes", "text"),
)

FEED_COLUMNS: Final[dict[str, tuple[Column, ...]]] = {"dji": DJI_COLUMNS, "iris": IRIS_COLUMNS}
