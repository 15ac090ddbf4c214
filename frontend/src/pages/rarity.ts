// /rarity: the six-tier ladder explained (what makes a pet Rare .. Legendary, what its badge
// shows, how often each tier occurs), linked from the home page and every pet's page.
import { tierTable } from "../components/rarity";
import { h, link, replace } from "../dom";
import { t } from "../i18n";
import type { PageContext } from "../router";

export function rarityPage({ main }: PageContext): void {
  replace(
    main,
    h(
      "section",
      { class: "panel rarity-page", testid: "rarity-page" },
      h("h1", {}, t("title.rarity")),
      h("p", { class: "lead" }, t("rarity.lead")),
      // Focusable, so a keyboard can scroll it when a phone is too narrow for the table.
      h(
        "div",
        {
          class: "table-scroll",
          tabindex: 0,
          role: "region",
          "aria-label": t("rarity.tableLabel"),
        },
        tierTable(),
      ),
      h("p", {}, t("rarity.ladder")),
      h(
        "p",
        {},
        t("rarity.fanciesBefore"),
        link("/fancies", { testid: "fancies-link" }, t("rarity.fanciesLink")),
        t("rarity.fanciesAfter"),
      ),
    ),
  );
}
