"""Stored input documents: canonical JSON whose hash is the detainee's fingerprint, and which
reads back to the same engine input frame."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from feeds import read_feeds
from scoring.inputs import DetaineeInputs, inputs_frame
from storage.codec import (
    fingerprint,
    frame_from_records,
    input_document,
    input_records,
    records_from_documents,
)

SAMPLE = Path(__file__).parents[2] / "fixtures" / "sample"

optional_dates = st.none() | st.dates(min_value=date(1950, 1, 1), max_value=date(2030, 12, 31))
optional_flags = st.none() | st.booleans()
optional_texts = st.none() | st.text(max_size=12)
optional_lists = st.none() | st.lists(st.text(max_size=8), max_size=3).map(tuple)

detainees = st.builds(
    DetaineeInputs,
    skn=st.text(min_size=1, max_size=9),
    pi=st.sampled_from(["Sittard", "Arnhem", "Vught"]),
    phase=st.sampled_from(["remand", "sentenced"]),
    name=optional_texts,
    date_of_birth=optional_dates,
    intake_date=optional_dates,
    risc_date=optional_dates,
    advice_requested=optional_flags,
    supervision_after_detention=optional_flags,
    has_probation_record=st.booleans(),
    recidivism_risk=st.none() | st.sampled_from(["low", "medium", "high"]),
    criminogenic_factors=optional_lists,
    protective_factors=optional_lists,
    rw_notes=optional_texts,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(detainees, min_size=1, max_size=5))
def test_documents_read_back_to_the_same_input_frame(people: list[DetaineeInputs]) -> None:
    frame = inputs_frame(people)
    documents = [input_document(record) for record in input_records(frame)]
    for person, document in zip(people, documents, strict=True):
        assert fingerprint(document) == person.fingerprint("all")
    restored = frame_from_records(records_from_documents(documents))
    pd.testing.assert_frame_equal(restored, frame)


def test_documents_of_the_committed_sample_read_back_unchanged() -> None:
    frame = read_feeds(SAMPLE / "dji.csv", SAMPLE / "iris.csv").inputs
    records = input_records(frame)
    restored = frame_from_records(records_from_documents([input_document(r) for r in records]))
    pd.testing.assert_frame_equal(restored, inputs_frame([r.model_dump() for r in _models(frame)]))


def _models(frame: pd.DataFrame) -> list[DetaineeInputs]:
    from scoring.inputs import records_from_frame

    return records_from_frame(frame)
