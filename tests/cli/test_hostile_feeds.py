"""Issue 8: the corpus of hostile feed files (hostile_corpus.py) run through `som score`, each
command in a process of its own. Each case has its expected exit status and a text its standard
error must hold; no standard error may hold a traceback or a control character, and exactly the
good rows are scored (test_hostile_import.py runs the same corpus through `som import`)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_corpus import AS_OF, CORPUS, FRESH, Case, check_stderr
from som_process import SomForkServer, json_output, som_fresh


def som_score(
    run: Callable[..., subprocess.CompletedProcess[str]], case: Case, tmp_path: Path
) -> None:
    feeds = case.write_feeds(tmp_path)
    process = run("score", *feeds, "--as-of", AS_OF, "--format", "json", env=case.env)
    check_stderr(case, process, "score")
    if case.status in (0, 3):
        scored = [d["skn"] for d in json_output(process)["detainees"]]
        assert sorted(scored) == sorted(case.accepted)
    else:
        assert process.stdout == ""


@pytest.mark.parametrize("case", CORPUS.values(), ids=CORPUS.keys())
def test_hostile_feed_gives_its_exit_status_and_message_without_a_traceback(
    case: Case, tmp_path: Path, som_fork: SomForkServer
) -> None:
    som_score(som_fork.run, case, tmp_path)


@pytest.mark.parametrize("name", FRESH)
def test_a_new_python_gives_the_same_outcome(name: str, tmp_path: Path) -> None:
    som_score(som_fresh, CORPUS[name], tmp_path)
