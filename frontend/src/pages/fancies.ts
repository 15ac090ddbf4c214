// /fancies: the catalogue of fancy pets (GET /api/v1/fancies): every fancy with its sample
// picture, a hint at its recipe, how many exist and who bred the first; linked from the
// rarity page and every fancy badge's pet page.
import { api } from "../api";
import { h, link, replace } from "../dom";
import { fancyHint, fancyName } from "../components/fancy";
import { dateTime } from "../format";
import { t } from "../i18n";
import type { PageContext } from "../router";
import type { Fancy } from "../types";
import { walletState } from "../wallet/wallet";
import { errorBox, loading, playerLink } from "./common";

function discovery(fancy: Fancy, me: string | null): HTMLElement {
  if (!fancy.first) return h("p", { class: "hint", testid: "fancy-first" }, t("fancy.notBred"));
  return h(
    "p",
    { testid: "fancy-first" },
    t("fancy.firstBy"),
    playerLink(fancy.first.breeder, me),
    t("fancy.firstPetBefore"),
    link(`/pets/${fancy.first.pet_id}`, {}, `#${fancy.first.pet_id}`),
    t("fancy.firstPetAfter", { time: dateTime(fancy.first.birth_time) }),
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
        alt: t("fancy.sampleAlt", { name: fancyName(fancy.name) }),
        width: 160,
        height: 160,
        loading: "lazy",
      }),
    ),
    h(
      "div",
      { class: "card-body" },
      h("h2", { class: "card-title" }, fancyName(fancy.name)),
      h(
        "p",
        { class: "fancy-hint" },
        t("fancy.hintLine", { hint: fancyHint(fancy.name, fancy.hint) }),
      ),
      h(
        "p",
        { testid: "fancy-count", "data-count": fancy.count },
        t("fancy.count", { count: fancy.count }),
        fancy.count > 0
          ? [
              " · ",
              link(
                `/market?show=all&fancy=${encodeURIComponent(fancy.name)}`,
                {},
                t("fancy.seeThem"),
              ),
            ]
          : null,
      ),
      discovery(fancy, me),
    ),
  );
}

export async function fanciesPage({ main, alive }: PageContext): Promise<void> {
  const list = h("div", { class: "grid fancy-grid", role: "list" }, loading());
  const intro = [h("h1", {}, t("title.fancies")), h("p", { class: "lead" }, t("fancy.intro"))];
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
