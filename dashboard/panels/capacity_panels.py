"""The parts of the capacity page: the draft editor, the comparison, saving and publishing a
draft, and the capacity per prison.

Every control of the editor is derived from the fields of `scoring.policy.Policy`: a switch for
each boolean and each switch of its tables, a number box for each number (its allowed range
from `scoring.policy.RANGES` in the tooltip), two boxes for an age range, a line of numbers for
a list. Storage checks the values (`storage.drafts.policy_problems`); a refused value shows
under its control, naming the field and the allowed range.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, Final, get_args

import streamlit as st
from pydantic import BaseModel
from streamlit.delta_generator import DeltaGenerator

from dashboard import data, render
from dashboard.formatting import format_time
from dashboard.i18n import Catalogue
from dashboard.identity import role_label
from dashboard.markup import Markup, bold, plain
from scoring.catalogue import AUTOMATED, TIERS
from scoring.policy import RANGES, VERSION_MAX_LENGTH, Policy, policy_from_mapping
from storage.actor import Actor
from storage.capacity import CapacityPage, PrisonCapacity, set_capacity
from storage.drafts import (
    PolicyChange,
    compare_policies,
    load_draft,
    named_policy,
    policy_problems,
    publish_draft,
    save_draft,
    version_policy,
)
from storage.errors import NotFound, ValidationFailed, database_errors_translated

#: Where a message goes that belongs to no control.
GENERAL: Final = "policy"
#: The start of the editor: "version:NAME" (a published version) or "draft:NAME".
START_KEY: Final = "capacity_start"
_NEXT_START_KEY: Final = "capacity_next_start"
#: The id and name of every switch of the policy's tables, from the criteria catalogue.
_SWITCHES: Final = {
    "criteria": {c.slug: (c.id, c.name) for c in AUTOMATED if c.switchable},
    "tiers": {t.slug: (t.id, t.name) for t in TIERS},
}

Problems = dict[str, str]
Settings = dict[str, Any]


def start_options(page: CapacityPage) -> list[str]:
    """What a draft can start from: each published version (the one in force first), then
    each saved draft (the most recently saved first)."""
    return [f"version:{v}" for v in page.versions] + [f"draft:{d.name}" for d in page.drafts]


def start_choice(page: CapacityPage, texts: Catalogue) -> str:
    """The select box "start from"; a draft just saved is chosen for the next run."""
    options = start_options(page)
    pending = st.session_state.pop(_NEXT_START_KEY, None)
    if pending in options:
        st.session_state[START_KEY] = pending
    elif st.session_state.get(START_KEY) not in options:
        st.session_state.pop(START_KEY, None)

    def words(option: str) -> str:
        kind, name = option.split(":", 1)
        if kind == "version" and name == page.published.version:
            return str(texts("capacity.start.in_force", name=name))
        return str(texts(f"capacity.start.{kind}", name=name))

    chosen: str = render.selectbox(
        texts("capacity.start.label"), options, key=START_KEY, format_func=words
    )
    return chosen


def start_policy(option: str, actor: Actor) -> Policy:
    """The settings an editor starts from."""
    kind, name = option.split(":", 1)
    with database_errors_translated():
        if kind == "draft":
            return load_draft(data.database(), name, actor).policy
        return version_policy(data.database(), name, actor)


def policy_controls(
    base: Policy, prefix: str, texts: Catalogue
) -> tuple[Settings, dict[str, DeltaGenerator]]:
    """A control for every setting of `base` but its version name, laid out in two columns
    (numbers and lists left, switches right); the settings as entered and a message place
    under each."""
    numbers, switches = st.columns(2, gap="large")
    settings: Settings = {}
    places: dict[str, DeltaGenerator] = {}
    for name, field in Policy.model_fields.items():
        if name == "version":
            continue
        value, kind = getattr(base, name), field.annotation
        key = f"{prefix}.{name}"
        is_table = isinstance(kind, type) and issubclass(kind, BaseModel)
        with switches if is_table or kind is bool else numbers:
            if is_table:
                render.markdown(bold(texts(f"capacity.fields.{name}")))
                settings[name] = {
                    slug: render.toggle(
                        _switch_label(name, slug, texts), value=on, key=f"{key}.{slug}"
                    )
                    for slug, on in value.model_dump().items()
                }
            elif kind is bool:
                settings[name] = render.toggle(_label(name, texts), value=value, key=key)
            elif kind is int:
                settings[name] = _whole_number(name, value, key, texts)
            elif get_args(kind) == (int, int):
                settings[name] = _number_range(name, value, key, texts)
            else:
                settings[name] = _number_list(name, value, key, texts)
            places[name] = st.empty()
    places[GENERAL] = st.empty()
    return settings, places


def show_problems(
    problems: Mapping[str, str], places: Mapping[str, DeltaGenerator], texts: Catalogue
) -> None:
    """Each problem in its control's place, naming the control and storage's reason."""
    for key, problem in problems.items():
        place = places.get(key.split(".")[0], places[GENERAL])
        message = texts("capacity.invalid", field=setting_label(key, texts), problem=problem)
        render.error(message, icon=":material/error:", into=place)


def entered_policy(settings: Settings, version: str) -> tuple[Policy | None, Problems]:
    """The policy the controls describe (None while a value is refused) and the problems."""
    problems = policy_problems(settings)
    if problems:
        return None, problems
    return policy_from_mapping({**settings, "version": version}), {}


def setting_label(key: str, texts: Catalogue) -> Markup:
    """A setting's name on the screen (`tiers.lvb` → "T1 · LVB-indicatie")."""
    table, _, slug = key.partition(".")
    if slug and table in _SWITCHES:
        return _switch_label(table, slug, texts)
    if key in Policy.model_fields and key != "version":
        return _label(key, texts)
    return plain(key)


