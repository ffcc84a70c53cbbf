"""SOM's rules: pure scoring, no I/O, no clock, no UI.

Public surface: the policy (`Policy`, `parse_policy`, `PolicyError`), a detainee's inputs
(`DetaineeInputs`, `inputs_frame`, `records_from_frame`), the engine (`score`), the list order
(`dashboard_order`), JSON result objects (`result_record`, `result_records`) and explanations
(`explain`, `describe_change`). The criteria catalogue is `scoring.catalogue`.
"""

from scoring.engine import RESULT_COLUMNS, STATE_COLUMNS, score
from scoring.explain import Explanation, describe_change, explain
from scoring.inputs import DetaineeInputs, inputs_frame, records_from_frame
from scoring.order import dashboard_order
from scoring.policy import Policy, PolicyError, parse_policy
from scoring.results import result_record, result_records

__all__ = [
    "RESULT_COLUMNS",
    "STATE_COLUMNS",
    "DetaineeInputs",
    "Explanation",
    "Policy",
    "PolicyError",
    "dashboard_order",
    "describe_change",
    "explain",
    "inputs_frame",
    "parse_policy",
    "records_from_frame",
    "result_record",
    "result_records",
    "score",
]
