// The ways on from a page that has nothing to show (an address the app does not know, a pet
// or player that does not exist): the home page and the market, so it is no dead end.
import { h } from "../dom";
import { t } from "../i18n";

export function onwardLinks(): HTMLElement {
  return h(
    "p",
    { class: "onward" },
    h(
      "a",
      { href: "/", "data-link": "", class: "button", testid: "onward-home" },
      t("notFound.home"),
    ),
    " ",
    h(
      "a",
      { href: "/market", "data-link": "", class: "button ghost", testid: "onward-market" },
      t("notFound.market"),
    ),
  );
}
