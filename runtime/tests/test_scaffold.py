"""The job scaffold (`npm run new-job`, tools/scaffold/newJob.ts) produces a job whose own generated
tests pass on local Spark: the scaffold is run for real into a copy of a minimal project, then the
generated test functions are run with the same fixtures pytest would give them."""

import importlib.util
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from glue_runtime_pytest import ProjectRun

REPO = Path(__file__).resolve().parents[2]
SPEC = """slug: scaffold-check
projectId: 5e0c2a9b-3d4f-4a1b-8c7d-6e5f4a3b2c1d
displayName: Scaffold check
owner: team@example.com
costCenter: CC-1
environments: [dev]
monthlyBudgetUsd: { dev: 10 }
notificationEmails: [team@example.com]
catalog:
  databases: [bronze, silver]  # the scaffold needs both
jobs: []
"""


# One case per generated test (the template writes two), each with its own AWS resources.
@pytest.mark.parametrize("which", [0, 1])
def test_scaffolded_job_passes_its_own_tests(
    which: int, tmp_path: Path, local_project: Callable[[str], ProjectRun]
) -> None:
    project = tmp_path / "scaffold-check"
    project.mkdir()
    (project / "project.yaml").write_text(SPEC, encoding="utf-8")
    node = shutil.which("node")
    assert node, "node is needed to run the scaffold (npm run new-job)"
    done = subprocess.run(
        [
            node,
            "-r",
            "./tools/register.js",
            "tools/newJob.ts",
            "--project",
            str(project),
            "--name",
            "events-clean",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    spec = (project / "project.yaml").read_text(encoding="utf-8")
    assert "# the scaffold needs both" in spec and "name: events-clean" in spec

    test_file = project / "tests" / "test_events_clean.py"
    loaded = importlib.util.spec_from_file_location("scaffolded_test_events_clean", test_file)
    assert loaded and loaded.loader
    module = importlib.util.module_from_spec(loaded)
    loaded.loader.exec_module(module)
    tests = [getattr(module, n) for n in sorted(dir(module)) if n.startswith("test_")]
    assert len(tests) == 2
    tests[which](local_project)
