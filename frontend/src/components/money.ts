// Money in view: the header's balances (ETH, WETH, WETH for offers, earnings waiting), the
// player's wallet panel (wrap, unwrap, the WETH the order book may spend), an offer's steps and
// shortfall, and the "you receive" line shown before a listing, a sale or an accepted offer.
// Every figure is read from the contracts.
import { t } from "../i18n";
import { h, link, listen, replace } from "../dom";
import { errorBox } from "../pages/common";
import { ether, exactEther, owedEther, owedWeth, parseAmount, weth } from "../format";
import {
  allowOffers,
  balancesOf,
  earningsOf,
  feesOf,
  offerAllowance,
  offerCredit,
  sellerReceives,
  unwrap,
  wrap,
  type Fees,
  type Market,
} from "../money";
import { drawFollowingMoney } from "../money-moves";
import { offerSteps, type OfferSteps } from "../orders";
import { percent } from "../refusals";
import { walletState } from "../wallet/wallet";

/** The header's balances of `account`, read again whenever the player's money may have moved
 *  (a new block, a transaction done: a sale made elsewhere shows without a reload). The header
 *  draws a new one when the wallet changes; the old one stops with it. */
export function headerBalances(account: string): HTMLElement {
  const element = h("span", { class: "balances", testid: "balances" });
  drawFollowingMoney(element, async (current) => {
    try {
      const figures = await headerFigures(account);
      if (current() && walletState().account === account) replace(element, ...figures);
    } catch {
      if (current()) replace(element);
    }
  });
  return element;
}

async function headerFigures(account: string): Promise<(HTMLElement | null)[]> {
  const [balances, earnings, forOffers] = await Promise.all([
    balancesOf(account),
    earningsOf(account),
    offerCredit(account),
  ]);
  const owed = earnings.OrderBook[0] + earnings.ClockAuctionHouse[0];
  // A depositor's WETH credit in the order book is its WETH for offers (proceeds of offers
  // it accepted since included: the contract keeps one figure), which pays its offers: not
  // earnings to take away, so it is shown apart, under its own words.
  const owedTokens = earnings.OrderBook[1] + earnings.ClockAuctionHouse[1] - forOffers;
  return [
    h(
      "span",
      { class: "balance", testid: "balance", title: t("money.ether") },
      ether(balances.ether, 2),
    ),
    h(
      "span",
      { class: "balance", testid: "weth-balance", title: t("money.weth") },
      weth(balances.weth, 2),
    ),
    forOffers > 0n
      ? link(
          "/me#offer-credit",
          { class: "balance", testid: "offer-funds-badge", title: t("money.forOffersTitle") },
          t("money.forOffers", { amount: owedWeth(forOffers) }),
        )
      : null,
    owed > 0n || owedTokens > 0n
      ? link(
          "/me#earnings",
          { class: "balance owed", testid: "earnings-badge", title: t("money.earnings") },
          t("money.toWithdraw", {
            amount: [owed > 0n ? owedEther(owed) : "", owedTokens > 0n ? owedWeth(owedTokens) : ""]
              .filter(Boolean)
              .join(t("event.and")),
          }),
        )
      : null,
  ];
}

/** Figures read from the chain in `box` (a My pets panel), drawn now and again whenever the
 *  player's money may have moved; a failed reading says why. The panel's forms stay outside
 *  `box`, so what the player types there is not drawn over. */
export function followedFigures<T>(
  box: HTMLElement,
  read: () => Promise<T>,
  draw: (value: T) => Node[],
): HTMLElement {
  drawFollowingMoney(box, async (current) => {
    try {
      const value = await read();
      if (current()) replace(box, ...draw(value));
    } catch (error) {
      if (current()) replace(box, errorBox(error));
    }
  });
  return box;
}

/** A form of one amount and one button (wrap, unwrap, allow, deposit for offers). `check`, if
 *  given, says what is wrong with an amount (null: nothing) before `act` is asked. */
