// The embeddable widgets: safe spaces, a toolbox, helplines. Each renders inside a Shadow DOM
// (styled apart from the page around it), in the requested language and direction, with a
// quick exit (a button, and Escape pressed twice). Nothing is stored: no cookie, no storage, no
// request to any host but the widget's own API.
import { createApi } from "./api.js";
import { directionOf, textIn } from "./lang.js";

export { directionOf, textIn };

const DOUBLE_ESCAPE_MS = 1500;

const STRINGS = {
  en: {
    quickExit: "Quick exit",
    quickExitHint: "Leave this page at once: press this button, or Escape twice.",
    loading: "Loading…",
    error: "This information could not be loaded. Please try again later.",
    "safe-spaces": "Safe spaces",
    toolbox: "Toolbox",
    helplines: "Helplines",
    filters: "Filter the safe spaces",
    category: "Kind of service",
    language: "Language spoken",
    any: "Any",
    nearMe: "Show the nearest first",
    nearNote: "Your position is asked for only when you press this button, used for this search and never kept.",
    noPosition: "Your position is not available. The list is shown without it.",
    results: (n) => `${n} safe spaces`,
    none: "No safe space matches these filters.",
    openNow: "Open now",
    closedNow: "Closed now",
    confidential: "The address is not published. Contact:",
    phone: "Phone",
    email: "Email",
    languages: "Languages",
    verified: "Information checked on",
    km: (d) => `${d} km away`,
    toolboxes: "Toolboxes",
    modules: "Modules",
    minutes: (n) => `${n} minutes`,
    back: "Back to the modules",
    backToToolboxes: "Back to the toolboxes",
    warning: "Content warning",
    warningText: "This module speaks about:",
    continue: "Continue to the module",
    emergency: "Emergency numbers",
    available: "Open day and night",
    free: "Free of charge",
    video: "Watch the video (on another website)",
    unknownWidget: "This widget is not configured correctly.",
  },
  ar: {
    quickExit: "خروج سريع",
    quickExitHint: "غادر هذه الصفحة فورًا: اضغط هذا الزر أو مفتاح Escape مرتين.",
    loading: "جارٍ التحميل…",
    error: "تعذّر تحميل هذه المعلومات. يرجى المحاولة لاحقًا.",
    "safe-spaces": "أماكن آمنة",
    toolbox: "مجموعة الأدوات",
    helplines: "خطوط المساعدة",
    filters: "تصفية الأماكن الآمنة",
    category: "نوع الخدمة",
    language: "اللغة المستخدمة",
    any: "الكل",
    nearMe: "اعرض الأقرب أولًا",
    nearNote: "يُطلب موقعك فقط عند الضغط على هذا الزر، ويُستخدم لهذا البحث فقط ولا يُحفظ.",
    noPosition: "موقعك غير متاح. تُعرض القائمة بدونه.",
    results: (n) => `${n} أماكن آمنة`,
    none: "لا يوجد مكان آمن يطابق هذه الخيارات.",
    openNow: "مفتوح الآن",
    closedNow: "مغلق الآن",
    confidential: "العنوان غير منشور. للتواصل:",
    phone: "الهاتف",
    email: "البريد الإلكتروني",
    languages: "اللغات",
    verified: "تم التحقق من المعلومات في",
    km: (d) => `على بعد ${d} كم`,
    toolboxes: "مجموعات الأدوات",
    modules: "الوحدات",
    minutes: (n) => `${n} دقيقة`,
    back: "العودة إلى الوحدات",
    backToToolboxes: "العودة إلى مجموعات الأدوات",
    warning: "تحذير بشأن المحتوى",
    warningText: "تتحدث هذه الوحدة عن:",
    continue: "المتابعة إلى الوحدة",
    emergency: "أرقام الطوارئ",
    available: "متاح ليلًا ونهارًا",
    free: "مجاني",
    video: "شاهد الفيديو (على موقع آخر)",
    unknownWidget: "لم يتم إعداد هذه الأداة بشكل صحيح.",
  },
};

export function stringsFor(locale) {
  return { ...STRINGS.en, ...(STRINGS[String(locale).split("-")[0]] || {}) };
}

