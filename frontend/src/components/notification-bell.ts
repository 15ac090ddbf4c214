// The notification centre in the top bar: a bell with the unread count, and a panel listing
// the connected player's notices in words (notifications.ts). Opening the panel reads them.
import { h, link, replace } from "../dom";
import { ago } from "../format";
import { chainNow } from "../chain";
import { markAllRead, notices, onNoticesChange } from "../notifications";
import { walletState } from "../wallet/wallet";

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
    h("span", { "aria-hidden": "true" }, "🔔"),
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
      h("h2", {}, "Notifications"),
      !walletState().account
        ? h(
            "p",
            { class: "empty" },
            "Connect a wallet to hear when your pets sell, get offers or are born.",
          )
        : all.length === 0
          ? h(
              "p",
              { class: "empty" },
              "Nothing yet. Sales, offers and births of your pets show up here as they happen.",
            )
          : h(
              "ol",
              { class: "notices" },
              all.map((notice) =>
                h(
                  "li",
                  { testid: "notice" },
                  link(notice.href, {}, notice.text),
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
      unread ? `Notifications: ${unread} unread` : "Notifications: none unread",
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
