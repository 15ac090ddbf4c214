// A pet's family as two trees of small pictures: its ancestors and its descendants, a few
// generations deep (GET /api/v1/pets/<id>/family).
import { api } from "../api";
import { h, link, replace } from "../dom";
import { t } from "../i18n";
import type { FamilyNode } from "../types";
import { petImage } from "../components/petcard";
import { errorBox, loading } from "./common";

/** Which parent of `child` the pet `parent` is: the matron (mother, who carried it) or the sire. */
function parentRole(child: FamilyNode, parent: FamilyNode): string | null {
  if (parent.id === child.matron_id) return t("family.matron");
  if (parent.id === child.sire_id) return t("family.sire");
  return null;
}

function treeNode(
  node: FamilyNode,
  direction: "parents" | "children",
  depth: number,
  role: string | null,
): HTMLElement {
  const next = node[direction] ?? [];
  const roleOf = (other: FamilyNode) =>
    direction === "parents" ? parentRole(node, other) : parentRole(other, node);
  return h(
    "li",
    {},
    // Named by its text; the picture is decorative here (its title explains the badge).
    link(
      `/pets/${node.id}`,
      { class: "tree-pet" },
      petImage(node, 72, false, true),
      h("span", {}, node.name ? `${node.name} #${node.id}` : `#${node.id}`),
      role ? h("small", { class: "role", testid: "family-role" }, role) : null,
      h("small", {}, t("card.gen", { generation: node.generation })),
    ),
    next.length && depth > 0
      ? h(
          "ul",
          {},
          next.map((other) => treeNode(other, direction, depth - 1, roleOf(other))),
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
          nodes.map((node) =>
            treeNode(
              node,
              direction,
              3,
              direction === "parents" ? parentRole(root, node) : parentRole(node, root),
            ),
          ),
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
        side(root, "parents", t("family.ancestors"), t("family.noParents")),
        side(root, "children", t("family.descendants"), t("family.noChildren")),
      );
    },
    (error: unknown) => replace(container, errorBox(error)),
  );
  return container;
}
