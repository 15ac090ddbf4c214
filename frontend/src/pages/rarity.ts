// /rarity: the six-tier ladder explained (what makes a pet Rare .. Legendary, what its badge
// shows, how often each tier occurs), linked from the home page and every pet's page.
import { tierTable } from "../components/rarity";
import { h, link, replace } from "../dom";
import type { PageContext } from "../router";

export function rarityPage({ main }: PageContext): void {
  replace(
    main,
    h(
      "section",
      { class: "panel rarity-page", testid: "rarity-page" },
      h("h1", {}, "Rarity tiers"),
      h(
        "p",
        { class: "lead" },
        "A trait is rare when the gene it shows is a mutation (variant 16 or more). The more of " +
          "a pet's eight traits are rare, the higher its tier. The badge at the foot of its " +
          "picture shows the tier: a paw for Common, then one gem per tier up to five for Legendary.",
      ),
      // Focusable, so a keyboard can scroll it when a phone is too narrow for the table.
      h(
        "div",
        { class: "table-scroll", tabindex: 0, role: "region", "aria-label": "The rarity tiers" },
        tierTable(),
      ),
      h(
        "p",
        {},
        "Each tier is rarer than the one below it. Generation-0 pets are drawn so that each tier " +
          "is half as likely as the one below; births are measured on 10,000 children of random " +
          "pairs of them, with the contract's own mixing rule. Two rare parents pass their rare " +
          "traits on most of the time, and a mutation can make a trait rare that neither parent showed.",
      ),
      h(
        "p",
        {},
        "Some combinations of traits are named: ",
        link("/fancies", { testid: "fancies-link" }, "fancy pets"),
        ", which only breeding discovers.",
      ),
    ),
  );
}
