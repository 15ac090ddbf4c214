// A pet's family as two trees of small pictures: its ancestors and its descendants, a few
// generations deep (GET /api/v1/pets/<id>/family).
import { api } from "../api";
import { h, link, replace } from "../dom";
import type { FamilyNode } from "../types";
import { petImage } from "../components/petcard";
import { errorBox, loading } from "./common";

function treeNode(node: FamilyNode, direction: "parents" | "children", depth: number): HTMLElement {
  const next = node[direction] ?? [];
  return h(
    "li",
    {},
    link(
      `/pets/${node.id}`,
      { class: "tree-pet", "aria-label": `Pet #${node.id}, generation ${node.generation}` },
      petImage(node, 72),
      h("span", {}, `#${node.id}`),
      h("small", {}, `Gen ${node.generation}`),
    ),
    next.length && depth > 0
      ? h(
          "ul",
          {},
          next.map((child) => treeNode(child, direction, depth - 1)),
        )
      : null,
  );
}

/** One side of the family: the ancestors or the descendants, three generations deep. */
function side(
  root: FamilyNode,
  direction: "parents" | "children",
  title: string,
  empty: string,
): HTMLElement {
  const nodes = root[direction] ?? [];
  return h(
    "div",
    { class: "tree" },
    h("h3", {}, title),
    nodes.length
      ? h(
          "ul",
          { class: "tree-root" },
          nodes.map((node) => treeNode(node, direction, 3)),
        )
      : h("p", { class: "empty" }, empty),
  );
}

export function familyTree(id: number): HTMLElement {
  const container = h("div", { class: "family", testid: "family-tree" }, loading());
  void api<{ root: FamilyNode }>(`/pets/${id}/family?depth=3`).then(
    ({ root }) => {
      replace(
        container,
        side(root, "parents", "Ancestors", "Generation 0: no parents."),
        side(root, "children", "Descendants", "No children yet."),
      );
    },
    (error: unknown) => replace(container, errorBox(error)),
  );
  return container;
}
