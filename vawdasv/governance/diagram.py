"""The reporting lines of a partnership's groups, as a tree drawn once as SVG and once as a list.

The same `Node` tree feeds both, so the picture and the nested list cannot disagree. The SVG is
an indented tree (one row per node) so long Welsh names fit and it prints on A4; external bodies
are drawn with a dashed border AND labelled, so colour is never the only signal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from vawdasv.governance.models import ExternalBody, Group

ROW_HEIGHT = 56
BOX_HEIGHT = 40
INDENT = 36
BOX_WIDTH = 420
MARGIN = 8


@dataclass
class Node:
    name: str
    external: bool
    group: Group | None = None
    url: str = ""  # an external body's web address
    children: list[Node] = field(default_factory=list)
    # Filled in by `layout`.
    x: int = 0
    y: int = 0
    parent_x: int | None = None
    parent_y: int | None = None


def reporting_tree(groups: Iterable[Group], bodies: Iterable[ExternalBody]) -> list[Node]:
    """Roots first: each external body with the groups reporting to it, then any group that
    reports to nothing recorded."""
    groups = list(groups)
    nodes = {g.pk: Node(g.text("name").text, False, g) for g in groups}
    roots: list[Node] = []
    body_nodes = {b.pk: Node(b.text("name").text, True, url=b.url) for b in bodies}
    for g in groups:
        node = nodes[g.pk]
        if g.reports_to_group_id in nodes:
            nodes[g.reports_to_group_id].children.append(node)
        elif g.reports_to_body_id in body_nodes:
            body_nodes[g.reports_to_body_id].children.append(node)
        else:
            roots.append(node)
    return [*body_nodes.values(), *roots]


@dataclass(frozen=True)
class Layout:
    nodes: list[Node]
    width: int
    height: int


def layout(roots: list[Node]) -> Layout:
    placed: list[Node] = []

    def place(node: Node, depth: int, parent: Node | None) -> None:
        node.x = MARGIN + depth * INDENT
        node.y = MARGIN + len(placed) * ROW_HEIGHT
        if parent is not None:
            node.parent_x, node.parent_y = parent.x + INDENT // 2, parent.y + BOX_HEIGHT
        placed.append(node)
        for child in node.children:
            place(child, depth + 1, node)

    for root in roots:
        place(root, 0, None)
    depth_max = max((n.x for n in placed), default=0)
    return Layout(placed, depth_max + BOX_WIDTH + MARGIN, MARGIN * 2 + len(placed) * ROW_HEIGHT)
