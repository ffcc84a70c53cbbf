"""The audit page's proofs: are all records intact (every keyed chain verified, against the
stored checkpoints and an uploaded copy of one), and does each stored band reproduce (replay one
assessment, or all of them)?

The work and the role check are `storage.audit_checks`, which also logs each check in the
access log; this module lays out what it found, in the page's language. A result is kept in the
session with the moment it was made, so it stays on screen while the auditor reads on.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any, Final

import pandas as pd
import streamlit as st

from dashboard import data, render
from dashboard.formatting import format_count, format_date, format_time
from dashboard.i18n import Catalogue
from dashboard.markup import Markup, plain
from dashboard.panels.prepared_files import MEDIA_TYPES
from storage.actor import Actor
from storage.audit_checks import (
    assessments_of,
    override_assessment,
    replay_every,
    replay_one,
    verify_records,
)
from storage.audit_key import AuditKeyMissing
from storage.errors import NotFound, ValidationFailed
from storage.integrity import IntegrityReport, Problem
from storage.replay import ReplayReport, ReplayResult

_VERIFIED: Final = "audit_verified"
_REPLAYED_ALL: Final = "audit_replayed_all"
_REPLAYED_ONE: Final = "audit_replayed_one"
_LISTED: Final = "audit_replay_listed"
#: How many differing fields the page lists; the rest is counted (the CLI lists them all).
_SHOWN_DIFFERENCES: Final = 200
#: The most an uploaded checkpoint may weigh (one is a few kB).
_CHECKPOINT_LIMIT: Final = 1_000_000


def integrity_panel(actor: Actor, texts: Catalogue) -> None:
    """Verify every chain on request; show the outcome per chain."""
    render.subheader(texts("audit.proof.integrity"))
    render.caption(texts("audit.proof.integrity_caption"))
    upload = render.file_uploader(
        texts("audit.proof.checkpoint_file"),
        help=texts("audit.proof.checkpoint_help"),
        type=["json"],
        key="audit_checkpoint_file",
    )
    if render.button(texts("audit.proof.verify"), key="audit_verify", type="primary"):
        _verify(actor, upload, texts)
    kept = st.session_state.get(_VERIFIED)
    if kept is not None:
        moment, report, file_name = kept
        _integrity_report(report, moment, file_name, texts)


def records_in_doubt(chain: str) -> frozenset[int]:
    """The records of `chain` the last verification on this page named (none before one)."""
    kept = st.session_state.get(_VERIFIED)
    return frozenset() if kept is None else kept[1].records_in_doubt(chain)


def _verify(actor: Actor, upload: Any, texts: Catalogue) -> None:
    text = name = None
    if upload is not None:
        raw = upload.getvalue()
        name = str(upload.name)
        if len(raw) > _CHECKPOINT_LIMIT:
            st.session_state.pop(_VERIFIED, None)
            render.error(texts("audit.proof.checkpoint_too_large", file=name, size="1 MB"))
            return
        text = raw.decode("utf-8", errors="replace")
    try:
        with st.spinner(str(texts("audit.proof.verifying"))):
            report = verify_records(
                data.database(),
                actor=actor,
                checkpoint_text=text,
                checkpoint_name=name or "the uploaded checkpoint",
            )
    except AuditKeyMissing:
        st.session_state.pop(_VERIFIED, None)
        render.error(texts("audit.proof.no_key"))
        return
    except ValidationFailed:
        # An earlier report stays no longer: it would read as this file's.
        st.session_state.pop(_VERIFIED, None)
        render.error(texts("audit.proof.checkpoint_unreadable", file=name or ""))
        return
    st.session_state[_VERIFIED] = (datetime.now(UTC), report, name)


def _integrity_report(
    report: IntegrityReport, moment: datetime, file_name: str | None, texts: Catalogue
) -> None:
    checked = texts(
        "audit.proof.checked",
        moment=format_time(moment, texts),
        checkpoints=report.checkpoints_checked,
        key_id=report.key_id,
    )
    bad = set(report.bad_chains)
    if report.ok and report.checkpoints_checked == 0:
        render.warning(texts("audit.proof.unaltered_unanchored", chains=len(report.chains)))
    elif report.ok:
        render.success(texts("audit.proof.intact", chains=len(report.chains)))
    else:
        render.error(
            texts(
                "audit.proof.not_intact",
                bad=len(bad),
                checkpoints=len(report.checkpoint_problems),
            )
        )
    render.caption(checked)
    if file_name:
        render.caption(texts("audit.proof.with_file", file=file_name))
    render.table(
        {
            texts("audit.proof.columns.chain"): [
                texts(f"audit.chains.{chain.name}") for chain in report.chains
            ],
            texts("audit.proof.columns.records"): [
                plain(format_count(chain.rows, texts)) for chain in report.chains
            ],
            texts("audit.proof.columns.state"): [
                texts("audit.proof.bad" if chain.name in bad else "audit.proof.ok")
                for chain in report.chains
            ],
            texts("audit.proof.columns.first_problem"): [
                problem_text(report.first_problem_of(chain), texts) for chain in report.chains
            ],
            texts("audit.proof.columns.problems"): [
                plain(format_count(report.problem_count_of(chain), texts))
                for chain in report.chains
            ],
        }
    )
    for problem in report.checkpoint_problems:
        render.error(problem_text(problem, texts))
    _report_file(report.document(), "som-audit-verify.json", "audit_verify_file", texts)


def _report_file(document: dict[str, Any], file_name: str, key: str, texts: Catalogue) -> None:
    """A check's report as the JSON file its command prints (`--format json`)."""
    render.download_button(
        texts("audit.proof.report_file"),
        json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n",
        file_name=file_name,
        mime=MEDIA_TYPES["json"],
        key=key,
    )


