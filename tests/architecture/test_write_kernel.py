"""Every audited write goes through the write kernel (`vawdasv/audit/kernel.py`).

A source scan: outside `vawdasv/audit/`, no module may call `audit.services.record` itself,
however the module is imported or renamed, nor create audit entries by hand. The kernel is the
one place that turns a service's write into its single audit entry.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "vawdasv"
AUDIT_SERVICES = "vawdasv.audit.services"


def direct_audit_writes(source: str) -> list[int]:
    """Line numbers where `source` records an audit entry without the kernel."""
    tree = ast.parse(source)
    modules: set[str] = set()  # local names bound to vawdasv.audit.services
    functions: set[str] = set()  # local names bound to its `record`
    dotted = False  # `import vawdasv.audit.services` (called by its full name)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "vawdasv.audit":
            modules.update(a.asname or a.name for a in node.names if a.name == "services")
        elif isinstance(node, ast.ImportFrom) and node.module == AUDIT_SERVICES:
            functions.update(a.asname or a.name for a in node.names if a.name == "record")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == AUDIT_SERVICES:
                    if alias.asname:
                        modules.add(alias.asname)
                    else:
                        dotted = True
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _writes_by_hand(node.func, modules, functions, dotted):
            lines.append(node.lineno)
    return sorted(lines)


def _writes_by_hand(func: ast.expr, modules: set[str], functions: set[str], dotted: bool) -> bool:
    if isinstance(func, ast.Name):
        return func.id in functions
    if not isinstance(func, ast.Attribute):
        return False
    owner = ast.unparse(func.value)
    if func.attr == "record":
        return owner in modules or (dotted and owner == AUDIT_SERVICES)
    return func.attr in {"create", "bulk_create"} and owner == "AuditEntry.objects"


def modules_outside_audit() -> list[Path]:
    return sorted(
        path
        for path in PACKAGE.rglob("*.py")
        if "migrations" not in path.parts and path.parent != PACKAGE / "audit"
    )


def test_no_module_outside_audit_records_an_audit_entry_without_the_kernel() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line}"
        for path in modules_outside_audit()
        for line in direct_audit_writes(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "call vawdasv.audit.kernel instead: " + ", ".join(offenders)


@pytest.mark.parametrize(
    "source",
    [
        "from vawdasv.audit import services as audit\naudit.record(actor=a)\n",
        "from vawdasv.audit import services\nservices.record(actor=a)\n",
        "from vawdasv.audit.services import record\nrecord(actor=a)\n",
        "from vawdasv.audit.services import record as note\nnote(actor=a)\n",
        "import vawdasv.audit.services\nvawdasv.audit.services.record(actor=a)\n",
        "import vawdasv.audit.services as log\nlog.record(actor=a)\n",
        "AuditEntry.objects.create(verb='updated')\n",
    ],
)
def test_the_scan_finds_each_way_of_writing_an_entry_by_hand(source: str) -> None:
    assert direct_audit_writes(source) == [source.count("\n")]


def test_the_scan_lets_the_kernel_and_other_records_through() -> None:
    source = (
        "from vawdasv.audit import kernel\n"
        "from vawdasv.audit import services as audit\n"
        "kernel.record(actor=a)\n"
        "audit.snapshot(x, ())\n"
        "services.record_attendance(meeting=m)\n"
    )
    assert direct_audit_writes(source) == []


def test_the_scan_reads_every_service_module() -> None:
    scanned = {path.relative_to(PACKAGE).as_posix() for path in modules_outside_audit()}
    assert {"plans/services.py", "partnerships/services.py", "accounts/services.py"} <= scanned