export function amountForm(
  name: string,
  label: string,
  button: string,
  act: (wei: bigint) => Promise<unknown>,
  refresh: () => void,
  check: (wei: bigint) => Promise<string | null> = () => Promise.resolve(null),
): HTMLElement {
  const amount = h("input", {
    type: "text",
    inputmode: "decimal",
    required: true,
    autocomplete: "off",
    placeholder: "0.1",
    "aria-label": label,
    testid: `${name}-amount`,
  });
  const problem = h("span", { class: "form-error", role: "alert", testid: `${name}-problem` });
  const form = h(
    "form",
    { class: "money-form", testid: `${name}-form`, "aria-label": label },
    h("span", {}, label),
    amount,
    h("button", { type: "submit", class: "button small", testid: `${name}-submit` }, button),
    problem,
  );
  listen(form, "submit", async (event) => {
    event.preventDefault();
    const wei = parseAmount(amount.value);
    const wrong = wei === null ? t("money.amountProblem") : await check(wei);
    if (wei === null || wrong !== null) {
      problem.textContent = wrong;
      return;
    }
    problem.textContent = "";
    if (await act(wei)) refresh();
  });
  return form;
}

/** The player's own wallet: balances, wrap and unwrap, and the WETH allowance of offers. */
export function walletPanel(account: string, refresh: () => void): HTMLElement {
  const figures = h("div", {}, h("p", { class: "loading" }, t("money.reading")));
  const read = () => Promise.all([balancesOf(account), offerAllowance(account)]);
  return h(
    "div",
    { class: "panel wallet-panel", testid: "wallet-panel" },
    followedFigures(figures, read, ([balances, allowance]) => [
      h(
        "ul",
        { class: "credits" },
        h(
          "li",
          {},
          h("strong", {}, t("money.etherLabel")),
          h("span", { testid: "wallet-eth" }, ether(balances.ether)),
        ),
        h(
          "li",
          {},
          h("strong", {}, t("money.wethLabel")),
          h("span", { testid: "wallet-weth" }, weth(balances.weth)),
        ),
        h(
          "li",
          {},
          h("strong", {}, t("money.allowanceLabel")),
          h("span", { testid: "wallet-allowance" }, weth(allowance)),
        ),
      ),
    ]),
    h("p", { class: "hint" }, t("money.hint")),
    amountForm("wrap", t("money.wrapLabel"), t("money.wrap"), wrap, refresh),
    amountForm("unwrap", t("money.unwrapLabel"), t("money.unwrap"), unwrap, refresh),
    amountForm("allow", t("money.allowLabel"), t("money.allow"), allowOffers, refresh),
  );
}

/** "The market fee is N% of the price, the royalty M%": the fees in force, in words. */
export function feesSentence(fees: Fees): string {
  return t(fees.royaltyBps > 0n ? "money.feesRoyalty" : "money.fees", {
    cut: percent(fees.cutBps),
    royalty: percent(fees.royaltyBps),
  });
}

/** "You receive X after the market fee (N%) and the royalty (M%)"; `unit` writes X, every
 *  decimal of it (exactEther, exactWeth): the seller is paid to the wei. */
export function receiveText(price: bigint, fees: Fees, unit: (wei: bigint) => string): string {
  return receiveSentence(unit(sellerReceives(price, fees)), fees);
}

/** "You receive X after ...": `amount` is what the seller receives (an amount or a range). */
function receiveSentence(amount: string, fees: Fees): string {
  const values = { amount, cut: percent(fees.cutBps), royalty: percent(fees.royaltyBps) };
  return t(fees.royaltyBps > 0n ? "money.receiveRoyalty" : "money.receive", values);
}

/** A line under a price (or several: an auction's start and end) that says what the seller
 *  receives, redrawn as the player types. `royalty`: false for a siring (no sale, no royalty). */
export function receiveLine(
  market: Market,
  inputs: HTMLInputElement[],
  royalty: () => boolean = () => true,
  unit: (wei: bigint) => string = exactEther,
): HTMLElement {
  const line = h("p", { class: "hint receive", testid: "you-receive", "aria-live": "polite" });
  const draw = async () => {
    const prices = inputs.map((input) => parseAmount(input.value));
    const fees = await feesOf(market, royalty()).catch(() => null);
    if (!fees) return;
    const known = prices.filter((price): price is bigint => price !== null);
    if (known.length === 0) {
      line.textContent = feesSentence(fees);
      return;
    }
    const [low, high] = [
      known.reduce((a, b) => (a < b ? a : b)),
      known.reduce((a, b) => (a > b ? a : b)),
    ];
    line.textContent =
      low === high
        ? receiveText(low, fees, unit)
        : receiveSentence(
            t("money.range", {
              low: unit(sellerReceives(low, fees)),
              high: unit(sellerReceives(high, fees)),
            }),
            fees,
          );
  };
  for (const input of inputs) listen(input, "input", draw);
  void draw();
  return line;
}

