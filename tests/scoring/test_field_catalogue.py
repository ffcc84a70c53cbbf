"""The field catalogue (scoring/fields.py) is the one declaration every input list derives from."""

from __future__ import annotations

import pytest

from feeds.columns import DJI_COLUMNS, IRIS_COLUMNS
from scoring.fields import (
    FIELD_BY_NAME,
    FIELDS,
    FieldCatalogueError,
    _field,
    catalogue_problems,
    feed_columns,
    field_names,
)
from scoring.inputs import INPUT_COLUMNS, DetaineeInputs, inputs_frame


def test_the_catalogue_contradicts_itself_nowhere() -> None:
    assert catalogue_problems() == []


def test_detainee_inputs_has_exactly_the_catalogue_fields() -> None:
    assert set(DetaineeInputs.model_fields) == {field.name for field in FIELDS}


def test_the_input_frame_has_one_column_per_catalogue_field() -> None:
    frame = inputs_frame([DetaineeInputs(skn="1", pi="Sittard", phase="remand")])
    assert sorted(frame.columns) == sorted(field.name for field in FIELDS)
    assert list(frame.columns) == list(INPUT_COLUMNS)


def test_feed_columns_are_the_catalogue_fields_of_each_feed_with_skn_first() -> None:
    assert [c.name for c in DJI_COLUMNS] == list(field_names(feed="dji"))
    assert [c.name for c in IRIS_COLUMNS] == ["skn", *field_names(feed="iris")]


@pytest.mark.parametrize("name", ["skn", "pi", "phase"])
def test_required_fields_have_no_default_in_the_model(name: str) -> None:
    assert DetaineeInputs.model_fields[name].is_required()
    assert FIELD_BY_NAME[name].required


def test_checkbox_fields_default_to_false_like_an_empty_cell() -> None:
    checkboxes = [f for f in FIELDS if f.empty_means == "false"]
    assert len(checkboxes) == 6
    plain = DetaineeInputs(skn="1", pi="Sittard", phase="remand")
    for field in checkboxes:
        assert getattr(plain, field.name) is False
        assert next(c for c in DJI_COLUMNS if c.name == field.name).empty is False


def test_list_fields_whose_empty_cell_means_none_default_to_an_empty_list() -> None:
    plain = DetaineeInputs(skn="1", pi="Sittard", phase="remand")
    assert plain.special_conditions == ()
    assert plain.care_contacts == ()
    assert plain.protective_factors is None  # empty means unknown


def test_the_derived_probation_flag_is_in_no_feed() -> None:
    flag = FIELD_BY_NAME["has_probation_record"]
    assert flag.feed is None
    assert all(flag.name not in [c.name for c in feed_columns(feed)] for feed in ("dji", "iris"))


def test_a_catalogue_entry_with_an_unknown_key_is_refused_naming_field_and_key() -> None:
    entry = {"name": "x", "kind": "text", "group": "person", "nl": "x", "en": "x", "colour": 1}
    with pytest.raises(FieldCatalogueError, match="field x: unknown key 'colour'"):
        _field(entry)


def test_a_catalogue_entry_with_an_unknown_kind_is_refused() -> None:
    entry = {"name": "x", "kind": "number", "group": "person", "nl": "x", "en": "x"}
    with pytest.raises(FieldCatalogueError, match="field x: kind 'number' is not known"):
        _field(entry)