def problem_text(problem: Problem | None, texts: Catalogue) -> Markup:
    """What is wrong, in words: the kind of problem, its chain and record, and the checkpoint
    it was found against (empty for no problem)."""
    if problem is None:
        return plain("")
    chain_key = f"audit.chains.{problem.chain}"
    chain = texts.texts.get(chain_key, problem.chain)
    return texts(
        f"audit.problems.{problem.kind}",
        chain=chain,
        record="?" if problem.record_id is None else problem.record_id,
        source=_source(problem, texts),
    )


def _source(problem: Problem, texts: Catalogue) -> Markup:
    """The checkpoint a problem was found against: a stored one by number, a file by name."""
    if problem.stored_checkpoint is not None:
        return texts("audit.proof.stored_checkpoint", number=problem.stored_checkpoint)
    return plain(problem.source or "")


def replay_panel(actor: Actor, texts: Catalogue) -> None:
    """Replay every assessment, or the ones of one detainee, on request."""
    render.subheader(texts("audit.proof.replay"))
    render.caption(texts("audit.proof.replay_caption"))
    if render.button(texts("audit.proof.replay_all"), key="audit_replay_all"):
        with st.spinner(str(texts("audit.proof.replaying"))):
            report = replay_every(data.database(), actor=actor)
        st.session_state[_REPLAYED_ALL] = (datetime.now(UTC), report)
    kept = st.session_state.get(_REPLAYED_ALL)
    if kept is not None:
        _replay_report(kept[1], kept[0], texts)
    _one_detainee(actor, texts)


def _replay_report(report: ReplayReport, moment: datetime, texts: Catalogue) -> None:
    differing = len(report.differing_assessments)
    summary = texts(
        "audit.proof.replay_summary",
        replayed=format_count(report.replayed, texts),
        version=report.rules_version,
        reproduced=format_count(report.reproduced, texts),
        differ=format_count(differing, texts),
    )
    if report.ok:
        render.success(summary)
    else:
        render.error(summary)
    if report.other_rules_versions:
        render.caption(
            texts(
                "audit.proof.other_rules",
                count=format_count(report.other_rules_version_count, texts),
                versions=", ".join(report.other_rules_versions),
            )
        )
    render.caption(texts("audit.proof.replayed_at", moment=format_time(moment, texts)))
    _report_file(report.document(), "som-audit-replay.json", "audit_replay_file", texts)
    if report.differences:
        shown = report.differences[:_SHOWN_DIFFERENCES]
        _differences_table(
            [d.assessment_id for d in shown],
            [d.skn for d in shown],
            [(d.field, d.stored, d.recomputed) for d in shown],
            texts,
        )
        if len(report.differences) > len(shown):
            render.caption(
                texts("audit.proof.more_differences", count=len(report.differences) - len(shown))
            )


