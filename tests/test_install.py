"""The wheel and the sdist, built and installed into fresh virtual environments.

Slow (a build and two installs, about a minute), so it is marked ``install`` and left out
of the default run; CI runs it (``.ci/run``: ``pytest -m install``). Pip installs the
dependencies from whatever index it is configured with (offline here: a local one).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import venv
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from pathways.core.model import Question
from tests.conftest import shipped_graph

pytestmark = pytest.mark.install

ROOT = Path(__file__).resolve().parents[1]


def _run(*argv: str | Path, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in argv], cwd=cwd, capture_output=True, text=True, timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    built = _run(sys.executable, "-m", "build", "--outdir", out, ROOT, cwd=out)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    return out


def _only(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    assert len(found) == 1, found
    return found[0]


@pytest.fixture(scope="module", params=["wheel", "sdist"])
def installed(
    request: pytest.FixtureRequest, dist: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    """A fresh venv with the built wheel or sdist (no extras) installed: its bin folder."""
    artifact = _only(dist, "*.whl" if request.param == "wheel" else "*.tar.gz")
    home = tmp_path_factory.mktemp(f"venv-{request.param}")
    venv.create(home / "venv", with_pip=True)
    bin_dir = home / "venv" / "bin"
    done = _run(bin_dir / "python", "-m", "pip", "install", "-q", "--find-links", dist,
                artifact, cwd=home)
    assert done.returncode == 0, done.stderr[-3000:]
    yield bin_dir


def test_sdist_carries_tests_fixtures_scenarios_docs_and_licence(dist: Path) -> None:
    with tarfile.open(_only(dist, "*.tar.gz")) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    for wanted in (
        "LICENSE", "README.md", "docs/usage.md", "docs/package-index.md",
        "tests/conftest.py", "tests/fixtures/valid/visa.yaml", "scenarios/full-walks.yaml",
        "tests/tui/test_snapshots.py", "tests/tui/conftest.py", "rules/pack.yaml",
    ):
        assert wanted in names, f"{wanted} is not in the sdist"
    snapshots = [n for n in names if n.startswith("tests/tui/__snapshots__/") and ".svg" in n]
    assert snapshots, "the snapshot SVGs are not in the sdist"
    assert not [n for n in names if "__pycache__" in n]


def test_wheel_metadata_names_the_licence_and_the_serve_extra(dist: Path) -> None:
    with zipfile.ZipFile(_only(dist, "*.whl")) as wheel:
        metadata_name = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = wheel.read(metadata_name).decode()
        names = wheel.namelist()
    assert "License-Expression: MIT" in metadata
    assert any(n.endswith("licenses/LICENSE") for n in names)
    requires = [line for line in metadata.splitlines() if line.startswith("Requires-Dist:")]
    base = [r for r in requires if "extra ==" not in r]
    assert any(r.startswith("Requires-Dist: rich") for r in base)
    assert not any("textual-serve" in r for r in base), "textual-serve must be an extra"
    assert any("textual-serve" in r and 'extra == "serve"' in r for r in requires)
    assert "Provides-Extra: serve" in metadata
    assert "](docs/" not in metadata, "the index page cannot follow links into docs/"


def test_installed_package_validates_and_walks_the_shipped_pack(
    installed: Path, tmp_path: Path
) -> None:
    valid = _run(installed / "pathways", "validate", cwd=tmp_path, timeout=120)
    assert valid.returncode == 0, valid.stderr
    assert valid.stdout.startswith("ok: ")
    graph = shipped_graph()
    answers = [
        arg
        for node in graph.nodes.values() if isinstance(node, Question)
        for arg in ("--answer", f"{node.id}={node.choices[0].id}")
    ]
    walked = _run(installed / "pathways", "walk", "--json", *answers, cwd=tmp_path, timeout=120)
    assert walked.returncode == 0, walked.stderr
    data = json.loads(walked.stdout)
    assert data["end"] is not None
    assert data["verdicts"], "a full walk reaches verdicts"
    assert data["notice"] == graph.pack.notice


def test_installed_package_runs_the_shipped_scenarios_with_no_folder_given(
    installed: Path, tmp_path: Path
) -> None:
    """The scenarios travel with the pack: 'pathways test' needs no checkout."""
    scenarios = sorted(p.name for p in (ROOT / "scenarios").glob("*.yaml"))
    tested = _run(installed / "pathways", "test", "--json", cwd=tmp_path, timeout=120)
    assert tested.returncode == 0, tested.stdout[-3000:] + tested.stderr[-3000:]
    report = json.loads(tested.stdout)
    assert report["failed"] == 0 and report["passed"] > 0
    files = {Path(o["file"]) for o in report["scenarios"]}
    assert sorted(f.name for f in files) == scenarios
    assert all(f.parent.parts[-2:] == ("pathways", "scenarios") for f in files), files
    assert all(installed.parent in f.parents for f in files), "read from the installed copy"


def test_serve_without_the_extra_says_how_to_install_it(installed: Path, tmp_path: Path) -> None:
    served = _run(installed / "pathways", "serve", cwd=tmp_path, timeout=120)
    assert served.returncode == 1
    assert "pip install 'asylum-pathways[serve]'" in served.stderr
    assert "Traceback" not in served.stderr
