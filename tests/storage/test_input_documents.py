"""Stored input documents: canonical JSON whose hash is the detainee's fingerprint, and which
reads back to the same engine input frame."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from feeds import read_feeds
from scoring.inputs import DetaineeInputs, inputs_frame
from storage.codec import (
    fingerprint,
    frame_from_documents,
    frame_from_records,
    input_document,
    input_records,
    records_from_documents,
)
from tests.scoring.support import FEED_FIELDS, field_values

SAMPLE = Path(__file__).parents[2] / "fixtures" / "sample"

#: Any detainee: every catalogue field drawn from its kind.
detainees = st.builds(
    DetaineeInputs,
    **{field.name: field_values(field) for field in FEED_FIELDS},
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


@settings(max_examples=60, deadline=None)
@given(st.lists(detainees, min_size=1, max_size=5), st.data())
def test_arrow_reading_gives_the_frame_of_the_json_reading(
    people: list[DetaineeInputs], data: st.DataObject
) -> None:
    """`frame_from_documents` (the what-if's fast path) reads exactly what `frame_from_records`
    reads, also for documents stored before a field existed (its key missing: the default)."""
    frame = inputs_frame(people)
    documents = [input_document(record) for record in input_records(frame)]
    older = []
    for document in documents:
        record = json.loads(document)
        for key in data.draw(st.sets(st.sampled_from(sorted(record)), max_size=4)):
            del record[key]
        older.append(json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":")))
    for stored in (documents, older):
        expected = frame_from_records(records_from_documents(stored))
        read = frame_from_documents([document.encode() for document in stored])
        pd.testing.assert_frame_equal(read, expected)


def test_arrow_reading_keeps_empty_lists_lists_of_empty_text_and_separators_apart() -> None:
    """The distinct lists are built once each: [] and [""], and items holding the separator
    the reading joins with, still come back exactly."""
    base = input_records(read_feeds(SAMPLE / "dji.csv", SAMPLE / "iris.csv").inputs)[0]
    lists = [[], [""], ["a\x1fb", "c"], ["a", "b\x1fc"], ["a"], None, ["a"]]
    stored = [input_document({**base, "care_contacts": value}) for value in lists]
    read = frame_from_documents([document.encode() for document in stored])
    assert read["care_contacts"].tolist() == [None if v is None else tuple(v) for v in lists]
    plain = [input_document({**base, "care_contacts": v}) for v in ([], [""], ["a", ""], None)]
    read = frame_from_documents([document.encode() for document in plain])
    assert read["care_contacts"].tolist() == [(), ("",), ("a", ""), None]
