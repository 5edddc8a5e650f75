"""The layout tells the architecture: each app owns its admin, the demo depends on the domain
and never the other way, and no new pair of apps comes to import each other.

Read from the source with ``ast`` (imports inside functions included), not from what happens
to be imported at run time.
"""

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = [
    "api",
    "cms.access",
    "cms.core",
    "cms.demo",
    "cms.frontend",
    "cms.panels",
    "cms.translation",
    "safe_spaces",
    "toolbox_pages",
]
ADMIN_MODULES = {"views", "viewsets", "wagtail_hooks"}

# Pairs of apps that import each other today, each for a reason of its domain: the public
# rules live in ``api.public`` and the HTML pages and listings apply them; core models carry
# the language-review workflow; the translation report lists the translatable models. A new
# pair fails the suite; one that disappears must be taken off this list.
MUTUAL_IMPORTS = {
    ("api", "cms.core"),
    ("api", "safe_spaces"),
    ("cms.core", "cms.translation"),
    ("cms.translation", "safe_spaces"),
}


def app_of(module: str) -> str | None:
    for app in sorted(APPS, key=len, reverse=True):
        if module == app or module.startswith(app + "."):
            return app
    return None


def project_imports() -> list[tuple[str, str]]:
    """(importing module, imported module) for every absolute import of the project's code."""
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in {"tests", ".venv", "var", "node_modules"}:
            continue
        if "migrations" in relative.parts:
            continue
        module = ".".join(relative.with_suffix("").parts).removesuffix(".__init__")
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                found += [(module, alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found += [(module, node.module)]
                found += [(module, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def test_no_app_imports_another_apps_admin():
    offending = [
        f"{source} imports {target}"
        for source, target in project_imports()
        if (target_app := app_of(target))
        and app_of(source) not in {target_app, None}
        and target.removeprefix(target_app + ".").split(".")[0] in ADMIN_MODULES
    ]
    assert offending == []


def test_the_equalcity_menu_is_assembled_without_importing_domain_apps():
    offending = [
        f"{source} imports {target}"
        for source, target in project_imports()
        if source in {"cms.core.viewsets", "cms.core.wagtail_hooks", "cms.core.apps"}
        and app_of(target) not in {None, "cms.core"}
    ]
    assert offending == []


def test_only_the_demo_app_imports_the_demo():
    offending = [
        f"{source} imports {target}"
        for source, target in project_imports()
        if app_of(target) == "cms.demo" and app_of(source) != "cms.demo"
    ]
    assert offending == []


def test_no_new_pair_of_apps_imports_each_other():
    edges = defaultdict(set)
    for source, target in project_imports():
        source_app, target_app = app_of(source), app_of(target)
        if source_app and target_app and source_app != target_app:
            edges[source_app].add(target_app)
    mutual = {
        tuple(sorted((app, other))) for app in edges for other in edges[app] if app in edges[other]
    }
    assert mutual == MUTUAL_IMPORTS


def test_no_module_exceeds_400_lines():
    """A module past 400 lines has more than one seam: split it along them."""
    too_long = {
        str(path.relative_to(ROOT)): length
        for path in ROOT.rglob("*.py")
        if path.relative_to(ROOT).parts[0] not in {"tests", ".venv", "var", "node_modules"}
        and "migrations" not in path.parts
        and (length := len(path.read_text().splitlines())) > 400
    }
    assert too_long == {}
