"""A regression suite on disk: ``suite.toml``, ``articles/``, ``expected/``, ``cassettes/``.

``suite.toml`` says which model made the records and how, which kinds and fields count when
records are compared, and the thresholds a change must stay within. It is validated when read:
every mistake is one line naming the key (``SuiteError``, exit 2), never a traceback later.

    [model]                   # which model made expected/ (name "rules": offline, no cassettes)
    name = "qwen2.5-7b-instruct"
    base_url = "http://localhost:8080/v1"
    mode = "tools"            # or "json"
    server = "llama.cpp server b4500"   # named in cassette headers
    quantisation = "Q4_K_M"

    [options]                 # extraction options (the same as summarise's flags)
    timeout = 60.0
    max_retries = 2
    max_input_tokens = 6000
    date = "2024-01-02"

    [compare]
    kinds = ["quotes", "claims", "events"]   # which lists count (default: all three)
    ignore = ["cue"]                         # fields whose changes never count

    [thresholds]              # none: any change fails, as a snapshot test does
    min_quote_f1 = 0.95       # min_claim_f1, min_event_f1 likewise
    speaker_changes = 0       # <field>_changes: at most this many items with that field changed
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from summarizer.errors import ConfigError, OptionError
from summarizer.regression.compare import FIELDS, KINDS
from summarizer.settings import Settings

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
F1_KEYS = {"min_quote_f1": "quotes", "min_claim_f1": "claims", "min_event_f1": "events"}
FIELD_NAMES = sorted({name for fields in FIELDS.values() for name in fields})
CHANGE_KEYS = {f"{name}_changes": name for name in FIELD_NAMES}


class SuiteError(ConfigError):
    """A suite folder or its ``suite.toml`` is wrong: one line saying what and where."""


@dataclass(frozen=True)
class Article:
    """One article of a suite; ``id`` is its file name without the suffix."""

    id: str
    path: Path

    @property
    def relative(self) -> str:
        """Where the article is inside the suite (``articles/<file>``), as records store it."""
        return f"articles/{self.path.name}"


@dataclass
class Thresholds:
    """How much a record may change and still pass; empty: nothing may change."""

    min_f1: dict[str, float] = field(default_factory=dict)  # kind -> minimum F1
    max_changes: dict[str, int] = field(default_factory=dict)  # field -> most items changed

    @property
    def strict(self) -> bool:
        return not self.min_f1 and not self.max_changes


@dataclass
class Suite:
    """A suite as read from its folder; the paths of its parts follow from ``root``."""

    root: Path
    model: str = "rules"
    base_url: str | None = None
    mode: str = "tools"
    server: str | None = None
    quantisation: str | None = None
    timeout: float = 60.0
    max_retries: int = 2
    max_input_tokens: int | None = None
    anchor_date: date | None = None
    kinds: tuple[str, ...] = KINDS
    ignore: frozenset[str] = frozenset()
    thresholds: Thresholds = field(default_factory=Thresholds)

    @property
    def name(self) -> str:
        return self.root.resolve().name

    @property
    def uses_llm(self) -> bool:
        """Whether the suite's backend waits on a server (so its exchanges are recorded in
        cassettes); a backend computing in process, like the rules one, is replayed by running it."""
        from summarizer.backends import registry

        return registry.bound(self.model) == "io"

    def articles(self) -> list[Article]:
        """The suite's articles in name order; an empty or odd ``articles/`` is an error."""
        folder = self.root / "articles"
        if not folder.is_dir():
            raise SuiteError(f"{self.root}: no articles/ folder (put the .txt/.md/.html in it)")
        found: dict[str, Article] = {}
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") or path.is_dir():
                continue
            if path.suffix.lower() not in ARTICLE_SUFFIXES:
                raise SuiteError(f"{path}: not an article (expected .txt, .md, .html or .htm)")
            if path.stem in found:
                raise SuiteError(f"{path}: same id as {found[path.stem].path.name}; rename one")
            found[path.stem] = Article(path.stem, path)
        if not found:
            raise SuiteError(f"{folder}: no articles (.txt, .md, .html)")
        return list(found.values())

    def article(self, id: str) -> Article:
        """The article named ``id`` (a file name with or without suffix)."""
        wanted = Path(id).stem
        for article in self.articles():
            if article.id == wanted:
                return article
        raise SuiteError(f"{self.root}: no article {id!r} in articles/")

    def expected(self, article: Article) -> Path:
        return self.root / "expected" / f"{article.id}.json"

    def cassette(self, article: Article) -> Path:
        return self.root / "cassettes" / f"{article.id}.yaml"

    def settings(self, **override: Any) -> Settings:
        """Extraction settings of this suite (``override``: e.g. a replay's model and URL;
        a name that is not a ``Settings`` field is a backend option, as for ``summarise``)."""
        values: dict[str, Any] = {
            "model": self.model,
            "max_retries": self.max_retries,
            "max_input_tokens": self.max_input_tokens,
            "anchor_date": self.anchor_date,
            "options": {"base_url": self.base_url, "mode": self.mode, "timeout": self.timeout},
        }
        known = set(values) - {"options"}
        values.update({k: v for k, v in override.items() if k in known})
        values["options"].update({k: v for k, v in override.items() if k not in known})
        return Settings(**values)