def _differences_table(
    assessment_ids: list[int],
    skns: list[str],
    fields: list[tuple[str, Any, Any]],
    texts: Catalogue,
) -> None:
    frame = pd.DataFrame(
        {
            str(texts("audit.proof.columns.assessment")): assessment_ids,
            str(texts("audit.proof.columns.skn")): skns,
            str(texts("audit.proof.columns.field")): [f[0] for f in fields],
            str(texts("audit.proof.columns.stored")): [_value(f[1]) for f in fields],
            str(texts("audit.proof.columns.recomputed")): [_value(f[2]) for f in fields],
        }
    )
    st.dataframe(frame, hide_index=True, width="stretch")


def _value(value: Any) -> str:
    return "—" if value is None else str(value)


def _one_detainee(actor: Actor, texts: Catalogue) -> None:
    skn = render.text_input(texts("audit.proof.skn"), key="audit_replay_skn", max_chars=16)
    if not skn.strip():
        return
    # Looked up (and logged as a search) once per SKN typed, not on every rerun of the page.
    kept = st.session_state.get(_LISTED)
    if kept is None or kept[0] != skn.strip():
        try:
            found = assessments_of(data.database(), skn.strip(), actor=actor)
        except NotFound:
            found = None
        kept = (skn.strip(), found)
        st.session_state[_LISTED] = kept
    listed = kept[1]
    if listed is None:
        render.info(texts("audit.proof.unknown_skn", skn=skn.strip()))
        return
    if listed.empty:
        render.info(texts("audit.proof.no_assessments", skn=skn.strip()))
        return
    rows: dict[int, dict[Any, Any]] = {
        int(row["assessment_id"]): row for row in listed.to_dict("records")
    }
    chosen = render.selectbox(
        texts("audit.proof.assessment"),
        list(rows),
        key="audit_replay_choice",
        # An option is shown as written (no Markdown): the template filled without escapes.
        format_func=lambda number: texts.texts["audit.proof.assessment_option"].format(
            id=number,
            as_of=format_date(rows[number]["as_of"], texts),
            band=texts.band(str(rows[number]["band"])),
            rules=rows[number]["rules_version"],
        ),
    )
    if chosen is None:
        return
    if render.button(texts("audit.proof.replay_one"), key="audit_replay_one"):
        replay_assessment_now(actor, int(chosen))
    replay_result_panel(texts, assessment_id=int(chosen))


def replay_assessment_now(actor: Actor, assessment_id: int) -> None:
    """Replay one assessment and keep the result for `replay_result_panel`."""
    result = replay_one(data.database(), assessment_id, actor=actor)
    st.session_state[_REPLAYED_ONE] = result


def override_assessment_id(actor: Actor, override_id: int) -> int:
    """The assessment an override was made on (the one its replay button replays)."""
    return override_assessment(data.database(), override_id, actor=actor)


def replay_result_panel(texts: Catalogue, assessment_id: int | None = None) -> None:
    """The kept replay of one assessment (only when it is `assessment_id`, when given)."""
    result: ReplayResult | None = st.session_state.get(_REPLAYED_ONE)
    if result is None or (assessment_id is not None and result.assessment_id != assessment_id):
        return
    words = texts(
        f"audit.proof.one_{result.status}",
        id=result.assessment_id,
        skn=result.skn,
        as_of=format_date(result.as_of, texts),
        policy=result.policy_version,
        rules=result.rules_version,
        fields=len(result.fields),
        differ=len(result.differences),
    )
    if result.status == "differs":
        render.error(words)
        _differences_table(
            [result.assessment_id] * len(result.differences),
            [result.skn] * len(result.differences),
            [(f.field, f.stored, f.recomputed) for f in result.differences],
            texts,
        )
    elif result.status == "reproduced":
        render.success(words)
    else:
        render.info(words)
