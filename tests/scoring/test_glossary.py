"""The glossary: jargon from its file, bands, criteria and tiers derived from their catalogues."""

from __future__ import annotations

import tomllib

import pytest

from scoring import glossary as glossary_module
from scoring.catalogue import AUTOMATED, TIERS, WEIGHING
from scoring.glossary import GlossaryError, glossary, glossary_problems
from scoring.policy import Policy
from scoring.vocabulary import BAND_LABELS

#: The terms issue 10 names and those a new user stumbles on: each must be explained.
REQUIRED_TERMS = ("HvB", "ASR", "3RO", "RISC", "SCIL", "LVB", "MDO", "SKN", "PI", "weging", "tier")


def by_key() -> dict[str, glossary_module.Entry]:
    return {entry.key: entry for entry in glossary()}


def test_the_glossary_file_has_no_problems() -> None:
    assert glossary_problems() == []


def test_every_band_criterion_and_tier_has_an_entry_named_as_its_catalogue_names_it() -> None:
    entries = by_key()
    for band, label in BAND_LABELS.items():
        assert entries[band].kind == "band"
        assert entries[band].name == label
    for item in (*AUTOMATED, *WEIGHING, *TIERS):
        assert entries[item.id].name == item.name, item.id


@pytest.mark.parametrize("term", REQUIRED_TERMS)
def test_the_jargon_a_new_user_meets_is_explained(term: str) -> None:
    assert by_key()[term].kind == "term"


def test_every_entry_speaks_both_languages_differently_and_completely() -> None:
    for entry in glossary():
        for language in ("nl", "en"):
            line = entry.help(language)
            assert entry.meaning.get(language).strip(), entry.key
            assert "{" not in line and "`" not in line and "?" not in line, line
        if entry.kind != "term" or entry.key not in ("3RO", "43.3"):
            assert entry.meaning.nl != entry.meaning.en, entry.key


def test_a_criterion_entry_names_the_band_it_decides_and_quotes_the_policy_threshold() -> None:
    strict = Policy().model_copy(update={"information_max_age_days": 200})
    entries = {entry.key: entry for entry in glossary(strict)}
    c03 = entries["C03"].meaning
    assert "200 dagen" in c03.nl and "200 days" in c03.en
    assert BAND_LABELS["no_priority"].en in c03.en
    assert "C07" in entries["priority"].meaning.en  # the band lists the criteria that give it


def test_a_band_missing_from_the_glossary_file_is_named(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    data = tomllib.loads(glossary_module.GLOSSARY_FILE.read_text(encoding="utf-8"))
    del data["band"]["defer"]
    data["band"]["maybe"] = ["x", "y"]
    monkeypatch.setattr(glossary_module, "_file", lambda: data)
    problems = glossary_problems()
    assert "glossary.toml: [band] has no meaning for 'defer'" in problems
    assert "glossary.toml: [band] 'maybe' is not a band of SOM" in problems
    with pytest.raises(GlossaryError, match="defer"):
        glossary()
