// What every widget shows the same way: a status line, language names, phone links, isolated
// texts, focus on a new view.

import { h } from "./dom.js";

export function statusLine(t) {
  return h("p", { class: "status", role: "status", "aria-live": "polite" }, t.loading);
}

export function languageNamer(locale) {
  let names = null;
  try {
    names = new Intl.DisplayNames([locale, "en"], { type: "language" });
  } catch {
    names = null;
  }
  return (code) => {
    try {
      return (names && names.of(code)) || code;
    } catch {
      return code;
    }
  };
}

// A phone number reads left to right in every language, isolated from the text around it
// (dir sets unicode-bidi: isolate): "+32 2 555 01 23" stays whole inside Arabic.
export function telLink(number, label) {
  return h("a", { href: `tel:${String(number).replace(/[^+\d]/g, "")}`, dir: "ltr" }, label || number);
}

// Names, addresses and dates inside a sentence of the widget's language: isolated, their
// direction read from their own characters.
// Browsers know Dari by its region: Persian as written in Afghanistan.
const INTL_LOCALES = { prs: "fa-AF" };

// A date ("2026-03-01") as the reader writes it ("1 mars 2026", "١ مارس ٢٠٢٦"); the date as
// served when the browser can't.
export function readerDate(value, locale) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value || ""));
  if (!match) return String(value || "");
  try {
    const code = INTL_LOCALES[locale] || locale;
    const format = new Intl.DateTimeFormat([code, "en"], { dateStyle: "long", timeZone: "UTC" });
    return format.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))));
  } catch {
    return String(value);
  }
}

export function isolated(text) {
  return h("bdi", {}, text);
}

export function focusHeading(container) {
  const heading = container.querySelector("h3");
  if (heading) {
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  }
}
