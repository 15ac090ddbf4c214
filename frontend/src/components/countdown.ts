// A live countdown to a time on the chain's clock; stops itself when it leaves the page.
import { chainNow } from "../chain";
import { duration } from "../format";
import { h } from "../dom";

/** `during`: what shows before `until`, a prefix to the time left ("Due in ") or a sentence
 *  holding it ("Ready in 12 s", where the language puts the time); `done` after it. */
export function countdown(
  until: number,
  done: string,
  during: string | ((left: string) => string) = "",
  onDone?: () => void,
): HTMLElement {
  const element = h("span", { class: "countdown", testid: "countdown", "data-until": until });
  let attached = false;
  const tick = (): boolean => {
    const left = until - chainNow();
    const said = typeof during === "string" ? `${during}${duration(left)}` : during(duration(left));
    element.textContent = left > 0 ? said : done;
    return left > 0;
  };
  if (!tick()) return element;
  const timer = window.setInterval(() => {
    if (element.isConnected) attached = true;
    else if (attached) {
      window.clearInterval(timer); // the page it was on is gone
      return;
    }
    if (!tick()) {
      window.clearInterval(timer);
      if (element.isConnected) onDone?.();
    }
  }, 1000);
  return element;
}
