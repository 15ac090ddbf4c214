// The header's language switch: a native <select> (keyboard and screen readers know it), each
// language named in itself and marked with its `lang`, so a reader pronounces it right.
import { h } from "../dom";
import { chooseLanguage, language, LANGUAGES, t, type Language } from "../i18n";

export function languageSwitch(): HTMLElement {
  const current = language();
  return h(
    "select",
    {
      class: "language-switch",
      testid: "language-switch",
      "aria-label": t("language.label"),
      title: t("language.label"),
      onchange: (event: Event) => {
        const choice = (event.target as HTMLSelectElement).value as Language;
        if (choice !== current) chooseLanguage(choice);
      },
    },
    Object.entries(LANGUAGES).map(([code, name]) =>
      h("option", { value: code, lang: code, selected: code === current }, name),
    ),
  );
}
