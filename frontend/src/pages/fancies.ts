// /fancies: the catalogue of fancy pets (GET /api/v1/fancies): every fancy with its sample
// picture, a hint at its recipe, how many exist and who bred the first; linked from the
// rarity page and every fancy badge's pet page.
import { api } from "../api";
import { h, link, replace } from "../dom";
import { dateTime } from "../format";
import type { PageContext } from "../router";
import type { Fancy } from "../types";
import { walletState } from "../wallet/wallet";
import { errorBox, loading, playerLink } from "./common";

function discovery(fancy: Fancy, me: string | null): HTMLElement {
  if (!fancy.first)
    return h("p", { class: "hint", testid: "fancy-first" }, "Not bred yet: be the first!");
  return h(
    "p",
    { testid: "fancy-first" },
    "First bred by ",
    playerLink(fancy.first.breeder, me),
    " (",
    link(`/pets/${fancy.first.pet_id}`, {}, `#${fancy.first.pet_id}`),
    `, ${dateTime(fancy.first.birth_time)})`,
  );
}

function fancyCard(fancy: Fancy, me: string | null): HTMLElement {
  return h(
    "article",
    { class: "card fancy-card", testid: "fancy-card", "data-fancy": fancy.name, role: "listitem" },
    h(
      "div",
      { class: "card-art" },
      h("img", {
        src: fancy.sample_image_url,
        alt: `A sample ${fancy.name}, with the fancy's emblem in the corner`,
        width: 160,
        height: 160,
        loading: "lazy",
      }),
    ),
    h(
      "div",
      { class: "card-body" },
      h("h2", { class: "card-title" }, fancy.name),
      h("p", { class: "fancy-hint" }, `Hint: ${fancy.hint}`),
      h(
        "p",
        { testid: "fancy-count", "data-count": fancy.count },
        fancy.count === 1 ? "1 pet" : `${fancy.count} pets`,
        fancy.count > 0
          ? [
              " · ",
              link(`/market?show=all&fancy=${encodeURIComponent(fancy.name)}`, {}, "see them"),
            ]
          : null,
      ),
      discovery(fancy, me),
    ),
  );
}

const INTRO =
  "A fancy is a named combination of traits. Only a born pet can be one: breed two pets " +
  "whose genes lean towards a recipe, and the newborn may be a fancy, wearing its emblem. " +
  "Each hint tells part of the recipe; the genetics are public.";

export async function fanciesPage({ main, alive }: PageContext): Promise<void> {
  const list = h("div", { class: "grid fancy-grid", role: "list" }, loading());
  const intro = [h("h1", {}, "Fancy pets"), h("p", { class: "lead" }, INTRO)];
  replace(main, h("section", { class: "panel fancies-page", testid: "fancies-page" }, intro), list);
  try {
    const { fancies } = await api<{ fancies: Fancy[] }>("/fancies");
    if (!alive()) return;
    const me = walletState().account;
    replace(
      list,
      fancies.map((fancy) => fancyCard(fancy, me)),
    );
  } catch (error) {
    if (alive()) replace(list, errorBox(error));
  }
}