_TABLES: dict[str, dict[str, type | tuple[type, ...]]] = {
    "model": {
        "name": str,
        "base_url": str,
        "mode": str,
        "server": str,
        "quantisation": str,
    },
    "options": {
        "timeout": (int, float),
        "max_retries": int,
        "max_input_tokens": int,
        "date": (str, date),
    },
    "compare": {"kinds": list, "ignore": list},
    "thresholds": {**dict.fromkeys(F1_KEYS, (int, float)), **dict.fromkeys(CHANGE_KEYS, int)},
}
_TYPE_NAMES = {str: "a string", int: "an integer", list: "a list of strings"}


def _known(keys: Any, given: str | None = None) -> str:
    """The known names, or the closest one to a misspelt ``given``."""
    close = difflib.get_close_matches(given, list(keys), n=1) if given else []
    return f"did you mean {close[0]!r}?" if close else "known: " + ", ".join(sorted(keys))


def _checked(where: str, table: str, raw: dict[str, Any]) -> dict[str, Any]:
    """The keys of one table, each of the type it must have."""
    types = _TABLES[table]
    for key, value in raw.items():
        if key not in types:
            raise SuiteError(f"{where}: [{table}] unknown key {key!r} ({_known(types, key)})")
        want = types[key]
        if isinstance(value, bool) or not isinstance(value, want):
            name = _TYPE_NAMES.get(want, "a number") if isinstance(want, type) else "a number"
            if table == "options" and key == "date":
                name = "a date (YYYY-MM-DD)"
            raise SuiteError(f"{where}: [{table}] {key} must be {name}, got {value!r}")
    return raw


def _names(
    where: str, key: str, value: list[Any], allowed: list[str] | tuple[str, ...]
) -> list[str]:
    for name in value:
        if name not in allowed:
            raise SuiteError(
                f"{where}: [compare] {key}: unknown {name!r} (known: {', '.join(allowed)})"
            )
    return value