// --- Quick exit --------------------------------------------------------------------------------

const exitState = { url: "", top: false, listening: false, lastEscape: 0, loading: null };

export function quickExit() {
  // Hide at once: the page may take a moment to go.
  document.documentElement.style.visibility = "hidden";
  const target = exitState.url || "about:blank";
  if (exitState.top && window.top !== window) {
    try {
      window.top.location.replace(target);
      return;
    } catch {
      // A sandboxed frame may not move the page around it: leave the frame at least.
    }
  }
  window.location.replace(target);
}

function setQuickExit({ url, top }) {
  if (url) exitState.url = url;
  if (top !== undefined) exitState.top = top;
  if (!exitState.listening) {
    exitState.listening = true;
    document.addEventListener(
      "keydown",
      (event) => {
        if (event.key !== "Escape") return;
        const now = Date.now();
        if (now - exitState.lastEscape < DOUBLE_ESCAPE_MS) {
          quickExit();
        }
        exitState.lastEscape = now;
      },
      true,
    );
  }
}

// Arm the quick exit (Escape twice; top: leave the page around a frame) and read its target
// from the API once per page, however many widgets the page holds.
export function loadQuickExit(api, { top = false } = {}) {
  setQuickExit({ top });
  exitState.loading ||= api.get("widgets/safety").then(
    (safety) => {
      if (safety && /^https:\/\//.test(safety.quick_exit_url)) {
        setQuickExit({ url: safety.quick_exit_url });
      }
    },
    () => {
      // Without the editors' target, a quick exit still leaves: to a blank page. The next
      // widget mounted asks again.
      exitState.loading = null;
    },
  );
}

// --- DOM helpers -------------------------------------------------------------------------------

export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      node.addEventListener(name.slice(2), value);
    } else if (name === "class") {
      node.className = value;
    } else {
      node.setAttribute(name, value === true ? "" : String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const ALLOWED_TAGS = new Set([
  "P", "BR", "STRONG", "B", "EM", "I", "U", "A", "UL", "OL", "LI", "H2", "H3", "H4", "H5", "H6",
  "BLOCKQUOTE", "SPAN", "SUB", "SUP", "HR",
]);

// Rich text from the API, rebuilt node by node: only text, a few tags and safe links survive.
export function richText(html) {
  const parsed = new DOMParser().parseFromString(String(html || ""), "text/html");
  const fragment = document.createDocumentFragment();
  const copy = (source, target) => {
    for (const node of source.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) {
        target.append(document.createTextNode(node.textContent));
      } else if (node.nodeType === Node.ELEMENT_NODE) {
        if (!ALLOWED_TAGS.has(node.tagName)) {
          if (!["SCRIPT", "STYLE", "IFRAME", "OBJECT", "TEMPLATE"].includes(node.tagName)) {
            copy(node, target);
          }
          continue;
        }
        const clean = document.createElement(node.tagName.toLowerCase());
        if (node.tagName === "A") {
          const href = node.getAttribute("href") || "";
          if (/^(https?:|mailto:|tel:|\/(?!\/))/i.test(href)) {
            clean.setAttribute("href", href);
            clean.setAttribute("rel", "noopener noreferrer");
          }
        }
        copy(node, clean);
        target.append(clean);
      }
    }
  };
  copy(parsed.body, fragment);
  return fragment;
}

let sheet = null;
function styles() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}

