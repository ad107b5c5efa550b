"""The apps form layers: each imports only from the layers below it, and nothing loops.

Every import counts, at module level or inside a function: a deferred import still
ties the two modules together.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Bottom to top. An app may import an app listed before it, never one after it.
LAYERS = ["messagerie", "communaute", "ressources", "temoignages", "formation", "activites",
          "recrutement", "jumelage", "accompagnement", "mentorat", "coordination"]
# The project's package wires settings and URLs; apart from its URL configuration, its
# shared helpers stand below every app.
WIRING = {"ruisss.urls"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path) -> set[str]:
    """Every module `path` imports, resolved to absolute names."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = module_name(path).rsplit(".", 1)[0] if path.name != "__init__.py" \
        else module_name(path)
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module
            found.add(prefix)
            found.update(f"{prefix}.{alias.name}" for alias in node.names)
    return found


def project_modules() -> dict[str, Path]:
    modules = {}
    for package in [*LAYERS, "ruisss"]:
        for path in (ROOT / package).rglob("*.py"):
            modules[module_name(path)] = path
    return modules


def import_graph() -> dict[str, set[str]]:
    modules = project_modules()
    return {name: {target for target in imported_modules(path) if target in modules}
            for name, path in modules.items()}


def layer_of(module: str) -> int | None:
    top = module.split(".")[0]
    if top == "ruisss":
        return None if module in WIRING else -1
    return LAYERS.index(top)


def upward_imports(graph) -> list[str]:
    found = []
    for source, targets in sorted(graph.items()):
        source_layer = layer_of(source)
        if source_layer is None:
            continue
        for target in sorted(targets):
            target_layer = layer_of(target)
            if target_layer is not None and target_layer > source_layer:
                found.append(f"{source} imports {target}")
    return found


def cycles(graph) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm)."""
    index, low, on_stack, stack, groups = {}, {}, set(), [], []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_every_app_is_in_a_layer():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps == set(LAYERS)


def test_no_app_imports_from_a_layer_above_it():
    assert upward_imports(import_graph()) == []


def test_no_import_cycle():
    assert cycles(import_graph()) == []


def test_the_checks_see_an_upward_import_and_a_cycle():
    graph = {"communaute.models": {"jumelage.models"}, "jumelage.models": {"communaute.models"}}
    assert upward_imports(graph) == ["communaute.models imports jumelage.models"]
    assert cycles(graph) == [["communaute.models", "jumelage.models"]]
