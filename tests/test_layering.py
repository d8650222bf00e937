"""The pipeline's layering: one place imports each of pptx, matplotlib and yaml, and the
command line starts without the heavy ones."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "talkdeck"
IMPORT = re.compile(r"^\s*(?:import|from)\s+(pptx|matplotlib|yaml)\b", re.M)


def importers() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        for lib in IMPORT.findall(path.read_text(encoding="utf-8")):
            found.setdefault(lib, set()).add(path.relative_to(SRC).as_posix())
    return found


def test_each_heavy_library_is_imported_by_one_stage_only():
    found = importers()
    assert {p.split("/")[0] for p in found["yaml"]} == {"load"}
    assert {p.split("/")[0] for p in found["matplotlib"]} == {"charts"}
    # What the validator and planner read of a chart is pure: no matplotlib there.
    assert not found["matplotlib"] & {"charts/values.py", "charts/labels.py", "charts/style.py", "charts/palette.py"}
    assert {p.split("/")[0] for p in found["pptx"]} == {"deck"}


def import_graph() -> dict[str, set[str]]:
    """talkdeck's modules and the talkdeck modules each imports: at the top, in functions or for type checking."""
    def name(path: Path) -> str:
        parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
        return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)

    modules = {name(p): p for p in SRC.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
                target = ".".join(base + ([node.module] if node.module else []))
                for alias in node.names:  # `from . import layout` names a module, `from .plan import X` a name
                    full = f"{target}.{alias.name}"
                    deps.add(full if full in modules else target)
            elif isinstance(node, ast.Import):
                deps.update(alias.name for alias in node.names)
        graph[module] = {d for d in deps if d in modules and d != module}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import circles: strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while (w := stack.pop()) != v:
                group.append(w)
            if group:
                found.append(sorted(group + [v]))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_circles():
    graph = import_graph()
    assert "talkdeck.plan.planner" in graph["talkdeck.build"]  # the graph is read, not empty
    assert cycles(graph) == []


#: What each part of the house may import: the commands on top, then build (the pipeline), the stages in
#: their order, then what they share (lang over text), then the base modules. A stage reads the pure parts of
#: a later one only where listed: the loader checks chart values (charts.values) and whether matplotlib can draw
#: the equations in chart titles (charts.mathtext, which imports matplotlib only then), and the planner measures
#: chart labels and writes alt text (charts.labels, charts.style, charts.describe) without matplotlib.
BASE = {"talkdeck", "model", "layout", "errors", "limits", "atomic", "overwrite", "package", "images"}
SHARED = {"lang", "text"}
ALLOWED = {
    "__main__": {"commands"},
    "commands": {"build", "load", "plan", "charts", "deck", "export"} | SHARED | BASE,
    "build": {"load", "plan", "charts", "deck", "export"} | SHARED | BASE,
    "export": SHARED | BASE,
    "deck": {"plan"} | SHARED | BASE,
    "charts": SHARED | BASE,
    "plan": {"load", "charts.describe", "charts.labels", "charts.style"} | SHARED | BASE,
    "load": {"charts.values", "charts.mathtext", "cite"} | SHARED | BASE,
    "cite": BASE,  # citations: their syntax in text, and citeproc-py formatting them (load reads the files)
    "lang": {"text"} | BASE,
    "text": BASE,
    "model": {"lang.strings"},  # the catalog's message names, which a talk's `strings:` may override
    "errors": {"model"},
    "atomic": {"errors"},
    "overwrite": {"errors", "model"},  # what a build may replace: never an input
    "package": {"limits", "images"},  # a template package checked before python-pptx opens it
    "images": {"limits"},  # pictures opened with Pillow within bounds
    "layout": set(),
    "limits": set(),
    "talkdeck": set(),
}


def part(module: str) -> str:
    """The part of the house ``talkdeck.X.Y`` belongs to: its folder, or the top-level module's name."""
    return module.split(".")[1] if "." in module else module


def test_each_part_imports_only_the_parts_below_it():
    climbs = []
    for module, deps in import_graph().items():
        allowed = ALLOWED[part(module)]
        for dep in deps:
            inner = dep.split(".", 1)[1] if "." in dep else dep
            if part(dep) != part(module) and part(dep) not in allowed and inner not in allowed:
                climbs.append(f"{module} -> {dep}")
    assert climbs == []


def test_the_stages_are_folders():
    folders = {p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert {"load", "plan", "charts", "deck", "export", "lang", "text", "commands"} <= folders
    assert {p.stem for p in SRC.glob("*.py")} == {"__init__", "__main__", "build"} | BASE - {"talkdeck"}


def test_no_module_is_over_400_lines():
    long = {p.relative_to(SRC).as_posix(): n for p in SRC.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}


def test_an_import_circle_is_found():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_help_and_loading_do_not_import_pptx_or_matplotlib():
    code = ("import sys; from click.testing import CliRunner; from talkdeck.commands.cli import cli; "
            "from talkdeck.load import parse_talk; "
            "assert CliRunner().invoke(cli, ['--help']).exit_code == 0; "
            "print(sorted(m for m in ('pptx', 'matplotlib') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_help_imports_none_of_the_planners_libraries():
    code = ("import sys; from click.testing import CliRunner; from talkdeck.commands.cli import cli; "
            "assert CliRunner().invoke(cli, ['--help']).exit_code == 0; "
            "print(sorted(m for m in ('pptx', 'matplotlib', 'babel', 'markdown_it', 'pygments', 'PIL', 'yaml') "
            "if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_check_without_a_template_does_not_import_pptx(tmp_path):
    (tmp_path / "talk.yaml").write_text("title: T\nspeaker: {name: A, bio: B}\nsections:\n  - title: S\n"
                                        "    slides:\n      - {title: s, bullets: [a], notes: n}\n", encoding="utf-8")
    code = ("import sys; from click.testing import CliRunner; from talkdeck.commands.cli import cli; "
            "r = CliRunner().invoke(cli, ['check', 'talk.yaml']); assert r.exit_code == 0, r.output; "
            "print(sorted(m for m in ('pptx', 'matplotlib') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert done.stdout.strip() == "[]"
