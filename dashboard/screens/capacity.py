"""Capacity (capacity managers): prepare a policy draft, compare it with the policy in force,
publish it with a note, and record the weekly capacity of probation per prison.

The editor starts from the policy in force, an earlier version or a saved draft; every control
comes from the policy's own fields. Storage checks the permission and every value.
"""

from dashboard import data, render
from dashboard.identity import page_actor
from dashboard.language import current_texts
from dashboard.markup import Markup
from dashboard.panels.capacity_panels import (
    capacity_form,
    capacity_tables,
    changes_table,
    compare_named,
    entered_policy,
    policy_controls,
    publications_table,
    publish_form,
    save_form,
    show_problems,
    start_choice,
    start_policy,
)
from dashboard.panels.whatif_charts import draft_what_if, moving_summary, what_if_panel
from storage.capacity import capacity_page
from storage.drafts import compare_policies, load_draft
from storage.errors import database_errors_translated
from storage.permissions import require
from storage.whatif import WhatIf

texts = current_texts()
actor = page_actor()
require(actor, "view_capacity")
with database_errors_translated():
    page = capacity_page(data.database(), actor)
render.title(texts("capacity.title"))
render.caption(texts("capacity.caption", version=page.published.version))
render.show_flash()

editor, prisons, history = render.tabs(
    [texts("capacity.tabs.editor"), texts("capacity.tabs.prisons"), texts("capacity.tabs.history")]
)
shown: WhatIf | None = None
with editor:
    start = start_choice(page, texts)
    base = start_policy(start, actor)
    settings, places = policy_controls(base, start, texts)
    draft, problems = entered_policy(settings, base.version)
    show_problems(problems, places, texts)
    if draft is not None:
        render.subheader(texts("capacity.compare.heading"))
        changes_table(
            compare_policies(page.published.policy, draft),
            page.published.version,
            str(texts("capacity.compare.draft")),
            texts,
        )
        shown = draft_what_if(draft, page, actor)
        what_if_panel(shown, texts)
    kind, name = start.split(":", 1)
    save_form(settings, name, name if kind == "draft" else "", actor, texts)


def _moving(chosen: str) -> Markup | None:
    """How many detainees publishing draft `chosen` moves to another band (the what-if shown
    above is reused when the draft is the one being edited)."""
    with database_errors_translated():
        policy = load_draft(data.database(), chosen, actor).policy
    if shown is not None and shown.policies["draft"] == policy:
        return moving_summary(shown, texts)
    return moving_summary(draft_what_if(policy, page, actor), texts)


with editor:
    publish_form(page, actor, texts, _moving)
with prisons:
    capacity_form(page, actor, texts)
    capacity_tables(page, texts)
with history:
    publications_table(page, texts)
    render.subheader(texts("capacity.compare.any"))
    compare_named(page, actor, texts)
