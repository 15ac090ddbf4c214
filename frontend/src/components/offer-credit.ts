// The WETH the order book holds for the player's offers (its WETH credit there), and a form to
// deposit ether into it. An accepted offer is paid from this credit when it covers the whole
// price, else from the wallet's WETH, so a player with a credit needs no wrap or allowance to
// offer; withdrawing the order book's earnings (My pets' earnings) pays it back as WETH.
import { t } from "../i18n";
import { h } from "../dom";
import { ether, weth } from "../format";
import { depositableEther, depositForOffers, offerCredit } from "../money";
import { amountForm, followedFigures } from "./money";

/** "You can deposit at most X" when `wei` is more than the player's ether less the gas (null:
 *  fine, or the node could not say, and the chain decides). */
async function depositProblem(account: string, wei: bigint): Promise<string | null> {
  const most = await depositableEther(account);
  return most !== null && wei > most ? t("offerCredit.tooMuch", { max: ether(most) }) : null;
}

/** My pets' panel of the player's WETH for offers: the amount (following the chain), what it
 *  pays, the deposit form. */
export function offerCreditPanel(account: string, refresh: () => void): HTMLElement {
  const figure = h("div", {}, h("p", { class: "loading" }, t("money.reading")));
  return h(
    "div",
    { class: "panel offer-credit", testid: "offer-credit-panel" },
    followedFigures(
      figure,
      () => offerCredit(account),
      (credit) => [
        h(
          "p",
          {},
          h("strong", {}, t("offerCredit.label")),
          h("span", { testid: "offer-credit" }, weth(credit)),
        ),
      ],
    ),
    h("p", { class: "hint" }, t("offerCredit.hint")),
    amountForm(
      "deposit-offers",
      t("offerCredit.depositLabel"),
      t("offerCredit.deposit"),
      depositForOffers,
      refresh,
      (wei) => depositProblem(account, wei),
    ),
  );
}
