// The owner's rename form on a pet's page: a name, signed (no gas), kept by the game server.
import { t } from "../i18n";
import { h, listen } from "../dom";
import { MAX_NAME_LENGTH, namePet } from "../names";

export function renameForm(
  pet: { id: number; name: string | null },
  refresh: () => void,
): HTMLElement {
  const input = h("input", {
    id: "pet-name",
    name: "name",
    type: "text",
    required: true,
    maxlength: MAX_NAME_LENGTH,
    autocomplete: "off",
    value: pet.name ?? "",
    testid: "pet-name-input",
  });
  const button = h(
    "button",
    { type: "submit", class: "button small", testid: "pet-name-save" },
    t(pet.name ? "rename.rename" : "rename.name"),
  );
  const form = h(
    "form",
    { class: "rename-form", testid: "rename-form", "aria-label": t("rename.label") },
    h("label", { for: "pet-name" }, t("rename.field")),
    input,
    " ",
    button,
    h("p", { class: "hint" }, t("rename.rules", { max: MAX_NAME_LENGTH })),
  );
  listen(form, "submit", async (event) => {
    event.preventDefault();
    button.disabled = true;
    if (await namePet(pet.id, input.value)) refresh();
    else button.disabled = false;
  });
  return form;
}
