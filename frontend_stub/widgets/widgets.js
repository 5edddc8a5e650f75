// The embeddable widgets: safe spaces, a toolbox, helplines. Each renders inside a Shadow DOM
// (styled apart from the page around it), in the requested language and direction, with a
// quick exit (a button, and Escape pressed twice). Nothing is stored: no cookie, no storage, no
// request to any host but the widget's own API.
import { createApi } from "./api.js";
import { h, replace } from "./dom.js";
import { renderHelplines } from "./helplines.js";
import { directionOf, textIn } from "./lang.js";
import { loadQuickExit, quickExit } from "./quick-exit.js";
import { renderSafeSpaces } from "./safe-spaces.js";
import { loadStrings, stringsFor } from "./strings.js";
import { styles } from "./styles.js";
import { watchTakedowns } from "./takedowns.js";
import { renderToolbox } from "./toolbox.js";

// What the kiosk and the frame page build on.
export { directionOf, h, loadQuickExit, loadStrings, quickExit, replace, stringsFor, textIn, watchTakedowns };

// The widgets on the page, rendered again when something they may show is taken down (one
// watcher for the page, the first widget's).
const mounted = [];
let watching = false;

// One quick-exit button per page, however many widgets it holds: the first widget's.
let exitButtonShown = false;
let exitHost = null;

const RENDERERS = { "safe-spaces": renderSafeSpaces, toolbox: renderToolbox, helplines: renderHelplines };

// Mount one widget in ``host`` (its shadow root), in its language's words once they are read.
// Options: apiBase and key (or api), widget, city, locale, toolbox; preview (a preview token:
// the widget shows the draft it names); exitButton: false where the
// page has its own quick exit (the kiosk); exitTop: true in a frame, so that a quick exit
// leaves the page around it. Returns a promise of the mounted widget.
export function mountWidget(host, options) {
  const locale = options.locale || "en";
  const api = options.api || createApi({ apiBase: options.apiBase, key: options.key, preview: options.preview });
  if (options.watchTakedowns !== false) {
    if (!mounted.some((widget) => widget.host === host)) mounted.push({ host, options: { ...options, api } });
    if (!watching) {
      watching = true;
      watchTakedowns(api, () => Promise.all(mounted.map((widget) => mountWidget(widget.host, widget.options))));
    }
  }
  if (options.exitButton !== false) {
    // Escape twice works from the start, before the widget's words arrive.
    loadQuickExit(api, { top: Boolean(options.exitTop), city: options.city });
  }
  return loadStrings(api, locale).then((t) => render(host, options, api, t, locale));
}

function render(host, options, api, t, locale) {
  const root = host.shadowRoot || host.attachShadow({ mode: "open" });
  root.adoptedStyleSheets = [styles()];
  const renderer = RENDERERS[options.widget];
  const titleId = "eqc-title";
  const body = h("div", {});
  const section = h(
    "section",
    { class: "eqc", lang: locale, dir: directionOf(locale), "aria-labelledby": titleId },
  );
  if (options.exitButton !== false && (!exitButtonShown || exitHost === host)) {
    exitButtonShown = true;
    exitHost = host;
    section.append(
      h("div", { class: "bar" },
        h("p", { id: "eqc-exit-hint" }, t.quickExitHint),
        h("button", { type: "button", class: "exit", "aria-describedby": "eqc-exit-hint", onclick: quickExit }, t.quickExit)),
    );
  }
  section.append(h("h2", { id: titleId }, renderer ? t[options.widget] : t.unknownWidget), body);
  root.replaceChildren(section);
  if (renderer) {
    renderer({ api, body, t, city: options.city, locale, toolbox: options.toolbox, position: options.position, mediaBase: options.apiBase });
  }
  return { root, section };
}