def _date(where: str, value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise SuiteError(f"{where}: [options] date must be YYYY-MM-DD, got {value!r}") from None


def parse(root: Path, data: dict[str, Any]) -> Suite:
    """A ``Suite`` from the parsed ``suite.toml`` of ``root``; the first mistake is an error."""
    where = str(root / "suite.toml")
    for table, value in data.items():
        if table not in _TABLES:
            raise SuiteError(f"{where}: unknown table [{table}] ({_known(_TABLES, table)})")
        if not isinstance(value, dict):
            raise SuiteError(f"{where}: {table} must be a table: [{table}]")
    model = _checked(where, "model", data.get("model", {}))
    options = _checked(where, "options", data.get("options", {}))
    compare = _checked(where, "compare", data.get("compare", {}))
    limits = _checked(where, "thresholds", data.get("thresholds", {}))
    for key, value in limits.items():
        if key in F1_KEYS and not 0 <= value <= 1:
            raise SuiteError(f"{where}: [thresholds] {key} must be between 0 and 1, got {value}")
        if key in CHANGE_KEYS and value < 0:
            raise SuiteError(f"{where}: [thresholds] {key} must be 0 or more, got {value}")
    for key in ("timeout", "max_retries", "max_input_tokens"):
        if key in options and options[key] < (1 if key != "max_retries" else 0):
            raise SuiteError(f"{where}: [options] {key} is too small: {options[key]}")
    suite = Suite(
        root=root,
        model=model.get("name", "rules") or "rules",
        base_url=model.get("base_url"),
        mode=model.get("mode", "tools"),
        server=model.get("server"),
        quantisation=model.get("quantisation"),
        timeout=float(options.get("timeout", 60.0)),
        max_retries=options.get("max_retries", 2),
        max_input_tokens=options.get("max_input_tokens"),
        anchor_date=_date(where, options.get("date")),
        kinds=tuple(_names(where, "kinds", compare.get("kinds", list(KINDS)), KINDS)),
        ignore=frozenset(_names(where, "ignore", compare.get("ignore", []), FIELD_NAMES)),
        thresholds=Thresholds(
            min_f1={F1_KEYS[k]: float(v) for k, v in limits.items() if k in F1_KEYS},
            max_changes={CHANGE_KEYS[k]: v for k, v in limits.items() if k in CHANGE_KEYS},
        ),
    )
    _check_backend(where, suite)
    return suite


def _check_backend(where: str, suite: Suite) -> None:
    """The backend the suite names checks its own options (``mode``, ``base_url``...), now."""
    from summarizer.backends import registry

    try:
        registry.check(suite.settings())
    except OptionError as exc:
        table = next((t for t, keys in _TABLES.items() if exc.option in keys), "options")
        raise SuiteError(f"{where}: [{table}] {exc.option}: {exc.problem}") from None
    except ConfigError as exc:
        raise SuiteError(f"{where}: {exc}") from None


def open_suite(path: Path) -> Suite:
    """The suite in folder ``path`` (or the folder of a ``suite.toml`` given itself)."""
    root = path.parent if path.name == "suite.toml" else path
    if not root.exists():
        raise SuiteError(f"{root}: no such suite folder (a suite is a folder with articles/ in it)")
    if not root.is_dir():
        raise SuiteError(f"{root}: a suite is a folder (suite.toml, articles/, expected/)")
    toml = root / "suite.toml"
    if not toml.is_file() and (root.parent / "suite.toml").is_file():
        raise SuiteError(f"{root}: give the suite folder, {root.parent}, not a folder inside it")
    if not toml.is_file():
        raise SuiteError(
            f"{root}: no suite.toml (`summarizer record {root} --model NAME` writes one)"
        )
    try:
        data = tomllib.loads(toml.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SuiteError(f"{toml}: not valid TOML ({exc})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SuiteError(f"{toml}: cannot read ({exc})") from None
    return parse(root, data)


def new_suite_toml(
    model: str,
    base_url: str | None,
    mode: str,
    server: str | None = None,
    quantisation: str | None = None,
) -> str:
    """The ``suite.toml`` that ``record`` writes into a folder that has none."""
    lines = [
        "# A summarizer regression suite (README: Regression tests for your extraction).",
        "[model]",
        f"name = {_toml_str(model)}",
    ]
    if base_url:
        lines.append(f"base_url = {_toml_str(base_url)}")
    lines.append(f'mode = {_toml_str(mode)}  # or "json" (servers without tool calling)')
    for key, value, example in (
        ("server", server, "llama.cpp b4500"),
        ("quantisation", quantisation, "Q4_K_M"),
    ):
        given = f"{key} = {_toml_str(value)}" if value else f"# {key} = {_toml_str(example)}"
        lines.append(given + "  # named in cassette headers" * (key == "server"))
    lines += [
        "",
        "[thresholds]",
        "# none: any change fails. For example:",
        "# min_quote_f1 = 0.95",
        "# speaker_changes = 0",
        "",
    ]
    return "\n".join(lines)


def _toml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
