"""Every word on the screen exists in Dutch and in English."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest

from dashboard.form_parts import PART_1, PART_2
from dashboard.forms import DECISIONS, REASONS, decision_label, reason_label
from dashboard.i18n import LANGUAGES, MissingText, catalogue, catalogue_problems
from dashboard.identity import role_label
from dashboard.panels.audit_panels import AUDIT_SECTIONS
from dashboard.triage import MARKERS
from scoring.fields import FIELDS, GROUPS
from scoring.vocabulary import BAND_LABELS, PHASE_LABELS
from storage.actor import ACCOUNT_ROLES as ROLES
from storage.audit_views import DECISION_COLUMNS, OVERRIDE_COLUMNS
from storage.integrity import ProblemKind
from storage.replay import ReplayStatus
from storage.seal import CHAIN_NAMES

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"
#: texts("literal.key") and texts('literal.key') in the dashboard's code.
LITERAL_KEY = re.compile(r"""texts\(\s*["']([a-z_]+(?:\.[a-z_0-9]+)+)["']""")


def test_both_catalogues_have_the_same_keys_and_placeholders() -> None:
    assert catalogue_problems() == []


def test_a_missing_key_is_reported_by_name() -> None:
    with pytest.raises(MissingText, match=r"no text 'list\.nonexistent' in the nl catalogue"):
        catalogue("nl")("list.nonexistent")


def test_every_key_the_code_uses_exists_in_every_language() -> None:
    used = {
        key
        for path in DASHBOARD.rglob("*.py")
        for key in LITERAL_KEY.findall(path.read_text(encoding="utf-8"))
    }
    assert len(used) > 100
    for language in LANGUAGES:
        missing = sorted(key for key in used if key not in catalogue(language).texts)
        assert missing == [], f"{language}.toml lacks {missing}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_composed_key_exists(language: str) -> None:
    texts = catalogue(language)  # type: ignore[arg-type]
    composed = [
        *(f"markers.{marker}" for marker in MARKERS),
        *(f"forms.errors.{field}" for field in ("band", "reason_category", "option")),
        "detainee.part_1",
        "detainee.part_2",
        *(f"audit.chains.{chain}" for chain in CHAIN_NAMES),
        *(f"audit.problems.{kind}" for kind in get_args(ProblemKind)),
        *(f"audit.proof.one_{status}" for status in get_args(ReplayStatus)),
        *(f"audit.list_columns.{name}" for name in {*OVERRIDE_COLUMNS, *DECISION_COLUMNS}),
        *(f"audit.sections.{section}" for section in AUDIT_SECTIONS),
    ]
    assert [key for key in composed if key not in texts.texts] == []


def test_the_form_shows_every_field_of_the_catalogue_once() -> None:
    shown = [field for part in (PART_1, PART_2) for _, fields in part for field in fields]
    assert sorted(shown) == sorted(field.name for field in FIELDS)


def test_every_group_of_the_catalogue_is_on_one_part_of_the_form() -> None:
    assert [group for part in (PART_1, PART_2) for group, _ in part] == [g.key for g in GROUPS]


def test_every_field_and_group_has_a_label_in_both_languages() -> None:
    for label in [*(field.label for field in FIELDS), *(group.title for group in GROUPS)]:
        assert label.nl.strip() and label.en.strip()


@pytest.mark.parametrize("language", LANGUAGES)
def test_bands_phases_roles_reasons_and_decisions_have_words(language: str) -> None:
    texts = catalogue(language)  # type: ignore[arg-type]
    assert set(BAND_LABELS) >= {"priority", "weighing_first", "weighing_if_time"}
    assert set(PHASE_LABELS) == {"remand", "sentenced"}
    assert all(texts.band(band).strip() for band in BAND_LABELS)
    assert all(role_label(texts, role).strip() for role in ROLES)
    reasons = [reason_label(reason, texts) for reason in REASONS]
    decisions = [decision_label(option, texts) for option in DECISIONS]
    assert all(reasons) and len(set(reasons)) == len(REASONS)
    assert all(decisions) and len(set(decisions)) == len(DECISIONS)


def test_dutch_and_english_differ_where_they_should() -> None:
    dutch, english = catalogue("nl"), catalogue("en")
    assert dutch("list.title") == "Triagelijst"
    assert english("list.title") == "Triage list"
    assert dutch.band("no_priority") == "geen prioriteit"
    assert english.band("no_priority") == "no priority"


def test_no_screen_or_storage_module_picks_words_by_comparing_the_language() -> None:
    """Bilingual words are `Text` values; only `Text` itself chooses between nl and en."""
    root = Path(__file__).resolve().parents[2]
    offenders = []
    for package in ("scoring", "feeds", "storage", "dashboard", "som_cli"):
        for path in (root / package).rglob("*.py"):
            if path.name == "text.py" and package == "scoring":
                continue
            source = path.read_text(encoding="utf-8")
            if re.search(r"language\s*==|==\s*[\"'](nl|en)[\"']|\[0 if ", source):
                offenders.append(str(path.relative_to(root)))
    assert offenders == []
