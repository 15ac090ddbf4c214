// /how-to-play: the game's rules in a new player's words (matron and sire, rests, pregnancy,
// rarity, fancies, auctions, offers and WETH, fees, gasless), from docs/rules.md. Numbers that
// can change (the fees) are read from the chain as the market forms read them; the others
// (the cooldown ladder, the tiers' odds) are left out here and shown where the app keeps them.
import { feesSentence } from "../components/money";
import { TIERS } from "../components/rarity";
import { h, link, replace } from "../dom";
import { t } from "../i18n";
import { feesOf } from "../money";
import type { PageContext } from "../router";

// Each section's key under `howTo.`, in reading order, and where to read more, if anywhere.
const SECTIONS: [string, string | null][] = [
  ["pets", null],
  ["rarity", "/rarity"],
  ["fancies", "/fancies"],
  ["breeding", "/breed"],
  ["rests", null],
  ["pregnancy", null],
  ["auctions", null],
  ["orders", null],
  ["fees", null],
  ["gasless", null],
];

function howToSection(key: string, more: string | null): HTMLElement {
  const heading = `how-to-${key}`;
  return h(
    "section",
    { class: "how-to-section", testid: `how-to-${key}`, "aria-labelledby": heading },
    h("h2", { id: heading }, t(`howTo.${key}.title`)),
    h(
      "p",
      {},
      t(`howTo.${key}.body`, { lowest: t("tier.0"), highest: t(`tier.${TIERS.length - 1}`) }),
    ),
    more ? h("p", {}, link(more, {}, t(`howTo.${key}.link`))) : null,
  );
}

export function howToPlayPage({ main, alive }: PageContext): void {
  const sections = SECTIONS.map(([key, more]) => howToSection(key, more));
  replace(
    main,
    h(
      "div",
      { class: "panel how-to-play", testid: "how-to-play" },
      h("h1", {}, t("title.howToPlay")),
      h("p", { class: "lead" }, t("howTo.lead")),
      sections,
    ),
  );
  // The fees in force, as a listing pays them (an auction's cut may differ: its form says).
  const fees = sections[SECTIONS.findIndex(([key]) => key === "fees")];
  feesOf("OrderBook").then(
    (value) => {
      if (alive()) fees?.append(h("p", { testid: "how-to-fees-now" }, feesSentence(value)));
    },
    () => undefined, // no chain to ask: the section's words stand without the figures
  );
}