const CSS = `
:host { all: initial; display: block; }
.eqc { font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", sans-serif;
  color: #1b1b1b; background: #fff; border: 1px solid #8a8a8a; border-radius: 6px;
  padding: 1rem; max-inline-size: 48rem; box-sizing: border-box; text-align: start; }
.eqc *, .eqc *::before, .eqc *::after { box-sizing: inherit; }
.bar { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; justify-content: space-between;
  margin-block-end: .75rem; }
.bar p { margin: 0; font-size: .875rem; color: #3d3d3d; flex: 1 1 12rem; }
h2 { font-size: 1.375rem; margin: 0 0 .5rem; }
h3 { font-size: 1.125rem; margin: 0 0 .25rem; }
h4, h5, h6 { font-size: 1rem; margin: 1rem 0 .25rem; }
button, select { font: inherit; min-block-size: 2.75rem; padding: .375rem .75rem; border-radius: 4px; }
button { cursor: pointer; border: 2px solid #1b3a6b; background: #fff; color: #1b3a6b; }
button:hover { background: #e8eef8; }
button.exit { background: #a4001d; border-color: #a4001d; color: #fff; font-weight: 700; }
button.exit:hover { background: #7c0016; }
button.link { border: 0; padding-inline: 0; text-decoration: underline; background: none; }
:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
select { border: 2px solid #555; background: #fff; color: #1b1b1b; }
label { display: block; font-weight: 600; }
form { display: flex; flex-wrap: wrap; gap: .75rem; align-items: end; margin-block-end: .75rem; }
.note, .status { font-size: .875rem; color: #3d3d3d; }
ul.items { list-style: none; margin: 0; padding: 0; }
ul.items > li { border-block-start: 1px solid #c4c4c4; padding-block: .75rem; }
.badge { display: inline-block; font-size: .875rem; padding: 0 .5rem; border-radius: 999px;
  background: #e4f1e7; color: #14522a; }
.badge.closed { background: #f1f1f1; color: #3d3d3d; }
.warning { border-inline-start: 6px solid #a45a00; background: #fff6e5; padding: .75rem 1rem; }
aside.callout { border-inline-start: 4px solid #1b3a6b; background: #f0f4fa; padding: .5rem 1rem; }
a { color: #1b3a6b; }
dl { margin: 0; } dt { font-weight: 600; } dd { margin: 0 0 .25rem; }
p { margin: .25rem 0; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; margin-block: .75rem; }
`;

// --- Widgets -----------------------------------------------------------------------------------

function statusLine(t) {
  return h("p", { class: "status", role: "status", "aria-live": "polite" }, t.loading);
}

function languageNamer(locale) {
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
function telLink(number, label) {
  return h("a", { href: `tel:${String(number).replace(/[^+\d]/g, "")}`, dir: "ltr" }, label || number);
}

// Names, addresses and dates inside a sentence of the widget's language: isolated, their
// direction read from their own characters.
function isolated(text) {
  return h("bdi", {}, text);
}

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
        space.verified_on ? [h("dt", {}, t.verified), h("dd", {}, isolated(space.verified_on))] : null,
      ),
    ),
  );
}

