"""The import graph (grimp, as import-linter reads it): no circle inside a core package or a scene, and no circle
between core packages. Imports inside functions count: a circle hidden in a function is still a circle."""

from functools import cache

import grimp

# Known circles, each with the reason it is allowed for now. Delete an entry when its fix lands.
KNOWN_CIRCLES: dict[str, str] = {}


@cache
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("zhili", include_external_packages=False)


def _strongly_connected(nodes: list[str], edges) -> list[list[str]]:
    """Tarjan's components of more than one node (iterative, so deep graphs need no recursion limit)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(edges(root)))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges(child))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def _home(module: str) -> str:
    """The core package or scene a module belongs to (``zhili.core.cases``, ``zhili.scenes.labor_risk``)."""
    return ".".join(module.split(".")[:3])


def module_circles() -> list[list[str]]:
    g = graph()
    modules = sorted(m for m in g.modules if m.startswith(("zhili.core.", "zhili.scenes.")))

    def edges(module):
        # A package's __init__ re-exporting its modules is not a circle of the modules it exports.
        return sorted(m for m in g.find_modules_directly_imported_by(module)
                      if _home(m) == _home(module) and not module.startswith(m + "."))

    return [c for c in _strongly_connected(modules, edges) if _home(c[0]) not in KNOWN_CIRCLES]


def package_circles() -> list[list[str]]:
    g = graph()
    packages = sorted({_home(m) for m in g.modules if m.startswith("zhili.core.") and m.count(".") >= 2}
                      - {"zhili.core.testing"})

    def edges(package):
        # Tests may use any package.
        importers = [m for m in [package, *g.find_descendants(package)] if ".tests" not in m]
        found = {_home(imported) for importer in importers for imported in g.find_modules_directly_imported_by(importer)
                 if imported.startswith("zhili.core.") and ".tests" not in imported}
        found.discard(package)
        found.discard("zhili.core.testing")
        return sorted(found & set(packages))

    return _strongly_connected(packages, edges)


def test_no_module_imports_itself_round_a_circle_inside_a_package_or_scene():
    assert module_circles() == []


def test_core_packages_import_each_other_without_a_circle():
    assert package_circles() == []


def test_the_circle_finder_finds_a_circle():
    """The finder is not blind: a → b → c → a is one component, d hanging off it is not part of it."""
    edges = {"a": ["b"], "b": ["c"], "c": ["a", "d"], "d": []}
    assert _strongly_connected(sorted(edges), lambda n: edges[n]) == [["a", "b", "c"]]