def changes_table(changes: list[PolicyChange], old: str, new: str, texts: Catalogue) -> None:
    """The settings that differ, one row each: the setting, its old and its new value."""
    if not changes:
        render.info(texts("capacity.compare.same", old=old, new=new))
        return
    render.table(
        {
            texts("capacity.compare.setting"): [setting_label(c.key, texts) for c in changes],
            plain(old): [_value(c.old, texts) for c in changes],
            plain(new): [_value(c.new, texts) for c in changes],
        },
        hide_index=True,
    )


def compare_named(page: CapacityPage, actor: Actor, texts: Catalogue) -> None:
    """Two select boxes over every version and draft, and the settings that differ."""
    names = list(dict.fromkeys([*page.versions, *(d.name for d in page.drafts)]))
    left, right = st.columns(2)
    with left:
        old = render.selectbox(texts("capacity.compare.old"), names, key="capacity_compare_old")
    with right:
        new = render.selectbox(
            texts("capacity.compare.new"),
            names,
            index=min(1, len(names) - 1),
            key="capacity_compare_new",
        )
    with database_errors_translated():
        changes = compare_policies(
            named_policy(data.database(), old, actor), named_policy(data.database(), new, actor)
        )
    changes_table(changes, old, new, texts)


def save_form(
    settings: Settings, based_on: str, default_name: str, actor: Actor, texts: Catalogue
) -> Problems | None:
    """Name and note, and the button that saves the controls' settings as a draft; the
    problems storage found (None when not submitted, empty when saved)."""
    with st.form("capacity_save", enter_to_submit=False):
        render.markdown(bold(texts("capacity.save.heading")))
        name = render.text_input(
            texts("capacity.save.name"),
            value=default_name,
            max_chars=VERSION_MAX_LENGTH,
            help=texts("capacity.save.name_help"),
        )
        name_place = st.empty()
        note = render.text_area(texts("capacity.save.note"), max_chars=4000, height=80)
        note_place = st.empty()
        submitted = render.form_submit_button(texts("capacity.save.submit"), type="primary")
        form_place = st.empty()
    if not submitted:
        return None
    problems = _stored(
        lambda: save_draft(data.database(), name, settings, actor, note, based_on=based_on)
    )
    places = {"name": name_place, "note": note_place}
    for field, problem in problems.items():
        label = texts(f"capacity.save.{field}") if field in places else setting_label(field, texts)
        render.error(
            texts("capacity.invalid", field=label, problem=problem),
            icon=":material/error:",
            into=places.get(field, form_place),
        )
    if not problems:
        st.session_state[_NEXT_START_KEY] = f"draft:{' '.join(name.split())}"
        render.flash(texts("capacity.save.saved", name=" ".join(name.split())))
        st.rerun()
    return problems


