"""`result_records`: the `som score --format json` detainee objects of feeds.md."""

import json

from support import days_ago, detainee, score_all, sentenced

from scoring import result_records
from tests.contract import DETAINEE_KEYS


def test_json_record_has_the_fields_of_feeds_md() -> None:
    record = sentenced(
        skn="1234567",
        supervision_after_detention=True,
        no_residence_status=None,
        recidivism_risk=None,
        offence_article="Sr 300",
        intake_date=None,
    )
    (found,) = result_records(score_all([record]))
    assert list(found) == DETAINEE_KEYS
    assert found == {
        "skn": "1234567",
        "band": "priority",
        "provisional_band": "priority",
        "decisive": "C07",
        "fired": ["C07"],
        "unknown": ["C01", "C02", "C04"],
        "open_questions": [{"criterion": "C01", "band": "no_priority"}],
        "tiers": ["T2"],
        "tier_score": 0,
        "weighing_profile": {"signals": 0, "known": 4},
        "warnings": ["intake_date missing"],
    }


def test_json_record_of_weighing_has_a_null_decisive_criterion() -> None:
    (found,) = result_records(score_all([detainee()]))
    assert found["decisive"] is None
    assert json.loads(json.dumps(found))["decisive"] is None


def test_json_records_are_plain_json() -> None:
    records = [detainee(skn="1"), sentenced(skn="2", intake_date=days_ago(3), isd_imposed=True)]
    found = result_records(score_all(records))
    assert json.loads(json.dumps(found)) == found
    not_yet = next(r for r in found if r["skn"] == "2")
    assert (not_yet["band"], not_yet["provisional_band"], not_yet["decisive"]) == (
        "not_yet",
        "no_priority",
        "C09",
    )
