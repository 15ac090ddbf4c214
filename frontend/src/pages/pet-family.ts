// A pet's family as two trees of small pictures: its ancestors and its descendants, a few
// generations deep (GET /api/v1/pets/<id>/family).
import { api } from "../api";
import { h, link, replace } from "../dom";
import type { FamilyNode } from "../types";
import { petImage } from "../components/petcard";
import { errorBox, loading } from "./common";

function treeNode(node: FamilyNode, direction: "parents" | "children", depth: number): HTMLElement {
  const next = node[direction] ?? [];
  return h("li", {},
    link(`/pets/${node.id}`, { class: "tree-pet", "aria-label": `Pet #${node.id}, generation ${node.generation}` },
      petImage(node, 72), h("span", {}, `#${node.id}`), h("small", {}, `Gen ${node.generation}`)),
    next.length && depth > 0 ? h("ul", {}, next.map((child) => treeNode(child, direction, depth - 1))) : null);
}

export function familyTree(id: number): HTMLElement {
  const container = h("div", { class: "family", testid: "family-tree" }, loading());
  void api<{ root: FamilyNode }>(`/pets/${id}/family?depth=3`).then(({ root }) => {
    const parents = root.parents ?? [];
    const children = root.children ?? [];
    replace(container,
      h("div", { class: "tree" }, h("h3", {}, "Ancestors"),
        parents.length ? h("ul", { class: "tree-root" }, parents.map((parent) => treeNode(parent, "parents", 3))) : h("p", { class: "empty" }, "Generation 0: no parents.")),
      h("div", { class: "tree" }, h("h3", {}, "Descendants"),
        children.length ? h("ul", { class: "tree-root" }, children.map((child) => treeNode(child, "children", 3))) : h("p", { class: "empty" }, "No children yet.")));
  }, (error: unknown) => replace(container, errorBox(error)));
  return container;
}