def publish_form(
    page: CapacityPage, actor: Actor, texts: Catalogue, moving: Callable[[str], Markup | None]
) -> None:
    """Choose a draft, say why, and publish it; `moving(name)` says how many detainees the
    draft moves (shown before the button)."""
    if not page.drafts:
        render.info(texts("capacity.publish.no_drafts"))
        return
    with st.form("capacity_publish", enter_to_submit=False):
        render.markdown(bold(texts("capacity.publish.heading")))
        names = [d.name for d in page.drafts]
        chosen = render.selectbox(texts("capacity.publish.draft"), names, key="capacity_publish")
        effect = moving(chosen)
        if effect is not None:
            render.caption(effect)
        note = render.text_area(texts("capacity.publish.note"), max_chars=4000, height=80)
        note_place = st.empty()
        submitted = render.form_submit_button(texts("capacity.publish.submit"), type="primary")
        form_place = st.empty()
    if not submitted:
        return
    problems = _stored(lambda: publish_draft(data.database(), chosen, actor, note))
    for field, problem in problems.items():
        place = note_place if field == "note" else form_place
        label = texts("capacity.publish.note") if field == "note" else plain(field)
        render.error(texts("capacity.invalid", field=label, problem=problem), into=place)
    if not problems:
        # The list kept for a few seconds (`dashboard.cache`) was scored with the old policy.
        st.cache_resource.clear()
        render.flash(texts("capacity.publish.saved", name=chosen))
        st.rerun()


def capacity_form(page: CapacityPage, actor: Actor, texts: Catalogue) -> None:
    """Record the weekly capacity of a prison, with a note."""
    prisons = sorted({*page.prisons, *page.capacities})
    with st.form("capacity_prison", enter_to_submit=False):
        render.markdown(bold(texts("capacity.prison.heading")))
        pi = render.selectbox(
            texts("capacity.prison.pi"),
            prisons,
            index=None,
            accept_new_options=True,
            placeholder=texts("forms.choose"),
            key="capacity_prison_pi",
        )
        pi_place = st.empty()
        cases = render.number_input(
            texts("capacity.prison.weekly_cases"), value=0, step=1, key="capacity_prison_n"
        )
        cases_place = st.empty()
        note = render.text_area(texts("capacity.prison.note"), max_chars=4000, height=80)
        note_place = st.empty()
        submitted = render.form_submit_button(texts("capacity.prison.submit"), type="primary")
    if not submitted:
        return
    problems = _stored(lambda: set_capacity(data.database(), pi or "", int(cases), actor, note))
    places = {"pi": pi_place, "weekly_cases": cases_place, "note": note_place}
    for field, problem in problems.items():
        label = texts(f"capacity.prison.{field}") if field in places else plain(field)
        render.error(
            texts("capacity.invalid", field=label, problem=problem),
            into=places.get(field, note_place),
        )
    if not problems:
        render.flash(texts("capacity.prison.saved", pi=pi or "", cases=int(cases)))
        st.rerun()


