"""Dependencies point down. Every module of an app imports only the apps on the floors
below it, at module level; an import of another app inside a function (the way to hide
a cycle) is refused too. Where a lower app must react to a higher one, it offers a hook
that the higher app registers on in its `AppConfig.ready()`.

The floors, lowest first, are the architecture in the README; this test is their
keeper: a change that breaks them fails here, naming the file and line."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent

#: Each app and the floor it stands on. An app imports apps on lower floors only.
FLOORS = {
    "kernels": 0,
    "errors": 0,
    "api_errors": 1,
    "audit": 1,
    "documents": 2,
    "notifications": 2,
    "registry": 3,
    "calls": 4,
    "experts": 5,
    "meetings": 6,
    "notices": 7,
    "funding": 8,
    "equity": 9,
    "portfolio": 10,
    "insight": 11,
}
#: The top: they assemble the apps (routes, the API, the demo, test support) and may
#: import any of them.
TOP = {
    "settings",
    "urls",
    "api",
    "wsgi",
    "asgi",
    "i18n",
    "factories",
    "testing",
    "web",
    "demo",
    "tests",
}
#: An app kept only for the migration history of models that moved elsewhere.
HISTORY_ONLY = {"review"}


def app_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "wusong" or len(parts) < 2:
        return None
    return parts[1]


def imports(source: str):
    """(line, imported wusong module, inside a function?) for every import in `source`."""
    tree = ast.parse(source)
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                found.append((child.lineno, child.module, in_function))
            elif isinstance(child, ast.Import):
                found.extend((child.lineno, a.name, in_function) for a in child.names)
            visit(child, nested)

    visit(tree, False)
    return [(line, name, inner) for line, name, inner in found if name.startswith("wusong.")]


def violations(app: str, source: str, path: str) -> list[str]:
    """Why `source`, a module of `app`, breaks the floors ([] when it does not)."""
    problems = []
    for line, module, inner in imports(source):
        target = app_of(module)
        if target is None or target == app:
            continue
        if inner:
            problems.append(f"{path}:{line} imports {module} inside a function")
        elif target in TOP or target in HISTORY_ONLY:
            problems.append(f"{path}:{line} imports {module}, which is above every app")
        elif target not in FLOORS:
            problems.append(f"{path}:{line} imports {module}, an app on no floor")
        elif FLOORS[target] >= FLOORS[app]:
            problems.append(f"{path}:{line} imports {module}: {target} is not below {app}")
    return problems


def product_modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if "migrations" in rel.parts or "tests" in rel.parts:
            continue
        app = rel.parts[0].removesuffix(".py")
        if app in TOP:
            continue
        yield app, path, rel


def test_every_app_stands_on_a_floor():
    apps = {app for app, _path, _rel in product_modules()} - {"__init__"}
    assert apps <= set(FLOORS) | HISTORY_ONLY, sorted(apps - set(FLOORS) - HISTORY_ONLY)


def test_dependencies_point_down():
    problems = []
    for app, path, rel in product_modules():
        problems += violations(app, path.read_text(encoding="utf-8"), str(rel))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from wusong.registry.models import Organisation\n", []),
        (
            "from wusong.portfolio import selectors\n",
            ["imports wusong.portfolio: portfolio is not below funding"],
        ),
        (
            "def f():\n    from wusong.calls import models\n",
            ["imports wusong.calls inside a function"],
        ),
        ("from wusong.demo import loader\n", ["above every app"]),
        ("from .models import Agreement\nimport django\n", []),
    ],
)
def test_the_checker_sees_what_it_should(source, expected):
    found = violations("funding", source, "funding/x.py")
    assert len(found) == len(expected)
    for problem, part in zip(found, expected, strict=True):
        assert part in problem
