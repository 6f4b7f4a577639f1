"""Which backend a ``--model`` names, and a third-party backend found through a real entry point.

The toy backend is a package this test writes into a temporary folder with its own
``.dist-info`` (``entry_points.txt`` in the ``summarizer.backends`` group), exactly what
``pip install`` of a plugin leaves behind; the registry is not patched. Its code is the example
in CONTRIBUTING.md, read from there.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.backends import registry
from summarizer.errors import ConfigError, OptionError
from summarizer.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "fixtures" / "articles" / "000_1c6f5c5be20c7c12.txt"


def _contributing_example() -> str:
    """The toy backend exactly as CONTRIBUTING.md shows it (so the guide stays true)."""
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = guide[guide.index("## Adding a backend") :]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


@pytest.fixture
def toy_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``toy_backend`` installed into ``tmp_path`` (package + dist-info), on ``sys.path``."""
    (tmp_path / "toy_backend").mkdir()
    (tmp_path / "toy_backend" / "__init__.py").write_text(_contributing_example(), encoding="utf-8")
    info = tmp_path / "toy_backend-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: toy-backend\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(
        "[summarizer.backends]\ntoy = toy_backend:ToyBackend\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in [m for m in sys.modules if m.partition(".")[0] == "toy_backend"]:
        monkeypatch.delitem(sys.modules, name)  # one test's package, not an earlier test's
    return tmp_path


BROKEN = """
from toy_backend import ToyBackend


class BrokenBackend(ToyBackend):
    \"\"\"The toy backend with a bug of its own on articles that mention Wassit.\"\"\"

    name = "broken"

    def extract(self, doc):
        if "Wassit" in doc.text:
            raise ValueError("no quotes in this one\\nsecond line")
        return super().extract(doc)


class UnbuildableBackend(ToyBackend):
    def __init__(self, settings):
        raise KeyError("tiny")


class BareBackend:
    \"\"\"Implements extract only: no class-level answers.\"\"\"

    def __init__(self, settings):
        pass
"""


@pytest.fixture
def broken_plugin(toy_plugin: Path) -> Path:
    """A second plugin in the same package whose backend raises a plain ``ValueError``."""
    (toy_plugin / "toy_backend" / "broken.py").write_text(BROKEN, encoding="utf-8")
    (toy_plugin / "toy_backend-0.1.dist-info" / "entry_points.txt").write_text(
        "[summarizer.backends]\ntoy = toy_backend:ToyBackend\n"
        "broken = toy_backend.broken:BrokenBackend\n"
        "unbuildable = toy_backend.broken:UnbuildableBackend\n"
        "bare = toy_backend.broken:BareBackend\n",
        encoding="utf-8",
    )
    return toy_plugin


def _cli(plugin: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(plugin), str(ROOT)])}
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("model", "name"),
    [
        (None, "rules"),
        ("", "rules"),
        ("rules", "rules"),
        ("gguf:/models/qwen.gguf", "gguf"),
        ("openai/gpt-4o-mini", "openai"),
        ("gpt-4o-mini", "openai"),
        ("qwen2.5:7b", "openai"),  # an Ollama tag, not a backend prefix
        ("Qwen/Qwen2.5-7B-Instruct", "openai"),
    ],
)
def test_model_names_pick_a_builtin_backend(model: str | None, name: str) -> None:
    assert registry.backend_name(model) == name


def test_an_entry_point_adds_a_backend(toy_plugin: Path) -> None:
    assert registry.backend_name("toy:tiny") == "toy"
    backend = registry.create(Settings(model="toy:tiny"))
    assert backend.name == "toy"
    assert (backend.bound, backend.input_budget, backend.cache_identity) == ("cpu", None, None)


def test_an_entry_point_cannot_take_a_builtin_name(toy_plugin: Path) -> None:
    info = toy_plugin / "toy_backend-0.1.dist-info" / "entry_points.txt"
    info.write_text("[summarizer.backends]\nrules = toy_backend:ToyBackend\n", encoding="utf-8")
    assert type(registry.create(Settings(model="rules"))).__name__ == "RulesBackend"