/** The steps an offer at the price typed will take, each marked done or to do: none but the
 *  signature when the WETH the order book holds for the player's offers covers the price.
 *  Redrawn when the price changes and when the funds may have (drawWithMoney). */
export function offerStepsList(account: string, price: HTMLInputElement): HTMLElement {
  const list = h("ol", { class: "steps", testid: "offer-steps" });
  const draw = async (current: () => boolean) => {
    const wei = parseAmount(price.value);
    if (wei === null) {
      replace(list);
      return;
    }
    const steps = await offerSteps(account, wei).catch(() => null);
    if (!steps || !current()) return;
    const step = (id: string, todo: boolean, text: string) =>
      h(
        "li",
        { testid: `offer-step-${id}`, "data-done": String(!todo) },
        todo ? text : t("money.stepDone", { text }),
      );
    const sign = step("sign", true, t("money.stepSign"));
    if (steps.fromCredit) {
      replace(
        list,
        step("credit", false, t("money.stepCredit", { credit: weth(steps.credit) })),
        sign,
      );
      return;
    }
    replace(
      list,
      step(
        "wrap",
        steps.wrap > 0n,
        steps.wrap > 0n
          ? t("money.stepWrap", { amount: ether(steps.wrap), have: weth(steps.weth) })
          : t("money.stepHave", { have: weth(steps.weth) }),
      ),
      step(
        "allow",
        steps.allow,
        steps.allow
          ? t("money.stepAllow", { amount: weth(wei), allowance: weth(steps.allowance) })
          : t("money.stepAllowed", { allowance: weth(steps.allowance) }),
      ),
      sign,
    );
  };
  drawWithMoney(list, price, draw);
  return list;
}

/** Draw `element` as the price is typed and again whenever the player's money may have moved
 *  under the open form (drawFollowingMoney: a new block, a transaction done, late answers
 *  dropped), so what it says follows the funds. A form without a price reads nothing. */
function drawWithMoney(
  element: HTMLElement,
  price: HTMLInputElement,
  draw: (current: () => boolean) => Promise<void>,
): void {
  listen(price, "input", drawFollowingMoney(element, draw));
}

/** Before signing: whether the player can pay an offer at the price typed, in words (empty when
 *  it can). The order book pays it from the player's WETH credit there if that covers the whole
 *  price, else from the wallet's WETH, which it must be allowed to take. Short of both, the
 *  sentence names the credit, the WETH held and the allowance, and both ways out: deposit ether
 *  for offers, or the wrap and allow steps (`steps`: the form's words for them); or says when
 *  not even the player's ether, wrapped or deposited, would cover it. */
export function offerCoverLine(
  account: string,
  price: HTMLInputElement,
  steps: "money.offerNeedsSteps" | "traitOffer.needsSteps",
  testid: string,
): HTMLElement {
  const line = h("p", { class: "form-warning", role: "status", testid });
  const draw = async (current: () => boolean) => {
    const wei = parseAmount(price.value);
    const held = wei === null ? null : await offerSteps(account, wei).catch(() => null);
    if (!current()) return;
    line.textContent = wei !== null && held ? coverSentence(wei, held, steps) : "";
  };
  drawWithMoney(line, price, draw);
  return line;
}

function coverSentence(price: bigint, held: OfferSteps, steps: string): string {
  if (held.fromCredit || (held.wrap === 0n && !held.allow)) return "";
  const values = {
    need: weth(price),
    have: weth(held.weth),
    ether: ether(held.ether),
    allowance: weth(held.allowance),
    credit: weth(held.credit),
  };
  const most = held.weth > held.credit ? held.weth : held.credit; // the larger way to top up
  if (most + held.ether < price) return t("money.offerUncovered", values);
  return t(steps, values);
}
