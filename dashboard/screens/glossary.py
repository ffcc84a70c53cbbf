"""Glossary (`/glossary`): the words of SOM explained in the user's language — the jargon
(HvB, RISC, MDO …), the bands, the criteria C01–C17 and the tiers T1–T5. Every role gets it.

The entries are `scoring.glossary`'s; the same lines serve as tooltips (`term_help`).
"""

from dashboard import render
from dashboard.glossary import entries
from dashboard.language import current_texts
from dashboard.markup import bold, plain
from scoring.glossary import KINDS

texts = current_texts()
render.title(texts("glossary.title"))
render.caption(texts("glossary.caption"))
for kind in KINDS:
    section = [entry for entry in entries() if entry.kind == kind]
    render.subheader(texts(f"glossary.section.{kind}"))
    render.table(
        {
            texts("glossary.term"): [bold(plain(e.term.get(texts.language))) for e in section],
            texts("glossary.name"): [plain(e.name.get(texts.language)) for e in section],
            texts("glossary.meaning"): [plain(e.meaning.get(texts.language)) for e in section],
        },
        hide_index=True,
    )
