// The one way the app builds DOM: elements with attributes and text children. Strings always
// become text nodes (textContent), never markup, so a pet or wallet name cannot inject HTML.

export type Child = Node | string | number | null | undefined | false | Child[];
/** An event handler; an async one's failure is logged (the transactor reports the failures
 *  players must see, so what reaches here is a bug to read in the console). */
type Listener = (event: Event) => void | Promise<void>;
export type Attrs = Record<string, string | number | boolean | Listener | null | undefined>;

export function listen(element: Element, type: string, listener: Listener): void {
  element.addEventListener(type, (event) => {
    const result = listener(event);
    if (result instanceof Promise)
      result.catch((error: unknown) => {
        console.error(error);
      });
  });
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      listen(element, name.slice(2).toLowerCase(), value);
    } else if (name === "testid") {
      element.setAttribute("data-testid", String(value));
    } else if (name === "style") {
      element.style.cssText = String(value); // CSSOM: allowed by the page's CSP, unlike a style attribute
    } else if (name === "value" && "value" in element) {
      (element as HTMLInputElement).value = String(value);
    } else if (typeof value === "function") {
      // eslint-disable-next-line i18next/no-literal-string -- a bug, for developers
      throw new Error(`attribute ${name} cannot be a function`);
    } else {
      element.setAttribute(
        name === "className" ? "class" : name,
        value === true ? "" : String(value),
      );
    }
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replace everything in `parent` with `children`. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A link the router handles (no full page load). */
export function link(href: string, attrs: Attrs, ...children: Child[]): HTMLAnchorElement {
  return h("a", { href, "data-link": true, ...attrs }, ...children);
}

/** A table's head: one row of column headers, in order. */
export function tableHead(columns: string[]): HTMLTableSectionElement {
  return h(
    "thead",
    {},
    h(
      "tr",
      {},
      columns.map((column) => h("th", { scope: "col" }, column)),
    ),
  );
}

let ids = 0;
/** A unique id for label/for pairs. */
export function uid(prefix: string): string {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** A labelled form field: returns the wrapper and the control. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || uid("field");
  control.id = id;
  const hintId = hint ? `${id}-hint` : undefined;
  if (hintId) control.setAttribute("aria-describedby", hintId);
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, label),
    control,
    hint ? h("small", { id: hintId }, hint) : null,
  );
}

/** A form's messages from an earlier submit (`.form-error`, or an element marked
 *  `data-form-message`) give way when the browser's own validation (required, min, pattern)
 *  blocks the next submit: the player must not read an old message as the answer to the new
 *  attempt. One listener for every form ("invalid" does not bubble: it is caught on its way). */
export function clearStaleFormMessages(): void {
  document.addEventListener(
    "invalid",
    (event) => {
      const control = event.target as { form?: HTMLFormElement | null };
      control.form?.querySelectorAll(".form-error, [data-form-message]").forEach((message) => {
        message.textContent = "";
      });
    },
    true,
  );
}
