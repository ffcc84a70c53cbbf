"""Benchmarks for SOM and the naive per-row reference scorer they compare against.

Benchmarks write evidence into scratch databases, which SOM seals with the audit key; when none
is configured they use a fixed benchmark key (docs/audit.md), never a deployment's.
"""

import os

#: The audit key of benchmark runs without one of their own (64 hex digits).
BENCH_AUDIT_KEY = "be" * 32

if not os.environ.get("SOM_AUDIT_KEY", "").strip():
    os.environ["SOM_AUDIT_KEY"] = BENCH_AUDIT_KEY
