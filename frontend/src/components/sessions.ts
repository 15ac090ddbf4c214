// My pets' sign-in panel: "Sign out everywhere" ends every session of the account on the
// server (POST /auth/sign-out-everywhere), on this device and on any other: the way out when a
// session cookie may have been copied. The header's "Sign out" ends this device's only.
import { onSessionChange, signedInAs, signOutEverywhere } from "../auth";
import { h, replace } from "../dom";
import { messageOf } from "../errors";
import { t } from "../i18n";

/** The panel for `account`, drawn again when the session changes (signed in from the top bar,
 *  or out), until the page that holds it is gone. */
export function sessionPanel(account: string): HTMLElement {
  const body = h("div", {});
  const said = h("p", { role: "status", testid: "session-status" });
  const panel = h("div", { class: "panel", testid: "session-panel" }, body, said);
  const draw = () => {
    const signedIn = signedInAs()?.toLowerCase() === account.toLowerCase();
    if (!signedIn) {
      replace(body, h("p", {}, t("session.everywhereSignInFirst")));
      return;
    }
    const button = h(
      "button",
      { type: "button", class: "button ghost", testid: "sign-out-everywhere" },
      t("session.everywhere"),
    );
    button.onclick = async () => {
      button.disabled = true;
      replace(said);
      try {
        const ended = await signOutEverywhere();
        replace(said, t("session.everywhereDone", { count: ended }));
      } catch (error) {
        button.disabled = false;
        replace(said, messageOf(error));
      }
    };
    replace(body, h("p", {}, t("session.everywhereAbout")), button);
  };
  const stop = onSessionChange(() => {
    if (panel.isConnected) draw();
    else stop();
  });
  draw();
  return panel;
}