def capacity_tables(page: CapacityPage, texts: Catalogue) -> None:
    """The capacity in force per prison, and every recorded change."""
    if not page.capacities:
        render.info(texts("capacity.prison.none"))
        return
    render.markdown(bold(texts("capacity.prison.current")))
    _records_table(list(page.capacities.values()), texts)
    render.markdown(bold(texts("capacity.prison.history")))
    _records_table(page.capacity_changes, texts)


def publications_table(page: CapacityPage, texts: Catalogue) -> None:
    """Every publication, newest first: when, which version, by whom, why."""
    render.table(
        {
            texts("capacity.history.published_at"): [
                plain(format_time(p.published_at, texts)) for p in page.publications
            ],
            texts("capacity.history.version"): [plain(p.version) for p in page.publications],
            texts("capacity.history.by"): [plain(p.published_by) for p in page.publications],
            texts("capacity.history.note"): [plain(p.publication_note) for p in page.publications],
        },
        hide_index=True,
    )


def _records_table(records: list[PrisonCapacity], texts: Catalogue) -> None:
    render.table(
        {
            texts("capacity.prison.pi"): [plain(r.pi) for r in records],
            texts("capacity.prison.weekly_cases"): [plain(str(r.weekly_cases)) for r in records],
            texts("capacity.history.published_at"): [
                plain(format_time(r.set_at, texts)) for r in records
            ],
            texts("capacity.history.by"): [
                plain(f"{r.set_by} ({role_label(texts, r.set_role)})") for r in records
            ],
            texts("capacity.history.note"): [plain(r.note) for r in records],
        },
        hide_index=True,
    )


def _stored(action: Callable[[], object]) -> Problems:
    """Run a write; storage's per-field problems (empty when it was stored)."""
    try:
        with database_errors_translated():
            action()
        return {}
    except (ValidationFailed, NotFound) as refused:
        if isinstance(refused, ValidationFailed):
            return dict(refused.errors)
        return {GENERAL: str(refused)}


def _label(name: str, texts: Catalogue) -> Markup:
    return texts(f"capacity.fields.{name}")


def _switch_label(table: str, slug: str, texts: Catalogue) -> Markup:
    known = _SWITCHES[table].get(slug)
    if known is None:
        return plain(f"{table}.{slug}")
    identifier, name = known
    return plain(f"{identifier} · {name.get(texts.language)}")


def _whole_number(name: str, value: int, key: str, texts: Catalogue) -> Any:
    low, high = RANGES[name]
    return render.number_input(
        _label(name, texts),
        value=value,
        step=1,
        key=key,
        help=texts("capacity.range", low=low, high=high),
    )


def _number_range(name: str, value: tuple[int, int], key: str, texts: Catalogue) -> list[Any]:
    low, high = RANGES[name]
    render.markdown(_label(name, texts))
    bounds = []
    for part, column, current in zip(("from", "until"), st.columns(2), value, strict=True):
        with column:
            bounds.append(
                render.number_input(
                    texts(f"capacity.fields.{part}"),
                    value=current,
                    step=1,
                    key=f"{key}.{part}",
                    help=texts("capacity.range", low=low, high=high),
                )
            )
    return bounds


def _number_list(name: str, value: tuple[int, ...], key: str, texts: Catalogue) -> list[Any]:
    low, high = RANGES[name]
    typed = render.text_area(
        _label(name, texts),
        value=", ".join(str(item) for item in value),
        height=90,
        key=key,
        help=texts("capacity.range", low=low, high=high),
    )
    # A word that is not a number stays a word, so storage names it as not a whole number.
    return [int(part) if part.isdigit() else part for part in re.split(r"[\s,;]+", typed) if part]


def _value(value: object, texts: Catalogue) -> Markup:
    if isinstance(value, bool):
        return texts("capacity.on") if value else texts("capacity.off")
    if isinstance(value, list):
        return plain(", ".join(str(item) for item in value) or "—")
    return plain(str(value))
