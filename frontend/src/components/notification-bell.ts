// The notification centre in the top bar: a bell with the unread count, and a panel listing
// the connected player's notices in words (notifications.ts). Opening the panel reads them.
import { t } from "../i18n";
import { h, link, replace } from "../dom";
import { ago } from "../format";
import { chainNow } from "../chain";
import { markAllRead, noticeText, notices, onNoticesChange } from "../notifications";
import { walletState } from "../wallet/wallet";

// A bell drawn as SVG (an emoji needs a colour font the player may not have); a data: URL,
// which the page's Content-Security-Policy allows for pictures.
const BELL_ICON =
  "data:image/svg+xml," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="#9a3412" ' +
      'stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round">' +
      '<path d="M6 16V11a6 6 0 0 1 12 0v5l2 2H4z"/><path d="M10 20a2 2 0 0 0 4 0"/></svg>',
  );

export function notificationBell(): HTMLElement {
  const count = h("span", { class: "notice-count", testid: "notice-count" });
  const bell = h(
    "button",
    {
      type: "button",
      class: "button ghost small notice-bell",
      testid: "notice-bell",
      "aria-expanded": "false",
      "aria-controls": "notice-panel",
    },
    h("img", { class: "bell-icon", src: BELL_ICON, alt: "", width: 18, height: 18 }),
    count,
  );
  const panel = h("div", {
    class: "notice-panel panel",
    id: "notice-panel",
    testid: "notice-panel",
    hidden: true,
  });

  const drawPanel = () => {
    const { notices: all } = notices();
    replace(
      panel,
      h("h2", {}, t("notice.title")),
      !walletState().account
        ? h("p", { class: "empty" }, t("notice.connect"))
        : all.length === 0
          ? h("p", { class: "empty" }, t("notice.none"))
          : h(
              "ol",
              { class: "notices" },
              all.map((notice) =>
                h(
                  "li",
                  { testid: "notice" },
                  link(notice.href, {}, noticeText(notice)),
                  " ",
                  h("small", {}, ago(notice.time, chainNow())),
                ),
              ),
            ),
    );
  };
  const draw = () => {
    const { unread } = notices();
    count.textContent = unread ? String(unread) : "";
    bell.setAttribute(
      "aria-label",
      unread ? t("notice.unread", { count: unread }) : t("notice.noneUnread"),
    );
    if (!panel.hidden) {
      markAllRead(); // the player is looking at them
      drawPanel();
    }
  };
  const close = () => {
    panel.hidden = true;
    bell.setAttribute("aria-expanded", "false");
  };
  bell.addEventListener("click", () => {
    if (!panel.hidden) {
      close();
      return;
    }
    panel.hidden = false;
    bell.setAttribute("aria-expanded", "true");
    drawPanel();
    markAllRead();
  });
  panel.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("a")) close();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !panel.hidden) {
      close();
      bell.focus();
    }
  });
  onNoticesChange(draw);
  draw();
  return h("div", { class: "notice-area" }, bell, panel);
}
