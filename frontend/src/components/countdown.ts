// A live countdown to a time on the chain's clock; stops itself when it leaves the page.
import { chainNow } from "../chain";
import { duration } from "../format";
import { h } from "../dom";

export function countdown(
  until: number,
  done: string,
  prefix = "",
  onDone?: () => void,
): HTMLElement {
  const element = h("span", { class: "countdown", testid: "countdown", "data-until": until });
  let attached = false;
  const tick = (): boolean => {
    const left = until - chainNow();
    element.textContent = left > 0 ? `${prefix}${duration(left)}` : done;
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
