// What the player typed survives the page being drawn again. A page redraws itself from the
// server after its own transactions (up to seconds after "Done", while the app waits for the
// node to count the nonce) and on live events; its forms are built anew, empty or with the
// server's values. The router (router.ts) asks here, before it empties the page, for the
// fields the player edited, and puts their values into the new drawing's fields of the same
// identity as they appear (a page draws its parts as their data arrives). A form submitted
// gives up its values: they went with its transaction, whose outcome the new drawing shows
// (the new name, the listing), so they are not put back; after a refused submission the
// values stay on the page until it is drawn again.

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

const FIELDS = "input, select, textarea";

// The fields the player changed since they were drawn (or whose carried value they hold).
const edited = new WeakSet<Element>();

/** A field's value as typed or chosen: `checked` for a box or a radio, else its value. */
function valueOf(field: Field): string | boolean {
  return field instanceof HTMLInputElement && (field.type === "checkbox" || field.type === "radio")
    ? field.checked
    : field.value;
}

/** What names an element for this: its test id, else its pet or order (a list's item). */
function mark(element: Element): string {
  const { testid, petId, orderHash } = (element as HTMLElement).dataset;
  return [testid, petId && `pet ${petId}`, orderHash && `order ${orderHash}`]
    .filter(Boolean)
    .join(" ");
}

/** A field's identity on its page, the same in every drawing of it: the marks of the field
 *  and of the elements around it (a pet's card, an offer, a form), and its name or type for a
 *  field without a test id. Ids are left out: `field()` numbers them anew on each drawing. */
function pathOf(field: Field, root: Element): string {
  const marks: string[] = [mark(field) || `${field.tagName} ${field.name || field.type}`];
  for (let element = field.parentElement; element && element !== root;) {
    const named = mark(element);
    if (named) marks.push(named);
    element = element.parentElement;
  }
  return marks.reverse().join(" / ");
}

/** Every field under `root` by identity; fields of the same path numbered in page order. */
function identities(root: Element): Map<string, Field> {
  const found = new Map<string, Field>();
  const seen = new Map<string, number>();
  root.querySelectorAll<Field>(FIELDS).forEach((field) => {
    const path = pathOf(field, root);
    const index = seen.get(path) ?? 0;
    seen.set(path, index + 1);
    found.set(`${path} #${String(index)}`, field);
  });
  return found;
}

/** Follow what the player edits in `root` (the page's main element), for the app's life. Only
 *  the player's own input counts (a trusted event): a page that sets a field and announces it
 *  (a synthetic "input") has not edited it. */
export function trackEdits(root: HTMLElement): void {
  const changed = (event: Event) => {
    if (event.isTrusted && event.target instanceof Element && event.target.matches(FIELDS))
      edited.add(event.target);
  };
  root.addEventListener("input", changed, true);
  root.addEventListener("change", changed, true);
  root.addEventListener(
    "submit",
    (event) => {
      if (event.target instanceof HTMLFormElement)
        event.target.querySelectorAll(FIELDS).forEach((field) => edited.delete(field));
    },
    true,
  );
}

/** Put `value` into `field` as if the player had, so what follows the field (what a seller
 *  receives, an offer's steps) reads it; a field that already holds it is left alone. */
function putBack(field: Field, value: string | boolean): void {
  edited.add(field);
  if (valueOf(field) === value) return;
  if (typeof value === "boolean") (field as HTMLInputElement).checked = value;
  else field.value = value;
  field.dispatchEvent(new Event("input", { bubbles: true }));
  field.dispatchEvent(new Event("change", { bubbles: true }));
}

/** Called before `root` is emptied for a new drawing of the same page: takes the values the
 *  player edited there (and which field had the focus), and carries them into the new
 *  drawing, field by field as each appears, until all are placed or the returned function is
 *  called (the next drawing). A field the player edits in the new drawing first keeps what
 *  they typed there. */
export function carryEdits(root: HTMLElement): () => void {
  const values = new Map<string, string | boolean>();
  let focused: string | null = null;
  for (const [identity, field] of identities(root)) {
    if (edited.has(field)) values.set(identity, valueOf(field));
    if (field === document.activeElement) focused = identity;
  }
  if (values.size === 0 && focused === null) return () => undefined;
  const place = () => {
    for (const [identity, field] of identities(root)) {
      const value = values.get(identity);
      if (value !== undefined) {
        values.delete(identity);
        if (!edited.has(field)) putBack(field, value);
      }
      if (identity === focused) {
        focused = null;
        // Only if the player has not gone elsewhere meanwhile.
        const now = document.activeElement;
        if (!now || now === document.body || now === root) refocus(field);
      }
    }
    if (values.size === 0 && focused === null) observer.disconnect();
  };
  const observer = new MutationObserver(place);
  observer.observe(root, { childList: true, subtree: true });
  return () => observer.disconnect();
}

/** The focus back in `field`, the caret after its text (where the player was typing). */
function refocus(field: Field): void {
  field.focus({ preventScroll: true });
  if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) {
    try {
      field.setSelectionRange(field.value.length, field.value.length);
    } catch {
      // a number field has no caret to place
    }
  }
}