def test_a_broken_entry_point_is_a_config_error(toy_plugin: Path) -> None:
    info = toy_plugin / "toy_backend-0.1.dist-info" / "entry_points.txt"
    info.write_text("[summarizer.backends]\nbad = toy_backend:Missing\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="toy_backend:Missing does not exist"):
        registry.create(Settings(model="bad:x"))


def test_summarise_command_runs_the_plugin(toy_plugin: Path) -> None:
    """``summarizer summarise --model toy:...`` as a user runs it, after installing the plugin."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(toy_plugin), str(ROOT)])}
    proc = subprocess.run(
        [sys.executable, "-m", "summarizer", "summarise", str(REFERENCE), "--model", "toy:tiny"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["meta"]["backend"] == "toy"
    assert out["meta"]["model"] == "tiny"
    text = REFERENCE.read_text(encoding="utf-8")
    assert [q["text"] for q in out["quotes"]] == [
        text[q["start"] : q["end"]] for q in out["quotes"]
    ]
    first = text.index('"') + 1
    assert [q["text"] for q in out["quotes"]] == [text[first : text.index('"', first)]]


@pytest.mark.parametrize(
    ("model", "bound", "takes"),
    [(None, "cpu", False), ("gguf:/x.gguf", "cpu", False), ("gpt-4o-mini", "io", True)],
)
def test_class_answers_are_known_before_a_backend_is_built(
    model: str | None, bound: str, takes: bool
) -> None:
    assert registry.bound(model) == bound
    assert registry.takes_candidates(model) is takes


def test_check_asks_the_named_backend_to_check_its_options(
    toy_plugin: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    with pytest.raises(OptionError, match="--mode"):
        registry.check(Settings(model="gpt-4o-mini", options={"mode": "xml"}))
    # another backend's options are not the OpenAI backend's business, and need no key
    registry.check(Settings(model="toy:tiny", options={"mode": "xml"}))
    registry.check(Settings(model="openai/gpt-4o-mini"))


def test_a_plugins_own_exception_is_one_line_naming_the_backend(broken_plugin: Path) -> None:
    proc = _cli(broken_plugin, "summarise", str(REFERENCE), "--model", "broken:tiny")
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr == (
        "summarizer: backend 'broken' failed: ValueError: no quotes in this one\n"
    )


def test_a_plugin_that_cannot_be_built_is_one_line_too(broken_plugin: Path) -> None:
    proc = _cli(broken_plugin, "summarise", str(REFERENCE), "--model", "unbuildable:tiny")
    assert (proc.returncode, proc.stderr) == (
        1,
        "summarizer: backend 'unbuildable' failed: KeyError: 'tiny'\n",
    )


def test_bulk_gives_that_article_an_error_line_and_goes_on(
    broken_plugin: Path, tmp_path: Path
) -> None:
    folder, out = tmp_path / "articles", tmp_path / "out.jsonl"
    folder.mkdir()
    for name in (REFERENCE.name, "010_port_strike.txt"):
        (folder / name).write_bytes((REFERENCE.parent / name).read_bytes())
    proc = _cli(broken_plugin, "bulk", str(folder), "-o", str(out), "--model", "broken:tiny")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    lines = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert lines.keys() == {REFERENCE.name, "010_port_strike.txt"}
    assert lines[REFERENCE.name]["status"] == "error"
    assert lines[REFERENCE.name]["error"] == (
        "backend 'broken' failed: ValueError: no quotes in this one"
    )
    assert lines["010_port_strike.txt"]["status"] == "ok"
    assert lines["010_port_strike.txt"]["meta"]["backend"] == "broken"


def test_a_class_without_the_declared_answers_is_a_config_error(broken_plugin: Path) -> None:
    with pytest.raises(ConfigError, match="backend 'bare' does not declare 'bound'"):
        registry.bound("bare:x")
    with pytest.raises(ConfigError, match="does not declare 'takes_candidates'"):
        registry.takes_candidates("bare:x")
    with pytest.raises(ConfigError, match="does not declare 'check'"):
        registry.check(Settings(model="bare:x"))
