"""The kernels are pure Python: no module under `wusong/kernels/` (subpackages included,
these tests aside) imports Django, Django REST framework, django-fsm or an app."""

import ast
from pathlib import Path

import pytest

from wusong import kernels

KERNELS = Path(kernels.__file__).parent
ROOT = KERNELS.parent.parent
FORBIDDEN_ROOTS = frozenset({"django", "rest_framework", "django_fsm"})
DYNAMIC_IMPORTS = frozenset({"import_module", "__import__"})


def forbidden(name: str) -> bool:
    """Whether importing the dotted module `name` breaks the kernels' purity."""
    parts = name.split(".")
    if parts[0] in FORBIDDEN_ROOTS:
        return True
    return parts[0] == "wusong" and len(parts) > 1 and parts[1] != "kernels"


def _imported(node: ast.AST, module: str, is_package: bool) -> list[str]:
    """The dotted names an import statement (or a literal dynamic import) brings in."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        if node.level:
            package = module.split(".") if is_package else module.split(".")[:-1]
            base = package[: len(package) - (node.level - 1)]
            source = ".".join([*base, node.module] if node.module else base)
        else:
            source = node.module or ""
        # `from wusong import calls` imports the module wusong.calls.
        return [source] + [f"{source}.{alias.name}" for alias in node.names]
    if isinstance(node, ast.Call) and node.args:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        first = node.args[0]
        if name in DYNAMIC_IMPORTS and isinstance(first, ast.Constant):
            return [str(first.value)]
    return []


def impure_imports(source: str, module: str, is_package: bool = False) -> list[tuple[int, str]]:
    """(line, dotted name) of every forbidden import in `source`, the text of `module`,
    wherever it stands: at the top, inside a function, under a condition."""
    found = []
    for node in ast.walk(ast.parse(source)):
        names = _imported(node, module, is_package)
        bad = next((name for name in names if forbidden(name)), None)
        if bad is not None:
            found.append((node.lineno, bad))
    return sorted(found)


def kernel_modules() -> list[Path]:
    return sorted(
        path
        for path in KERNELS.rglob("*.py")
        if "tests" not in path.relative_to(KERNELS).parts[:-1]
    )


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_kernel_module_imports_django_or_an_app():
    paths = kernel_modules()
    names = {module_name(path) for path in paths}
    # The walk reaches the subpackages and leaves the tests out.
    assert {"wusong.kernels.assignment.solve", "wusong.kernels.conversion"} <= names
    assert not any(".tests" in name for name in names)
    offences = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for path in paths
        for line, name in impure_imports(
            path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py"
        )
    ]
    assert not offences, "the kernels must stay pure Python:\n" + "\n".join(offences)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import django", [(1, "django")]),
        ("import numpy\nfrom django.db import models", [(2, "django.db")]),
        ("def f():\n    from rest_framework import serializers", [(2, "rest_framework")]),
        ("import django_fsm as fsm", [(1, "django_fsm")]),
        ("from wusong.calls.models import Call", [(1, "wusong.calls.models")]),
        ("from wusong import calls", [(1, "wusong.calls")]),
        ("import wusong.funding.ledger", [(1, "wusong.funding.ledger")]),
        ("from ...calls import models", [(1, "wusong.calls")]),
        ("import importlib\nimportlib.import_module('django.conf')", [(2, "django.conf")]),
        ("if True:\n    import django.conf", [(2, "django.conf")]),
    ],
)
def test_the_check_finds_an_impure_import(source, expected):
    assert impure_imports(source, "wusong.kernels.conversion.compute") == expected


@pytest.mark.parametrize(
    "source",
    [
        "import numpy\nfrom scipy import sparse",
        "from wusong.kernels.conversion import build",
        "from wusong import kernels",
        "from . import vocabulary\nfrom .. import money",
        "import djangoish",
        "import wusong",
    ],
)
def test_the_check_lets_pure_imports_through(source):
    assert impure_imports(source, "wusong.kernels.conversion.compute") == []
