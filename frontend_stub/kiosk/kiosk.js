// The kiosk app (/kiosk/?city=<slug>): a language picker with every locale, then the city's
// toolbox, safe spaces and helplines. Kiosks are shared: after a while without a touch it goes
// back to the start screen. The last answers of the API stay in memory only, so that a network
// blip never blanks the screen; its service worker (sw.js) keeps the shell and the city's signed
// bundles, every language's on a schedule, so that it works after a reload without network.
// Nothing a reader types or chooses is kept. In the admin's preview (config.preview), it opens
// on the section showing the draft, whose requests carry the preview token, and never goes
// back to the start screen by itself.
import { createApi } from "/widgets/v1/api.js";
import { directionOf, textIn } from "/widgets/v1/lang.js";
import { h, loadQuickExit, loadStrings, mountWidget, quickExit, replace, watchTakedowns } from "/widgets/v1/widgets.js";

const config = JSON.parse(document.getElementById("kiosk-config").textContent);
const app = document.getElementById("kiosk");

let stale = false;
let noData = false;
let atStart = true;
let shown = null; // the language and section on show, away from the start screen
let staleNote = null; // the notes of the screen on show, if it has them
let noDataNote = null;
const api = createApi({
  apiBase: window.location.origin,
  key: config.key,
  keepLast: true,
  onStale: (value) => {
    stale = value;
    noData = false; // an answer arrived
    if (staleNote) staleNote.hidden = !stale;
    if (noDataNote) noDataNote.hidden = !noData;
  },
  onNoData: () => {
    noData = true;
    if (noDataNote) noDataNote.hidden = false;
  },
});
// The draft's section asks for the draft; the other sections show what is published.
const draftApi = config.preview ? createApi({ apiBase: window.location.origin, key: config.key, preview: config.preview.token }) : null;
loadQuickExit(api, { city: config.city });

function setLanguage(locale) {
  document.documentElement.lang = locale;
  document.documentElement.dir = directionOf(locale);
}

function header(t, locale) {
  return h("header", { class: "kiosk" },
    // The city's name as the server read it (cityLocale): marked when the screen is in another.
    h("p", textIn({ locale: config.cityLocale }, locale), config.cityName),
    h("div", { class: "actions" },
      h("button", { type: "button", onclick: () => start() }, t.startAgain),
      h("button", { type: "button", class: "exit", onclick: quickExit }, t.quickExit)));
}

// Each screen waits for its language's words; a screen asked for meanwhile wins.
let screen = 0;

async function wordsFor(locale) {
  const asked = ++screen;
  const t = await loadStrings(api, locale);
  return asked === screen ? t : null;
}

async function start() {
  atStart = true;
  shown = null;
  const t = await wordsFor(config.defaultLocale);
  if (!t) return;
  setLanguage(config.defaultLocale);
  staleNote = null;
  noDataNote = null;
  const heading = h("h1", { id: "choose", tabindex: "-1" }, t.choose);
  replace(app,
    header(t, config.defaultLocale),
    h("main", {},
      heading,
      h("ul", { class: "languages", "aria-labelledby": "choose" },
        config.locales.map((locale) => h("li", {},
          h("button", { type: "button", lang: locale.code, dir: locale.dir, onclick: () => open(locale.code, "toolbox") }, locale.local))))),
  );
  heading.focus();
}

async function open(locale, section) {
  atStart = false;
  const t = await wordsFor(locale);
  if (!t) return;
  setLanguage(locale);
  const sections = ["toolbox", "safe-spaces", "helplines"].filter((name) => name !== "toolbox" || config.toolbox);
  const current = sections.includes(section) ? section : sections[0];
  shown = { locale, section: current };
  staleNote = h("p", { class: "stale", role: "status", hidden: !stale }, t.stale);
  noDataNote = h("p", { class: "stale", role: "alert", hidden: !noData }, t.noData);
  const host = h("div", {});
  replace(app,
    header(t, locale),
    h("nav", { "aria-label": t.sections },
      h("ul", {}, sections.map((name) => h("li", {},
        h("button", { type: "button", "aria-current": name === current ? "page" : undefined, onclick: () => open(locale, name) }, t[name]))))),
    h("main", {}, staleNote, noDataNote, host),
  );
  const sectionApi = draftApi && current === config.preview.section ? draftApi : api;
  mountWidget(host, { api: sectionApi, widget: current, city: config.city, locale, toolbox: config.toolbox, position: config.position, exitButton: false, watchTakedowns: false });
}

// Back to the start screen after idleSeconds without a touch, a click or a key.
let lastActivity = Date.now();
for (const type of ["pointerdown", "keydown", "touchstart", "wheel"]) {
  window.addEventListener(type, () => { lastActivity = Date.now(); }, { capture: true, passive: true });
}
setInterval(() => {
  if (!atStart && !config.preview && Date.now() - lastActivity > config.idleSeconds * 1000) {
    start();
  }
}, 1000);
if (config.preview) {
  open(config.preview.locale, config.preview.section);
} else {
  start();
}

// Offline: the service worker keeps the shell and, on this schedule, the city's bundle in every
// language (all of them, so that what is kept says nothing about what anyone read).
const BUNDLES = "equalcity-kiosk-bundles-v1"; // sw.js keeps the bundles there
let offline = false;

// One language after the other: a kiosk never sends the server a burst.
async function refreshBundles() {
  let all = true;
  for (const locale of config.locales) {
    all = (await api.prefetch(`bundles/${config.city}/${locale.code}`)) && all;
  }
  document.documentElement.dataset.offlineReady = String(all);
}

async function keepOffline() {
  const worker = navigator.serviceWorker;
  try {
    await worker.register(`/kiosk/sw.js?key=${encodeURIComponent(config.bundleKey)}`, { type: "module", scope: "/kiosk/" });
    await worker.ready;
    if (!worker.controller) {
      await new Promise((resolve) => worker.addEventListener("controllerchange", resolve, { once: true }));
    }
  } catch {
    return; // no service worker: the kiosk still works online
  }
  offline = true;
  await refreshBundles();
  setInterval(refreshBundles, config.bundleRefreshSeconds * 1000);
}
if (config.bundleKey && "serviceWorker" in navigator) keepOffline();

// Taken down: out of memory and the offline store at once, then off the screen (the screen on
// show is read again) and, last, the bundles fetched again, rebuilt without it.
watchTakedowns(api, async () => {
  api.forget();
  if (offline) {
    document.documentElement.dataset.offlineReady = "false";
    await caches.delete(BUNDLES);
  }
  if (shown) await open(shown.locale, shown.section);
  if (offline) await refreshBundles();
});
