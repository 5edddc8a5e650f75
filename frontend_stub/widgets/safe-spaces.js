// The safe-spaces widget: a city's listings, filtered by category and language, or near the
// reader (the position asked for on a click, sent in a POST body only, never kept). A kiosk
// passes its own place (`position`): "nearest" then counts from the kiosk and the browser is
// never asked; a kiosk without a place set (`position: null`) offers no "nearest" at all.

import { h } from "./dom.js";
import { textIn } from "./lang.js";
import { isolated, languageNamer, readerDate, statusLine, telLink } from "./ui.js";

function safeSpaceItem(space, t, languageName, locale) {
  const own = textIn(space, locale);
  const id = `space-${space.id}`;
  const address = space.address
    ? [space.address.address_1, space.address.address_2, `${space.address.postal_code} ${space.address.locality}`]
        .map((part) => String(part || "").trim())
        .filter(Boolean)
        .join(", ")
    : "";
  const contact = space.public_contact || {};
  const phones = space.confidential_location
    ? contact.phone ? [contact.phone] : []
    : (space.phones || []).map((phone) => phone.number);
  const email = space.confidential_location ? contact.email : space.email;
  return h(
    "li",
    {},
    h(
      "article",
      { "aria-labelledby": id },
      h("h3", { id, ...own }, space.name),
      space.operated_by ? h("p", own, space.operated_by) : null,
      h("p", {}, h("span", { class: space.is_open_now ? "badge" : "badge closed" }, space.is_open_now ? t.openNow : t.closedNow)),
      space.distance_km !== null && space.distance_km !== undefined ? h("p", {}, t.km(space.distance_km)) : null,
      space.confidential_location
        ? h("p", {}, t.confidential, " ", contact.name ? h("bdi", own, contact.name) : null)
        : address ? h("p", { dir: "auto" }, address) : null,
      space.categories && space.categories.length
        ? h("p", {}, space.categories.map((c, i) => [i ? " · " : "", h("span", textIn(c, locale), c.name)]))
        : null,
      h(
        "dl",
        {},
        phones.length ? [h("dt", {}, t.phone), phones.map((number) => h("dd", {}, telLink(number)))] : null,
        email ? [h("dt", {}, t.email), h("dd", {}, h("a", { href: `mailto:${email}`, dir: "ltr" }, email))] : null,
        space.languages && space.languages.length
          ? [h("dt", {}, t.languages), h("dd", {}, space.languages.map(languageName).join(", "))]
          : null,
        space.verified_on
          ? [h("dt", {}, t.verified), h("dd", {}, h("time", { datetime: space.verified_on }, isolated(readerDate(space.verified_on, locale))))]
          : null,
      ),
    ),
  );
}

export async function renderSafeSpaces(ctx) {
  const { api, body, t, city, locale, position } = ctx;
  const languageName = languageNamer(locale);
  const category = h("select", { id: "eqc-category", name: "category" });
  const language = h("select", { id: "eqc-language", name: "language" });
  const status = statusLine(t);
  const openNow = h("input", { type: "checkbox", id: "eqc-open-now", name: "open_now" });
  // Near me lists the places with a public address only: said while it is on.
  const nearConfidential = h("p", { class: "note", hidden: true }, t.nearConfidential);
  const list = h("ul", { class: "items", "aria-label": t["safe-spaces"] });
  let near = null;

  const filters = () => ({
    categories: category.value || undefined,
    languages: language.value || undefined,
    open_now: openNow.checked || undefined,
  });

  const show = (page) => {
    list.replaceChildren(...page.results.map((space) => safeSpaceItem(space, t, languageName, locale)));
    status.textContent = page.results.length ? t.results(page.total_items) : t.none;
  };

  // Only the answer to the latest search is shown: a reader who changes two filters quickly
  // must not see the first search's answer arrive last and stay on screen.
  let latest = 0;
  const load = async () => {
    const request = ++latest;
    status.textContent = t.loading;
    try {
      let page;
      if (near) {
        const chosen = filters();
        page = await api.post("widgets/safe-spaces/near", {
          city,
          locale,
          latitude: near.latitude,
          longitude: near.longitude,
          ...(chosen.categories ? { categories: [chosen.categories] } : {}),
          ...(chosen.languages ? { languages: [chosen.languages] } : {}),
          ...(chosen.open_now ? { open_now: true } : {}),
          per_page: 100,
        });
      } else {
        page = await api.get("widgets/safe-spaces", { city, locale, per_page: 100, ...filters() });
      }
      if (request === latest) show(page);
    } catch {
      if (request === latest) status.textContent = t.error;
    }
  };

  const nearButton = position ? h("button", {
    type: "button",
    onclick: () => {
      near = { latitude: position.latitude, longitude: position.longitude };
      nearConfidential.hidden = false;
      load();
    },
  }, t.nearKiosk) : h("button", {
    type: "button",
    onclick: () => {
      if (!navigator.geolocation) {
        status.textContent = t.noPosition;
        return;
      }
      status.textContent = t.loading;
      navigator.geolocation.getCurrentPosition(
        (position) => {
          // Kept in this closure only, for the searches of this visit; never stored or sent
          // anywhere but in the body of the search.
          near = { latitude: position.coords.latitude, longitude: position.coords.longitude };
          nearConfidential.hidden = false;
          load();
        },
        () => {
          status.textContent = t.noPosition;
        },
        { enableHighAccuracy: false, maximumAge: 0, timeout: 15000 },
      );
    },
  }, t.nearMe);

  const form = h(
    "form",
    { role: "search", "aria-label": t.filters, onsubmit: (event) => event.preventDefault(), onchange: () => load() },
    h("div", {}, h("label", { for: "eqc-category" }, t.category), category),
    h("div", {}, h("label", { for: "eqc-language" }, t.language), language),
    h("div", { class: "check" }, openNow, h("label", { for: "eqc-open-now" }, t.openNowFilter)),
    position === null ? null : nearButton,
  );
  const nearNote = position === null ? null : h("p", { class: "note" }, position ? t.nearKioskNote : t.nearNote);
  body.append(...[form, nearNote, nearConfidential, status, list].filter(Boolean));

  let first;
  try {
    first = await api.get("widgets/safe-spaces", { city, locale, per_page: 100 });
  } catch {
    status.textContent = t.error;
    return;
  }
  const categories = new Map();
  const languages = new Set();
  for (const space of first.results) {
    for (const term of space.categories || []) categories.set(term.code, term);
    for (const code of space.languages || []) languages.add(code);
  }
  category.append(
    h("option", { value: "" }, t.any),
    ...[...categories].sort((a, b) => a[1].name.localeCompare(b[1].name))
      .map(([code, term]) => h("option", { value: code, ...textIn(term, locale) }, term.name)),
  );
  language.append(
    h("option", { value: "" }, t.any),
    ...[...languages].map((code) => [code, languageName(code)]).sort((a, b) => a[1].localeCompare(b[1]))
      .map(([code, name]) => h("option", { value: code, lang: code }, name)),
  );
  show(first);
}