async function renderSafeSpaces(ctx) {
  const { api, body, t, city, locale } = ctx;
  const languageName = languageNamer(locale);
  const category = h("select", { id: "eqc-category", name: "category" });
  const language = h("select", { id: "eqc-language", name: "language" });
  const status = statusLine(t);
  const list = h("ul", { class: "items", "aria-label": t["safe-spaces"] });
  let near = null;

  const filters = () => ({
    categories: category.value || undefined,
    languages: language.value || undefined,
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

  const nearButton = h("button", {
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
    nearButton,
  );
  body.append(form, h("p", { class: "note" }, t.nearNote), status, list);

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

// An image block as the API serves it: one of the API's own renditions (never another site's
// file), with the alt text the editor wrote for this place.
function figure(item, mediaBase) {
  const renditions = (item.image && item.image.renditions) || {};
  const rendition = renditions.medium || renditions.small || renditions.large || renditions.thumbnail;
  if (!rendition) return null;
  const base = new URL(mediaBase || location.href);
  const src = new URL(rendition.url, base);
  if (src.origin !== base.origin) return null;
  return h(
    "figure",
    {},
    h("img", { src: src.href, alt: item.image.alt_text || "", width: rendition.width, height: rendition.height, loading: "lazy", referrerpolicy: "no-referrer" }),
    item.caption ? h("figcaption", {}, item.caption) : null,
  );
}

// A body block; ``around`` is the language of the body it is part of, ``mediaBase`` the
// address of the API, whose media it may show.
function block(item, t, around, mediaBase) {
  const level = { h2: "h4", h3: "h5", h4: "h6" }[item.level] || "h4";
  switch (item.block_type) {
    case "heading":
      return h(level, {}, item.text);
    case "paragraph":
      return h("div", {}, richText(item.html));
    case "callout":
      return h("aside", { class: "callout", "aria-label": item.title || undefined }, item.title ? h("p", {}, h("strong", {}, item.title)) : null, richText(item.html));
    case "questions_answers":
      return h("dl", {}, (item.items || []).map((qa) => [h("dt", {}, qa.question || ""), h("dd", {}, richText(qa.answer_html))]));
    case "exercise":
      return h("div", {}, h("h4", {}, item.title), item.duration_minutes ? h("p", {}, t.minutes(item.duration_minutes)) : null, richText(item.instructions_html), item.transcript ? h("p", {}, item.transcript) : null);
    case "referral_pathway":
      return h("div", {}, item.title ? h("h4", {}, item.title) : null, h("ol", {}, (item.steps || []).map((step) => h("li", {}, h("strong", {}, step.title), step.contact ? h("p", {}, step.contact) : null, step.how ? h("p", {}, step.how) : null))));
    case "helpline_reference":
      return item.helpline ? h("p", {}, h("strong", textIn(item.helpline, around), item.helpline.name), " ", telLink(item.helpline.number), item.note ? h("span", {}, ` ${item.note}`) : null) : null;
    case "safe_space_reference":
      return item.safe_space ? h("p", {}, h("strong", textIn(item.safe_space, around), item.safe_space.name), item.note ? h("span", {}, ` ${item.note}`) : null) : null;
    case "discussion_prompt":
      return h("div", {}, item.theme ? h("h4", {}, item.theme) : null, h("p", {}, item.prompt));
    case "testimony_quote":
      return h("blockquote", {}, h("p", {}, item.quote), item.attribution ? h("p", {}, `— ${item.attribution}`) : null);
    case "video_embed":
      // A link, never a player: a video host is a third party the reader chooses to visit.
      return /^https:\/\//.test(item.url || "") ? h("p", {}, h("a", { href: item.url, rel: "noopener noreferrer" }, item.title || t.video)) : null;
    case "image":
      return figure(item, mediaBase);
    case "document_download":
      return item.document ? h("p", {}, h("a", { href: item.document.url }, item.title || item.document.title || item.document.url)) : null;
    default:
      return null;
  }
}

function focusHeading(container) {
  const heading = container.querySelector("h3");
  if (heading) {
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  }
}

async function renderToolbox(ctx) {
  const { api, body, t, locale, mediaBase } = ctx;
  const status = statusLine(t);
  const view = h("div", {});
  body.append(status, view);

  const showList = async () => {
    status.textContent = t.loading;
    try {
      const data = await api.get("widgets/toolboxes", { locale });
      status.textContent = "";
      view.replaceChildren(
        h("h3", {}, t.toolboxes),
        h("ul", { class: "items" }, data.results.map((toolbox) => h("li", {},
          h("button", { type: "button", class: "link", onclick: () => showToolbox(toolbox.slug, true), ...textIn(toolbox, locale) }, toolbox.title),
          h("p", textIn(toolbox, locale), toolbox.summary)))),
      );
    } catch {
      status.textContent = t.error;
    }
  };

  const showToolbox = async (slug, fromList) => {
    status.textContent = t.loading;
    let toolbox;
    try {
      toolbox = await api.get(`widgets/toolboxes/${encodeURIComponent(slug)}`, { locale });
    } catch {
      status.textContent = t.error;
      return;
    }
    status.textContent = "";
    const modules = () => {
      view.replaceChildren(
        h("h3", textIn(toolbox, locale), toolbox.title),
        h("p", textIn(toolbox, locale), toolbox.summary),
        h("h4", {}, t.modules),
        h("ol", { class: "items" }, toolbox.modules.map((module) => h("li", {},
          h("button", { type: "button", class: "link", onclick: () => openModule(module), ...textIn(module, locale) }, module.title),
          module.duration_minutes ? h("p", {}, t.minutes(module.duration_minutes)) : null,
          h("p", textIn(module, locale), module.summary)))),
        fromList ? h("div", { class: "actions" }, h("button", { type: "button", onclick: showList }, t.backToToolboxes)) : null,
      );
    };
    const backToModules = () => {
      modules();
      focusHeading(view);
    };
    const read = (module) => {
      view.replaceChildren(
        h("article", {},
          h("h3", textIn(module, locale), module.title),
          h("div", textIn(module, locale),
            h("p", {}, module.summary),
            module.body.map((item) => block(item, t, module.locale || locale, mediaBase))),
          h("div", { class: "actions" }, h("button", { type: "button", onclick: backToModules }, t.back))),
      );
      focusHeading(view);
    };
    const openModule = (module) => {
      if (!module.content_warnings || !module.content_warnings.length) {
        read(module);
        return;
      }
      view.replaceChildren(
        h("div", { class: "warning" },
          h("h3", {}, t.warning),
          h("p", {}, t.warningText),
          h("ul", {}, module.content_warnings.map((warning) => h("li", textIn(warning, locale), warning.name))),
          h("div", { class: "actions" },
            h("button", { type: "button", onclick: () => read(module) }, t.continue),
            h("button", { type: "button", onclick: backToModules }, t.back))),
      );
      focusHeading(view);
    };
    modules();
  };

  if (ctx.toolbox) {
    await showToolbox(ctx.toolbox, false);
  } else {
    await showList();
  }
}

async function renderHelplines(ctx) {
  const { api, body, t, city, locale } = ctx;
  const status = statusLine(t);
  body.append(status);
  let data;
  try {
    data = await api.get("widgets/helplines", { city, locale });
  } catch {
    status.textContent = t.error;
    return;
  }
  status.textContent = "";
  const languageName = languageNamer(locale);
  body.append(
    h("h3", {}, t.emergency),
    // The labels are the city's texts: in English when the city has no translation.
    h("ul", { class: "items" }, data.city.emergency_numbers.map((row) => h("li", {}, h("strong", textIn(data.city, locale), row.label), " ", telLink(row.number)))),
    h("h3", {}, t.helplines),
    h("ul", { class: "items" }, data.helplines.map((line) => h("li", {},
      h("article", {},
        h("h4", textIn(line, locale), line.name),
        h("p", {}, telLink(line.number)),
        line.description ? h("p", textIn(line, locale), line.description) : null,
        line.available_24_7 ? h("p", {}, t.available) : h("p", textIn(line, locale), line.hours_description),
        line.free_of_charge ? h("p", {}, t.free) : null,
        line.languages.length ? h("p", {}, `${t.languages}: ${line.languages.map(languageName).join(", ")}`) : null)))),
  );
}

const RENDERERS = { "safe-spaces": renderSafeSpaces, toolbox: renderToolbox, helplines: renderHelplines };

// Mount one widget in ``host`` (its shadow root). Options: apiBase and key (or api), widget,
// city, locale, toolbox; exitButton: false where the page has its own quick exit (the kiosk);
// exitTop: true in a frame, so that a quick exit leaves the page around it.
export function mountWidget(host, options) {
  const locale = options.locale || "en";
  const t = stringsFor(locale);
  const root = host.shadowRoot || host.attachShadow({ mode: "open" });
  root.adoptedStyleSheets = [styles()];
  const api = options.api || createApi({ apiBase: options.apiBase, key: options.key });
  const renderer = RENDERERS[options.widget];
  const titleId = "eqc-title";
  const body = h("div", {});
  const section = h(
    "section",
    { class: "eqc", lang: locale, dir: directionOf(locale), "aria-labelledby": titleId },
  );
  if (options.exitButton !== false) {
    loadQuickExit(api, { top: Boolean(options.exitTop) });
    section.append(
      h("div", { class: "bar" },
        h("p", { id: "eqc-exit-hint" }, t.quickExitHint),
        h("button", { type: "button", class: "exit", "aria-describedby": "eqc-exit-hint", onclick: quickExit }, t.quickExit)),
    );
  }
  section.append(h("h2", { id: titleId }, renderer ? t[options.widget] : t.unknownWidget), body);
  root.replaceChildren(section);
  if (renderer) {
    renderer({ api, body, t, city: options.city, locale, toolbox: options.toolbox, mediaBase: options.apiBase });
  }
  return { root, section };
}
