// The kiosk app (/kiosk/?city=<slug>): a language picker with every locale, then the city's
// toolbox, safe spaces and helplines. Kiosks are shared: after a while without a touch it goes
// back to the start screen, and it stores nothing in the browser. The last answers of the API
// stay in memory only, so that a network blip never blanks the screen.
import { createApi } from "/widgets/v1/api.js";
import { directionOf, textIn } from "/widgets/v1/lang.js";
import { h, loadQuickExit, loadStrings, mountWidget, quickExit, replace } from "/widgets/v1/widgets.js";

const config = JSON.parse(document.getElementById("kiosk-config").textContent);
const app = document.getElementById("kiosk");

let stale = false;
let atStart = true;
let staleNote = null; // the note of the screen on show, if it has one
const api = createApi({
  apiBase: window.location.origin,
  key: config.key,
  keepLast: true,
  onStale: (value) => {
    stale = value;
    if (staleNote) staleNote.hidden = !stale;
  },
});
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
  const t = await wordsFor(config.defaultLocale);
  if (!t) return;
  setLanguage(config.defaultLocale);
  staleNote = null;
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
  staleNote = h("p", { class: "stale", role: "status", hidden: !stale }, t.stale);
  const host = h("div", {});
  replace(app,
    header(t, locale),
    h("nav", { "aria-label": t.sections },
      h("ul", {}, sections.map((name) => h("li", {},
        h("button", { type: "button", "aria-current": name === current ? "page" : undefined, onclick: () => open(locale, name) }, t[name]))))),
    h("main", {}, staleNote, host),
  );
  mountWidget(host, { api, widget: current, city: config.city, locale, toolbox: config.toolbox, position: config.position, exitButton: false });
}

// Back to the start screen after idleSeconds without a touch, a click or a key.
let lastActivity = Date.now();
for (const type of ["pointerdown", "keydown", "touchstart", "wheel"]) {
  window.addEventListener(type, () => { lastActivity = Date.now(); }, { capture: true, passive: true });
}
setInterval(() => {
  if (!atStart && Date.now() - lastActivity > config.idleSeconds * 1000) {
    start();
  }
}, 1000);
start();
