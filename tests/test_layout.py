"""The layout tells the truth: SQL only in store/, and imports flow one way (STYLE.md)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "imena"

#: Strings that are SQL statements (or fragments of one that name a table to change).
SQL = re.compile(
    r"\b(SELECT\s+(DISTINCT\s+)?[\w*\"(]|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|"
    r"DELETE\s+FROM|CREATE\s+(TEMP\s+|UNIQUE\s+)?(TABLE|INDEX|VIEW)|ALTER\s+TABLE|DROP\s+TABLE|"
    r"PRAGMA\s+\w+|WHERE\s+[\w.]+\s*(=|IN\b|>|<|LIKE))"
)

#: The layers of STYLE.md from the bottom up; a module may import only its own layer
#: or lower ones.  Edges (cli, web, export, demo) come last and nothing imports them,
#: except api, which hands out export's writers.
LAYERS = [
    {"errors", "__init__", "model"},
    {"sources", "names"},
    {"store"},
    {"identity"},
    {"extract"},
    {"machinery"},
    {"registry"},
    {"lists"},
    {"places"},
    {"api", "export"},
    {"cli", "web", "demo"},
]


def _modules() -> list[tuple[str, Path]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        out.append((rel.parts[0].removesuffix(".py"), path))
    return out


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def test_sql_and_sqlite3_only_in_store() -> None:
    found = []
    for top, path in _modules():
        if top == "store":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [
                    node.module or ""
                ]
                if any(n == "sqlite3" or n.startswith("sqlite3.") for n in names):
                    found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: imports sqlite3")
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docs
                and SQL.search(node.value)
            ):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value[:60]!r}")
    assert not found, "SQL outside imena/store:\n" + "\n".join(found)


def _layer(name: str) -> int:
    for i, layer in enumerate(LAYERS):
        if name in layer:
            return i
    raise AssertionError(f"imena.{name} has no place in STYLE.md's layout (tests/test_layout.py)")


def test_imports_flow_one_way() -> None:
    wrong = []
    for top, path in _modules():
        own = _layer(top)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("imena"):
                parts = node.module.split(".")
                # "from imena import api" names a module; "from imena import __version__"
                # names the package's own attribute.
                targets = [parts[1]] if len(parts) > 1 else [
                    a.name if (PACKAGE / a.name).exists() or (PACKAGE / f"{a.name}.py").exists()
                    else "__init__"
                    for a in node.names
                ]
            elif isinstance(node, ast.Import):
                targets = [a.name.split(".")[1] for a in node.names if a.name.startswith("imena.")]
            else:
                continue
            for target in targets:
                if target != top and _layer(target) > own:
                    wrong.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: imports {target}")
    assert not wrong, "imports against the flow of STYLE.md:\n" + "\n".join(wrong)
