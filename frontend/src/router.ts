// Client-side routes (the server answers each with index.html: backend/pawchain/web/home.py).
import { onwardLinks } from "./components/onward";
import { h, replace } from "./dom";
import { carryEdits, trackEdits } from "./form-memory";
import { t } from "./i18n";

export interface PageContext {
  main: HTMLElement;
  params: Record<string, string>;
  query: URLSearchParams;
  /** False once the player navigated away: async work must not draw into a page gone. */
  alive: () => boolean;
}

interface Route {
  pattern: RegExp;
  names: string[];
  title: string;
  render: (context: PageContext) => void | Promise<void>;
}

const routes: Route[] = [];
let generation = 0;
let main: HTMLElement | null = null;
let drawnPath: string | null = null; // the address whose page main shows
let stopCarrying = (): void => undefined;

/** `title` is the key of the page's name in the catalogues. */
export function route(path: string, title: string, render: Route["render"]): void {
  const names: string[] = [];
  const pattern = new RegExp(
    `^${path.replace(/:(\w+)/g, (_, name: string) => {
      names.push(name);
      return "([^/]+)";
    })}/?$`,
  );
  routes.push({ pattern, names, title, render });
}

export function navigate(href: string, replaceState = false): void {
  if (replaceState) history.replaceState(null, "", href);
  else history.pushState(null, "", href);
  void render();
}

/** Draw the page of the current address. `keepTyped` false: its forms start empty even if
 *  it is the page already shown (drawn for another account). */
export async function render(keepTyped = true): Promise<void> {
  if (!main) return;
  generation += 1;
  const mine = generation;
  const path = location.pathname;
  // The same page drawn again (after a transaction, on a live event) keeps what the player
  // typed in its forms (form-memory.ts); another page, or another account's, starts empty.
  stopCarrying();
  stopCarrying = keepTyped && path === drawnPath ? carryEdits(main) : () => undefined;
  drawnPath = path;
  for (const candidate of routes) {
    const match = candidate.pattern.exec(path);
    if (!match) continue;
    const params = Object.fromEntries(
      candidate.names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? "")]),
    );
    document.title = t("page.title", { page: t(candidate.title) });
    replace(main);
    main.focus({ preventScroll: true });
    document.querySelectorAll("nav.main-nav a").forEach((anchor) => {
      const href = anchor.getAttribute("href") ?? "";
      if (href === path || (href !== "/" && path.startsWith(href)))
        anchor.setAttribute("aria-current", "page");
      else anchor.removeAttribute("aria-current");
    });
    try {
      await candidate.render({
        main,
        params,
        query: new URLSearchParams(location.search),
        alive: () => mine === generation,
      });
    } catch (error) {
      if (mine === generation)
        replace(
          main,
          h(
            "div",
            { class: "panel error", role: "alert" },
            t("page.failed", { reason: (error as Error).message }),
          ),
        );
    }
    return;
  }
  document.title = t("page.title", { page: t("notFound.title") });
  replace(main, notFound(path));
  main.focus({ preventScroll: true });
}

/** The app's own page for an address it does not know (the server answers such paths with
 *  the app and a 404 status: backend/pawchain/web/game/home.py). */
function notFound(path: string): HTMLElement {
  const where = h("code", {}, path);
  return h(
    "section",
    { class: "panel not-found", testid: "not-found" },
    h("h1", {}, t("notFound.title")),
    h("p", {}, t("notFound.before"), where, t("notFound.after")),
    onwardLinks(),
  );
}

export function startRouter(element: HTMLElement): Promise<void> {
  main = element;
  trackEdits(element);
  document.addEventListener("click", (event) => {
    const anchor =
      event.target instanceof Element
        ? event.target.closest<HTMLAnchorElement>("a[data-link]")
        : null;
    if (
      !anchor ||
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    navigate(anchor.getAttribute("href") ?? "/");
    window.scrollTo(0, 0);
  });
  window.addEventListener("popstate", () => void render());
  return render();
}
