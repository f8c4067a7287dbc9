"""A test module that defines a test's name twice runs only the second definition, silently (ruff's F811 does
not report a decorated function redefined, and parametrized tests are decorated)."""
from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_no_test_module_defines_a_name_twice():
    twice = {}
    for path in sorted(TESTS.rglob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = Counter(node.name for node in tree.body
                        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef))
        if repeated := sorted(name for name, count in names.items() if count > 1):
            twice[str(path.relative_to(TESTS))] = repeated
    assert twice == {}
