// The widgets' and the kiosk's own words. Each is written once, in English, inside gettext()
// (so that `make messages` extracts it into the djangojs catalogs), and read from the catalog
// of the reader's language that the API serves (GET /api/v1/widgets/strings). A string not
// translated yet stays English and is marked so (lang="en" dir="ltr", see Fallback).
import { Fallback } from "./lang.js";

function format(text, values) {
  return text.replace(/%\((\w+)\)s/g, (_, name) => String(values[name] ?? ""));
}

// The words of one language, from its catalog ({english: translated}); English is its own.
export function makeStrings(locale = "en", catalog = {}) {
  const english = String(locale).split("-")[0] === "en";
  const gettext = (text) => {
    const translated = catalog[text];
    if (translated) return translated;
    return english ? text : new Fallback(text);
  };
  // Values into a looked-up text, which stays marked if it is English.
  const interpolate = (translated, values) => {
    const shown = format(String(translated), values);
    return translated instanceof Fallback ? new Fallback(shown) : shown;
  };
  return {
    quickExit: gettext("Quick exit"),
    quickExitHint: gettext("Leave this page at once: press this button, or Escape twice."),
    loading: gettext("Loading…"),
    error: gettext("This information could not be loaded. Please try again later."),
    "safe-spaces": gettext("Safe spaces"),
    toolbox: gettext("Toolbox"),
    helplines: gettext("Helplines"),
    filters: gettext("Filter the safe spaces"),
    category: gettext("Kind of service"),
    language: gettext("Language spoken"),
    any: gettext("Any"),
    nearMe: gettext("Show the nearest first"),
    nearNote: gettext("Your position is asked for only when you press this button, used for this search and never kept."),
    noPosition: gettext("Your position is not available. The list is shown without it."),
    results: (count) => interpolate(gettext("Safe spaces found: %(count)s"), { count }),
    none: gettext("No safe space matches these filters."),
    openNow: gettext("Open now"),
    openNowFilter: gettext("Only the places open now"),
    nearConfidential: gettext("Places whose address is kept confidential are not in this list by distance: they are in the full list, with a way to contact them."),
    closedNow: gettext("Closed now"),
    confidential: gettext("The address is not published. Contact:"),
    phone: gettext("Phone"),
    email: gettext("Email"),
    languages: gettext("Languages"),
    verified: gettext("Information checked on"),
    km: (distance) => interpolate(gettext("%(distance)s km away"), { distance }),
    toolboxes: gettext("Toolboxes"),
    modules: gettext("Modules"),
    minutes: (minutes) => interpolate(gettext("Duration: %(minutes)s min"), { minutes }),
    back: gettext("Back to the modules"),
    backToToolboxes: gettext("Back to the toolboxes"),
    warning: gettext("Content warning"),
    warningText: gettext("This module speaks about:"),
    continue: gettext("Continue to the module"),
    emergency: gettext("Emergency numbers"),
    available: gettext("Open day and night"),
    free: gettext("Free of charge"),
    video: gettext("Watch the video (on another website)"),
    unknownWidget: gettext("This widget is not configured correctly."),
    // The kiosk's.
    choose: gettext("Choose your language"),
    startAgain: gettext("Start again"),
    sections: gettext("Sections"),
    stale: gettext("No connection: showing the information received last."),
    nearKiosk: gettext("Show the nearest to this kiosk first"),
    nearKioskNote: gettext("Distances are measured from this kiosk. Your own position is never asked for."),
    noData: gettext("No information is available right now. Please try again later or ask a member of staff."),
  };
}

// English, with no catalog to wait for (the words before a catalog arrives, or without one).
export function stringsFor(locale) {
  return makeStrings(locale);
}

const loaded = new Map();

// The words of ``locale``, its catalog read from the API once per page; English words marked
// as such if the catalog can't be read.
export function loadStrings(api, locale) {
  const code = String(locale || "en");
  if (code.split("-")[0] === "en") {
    return Promise.resolve(makeStrings(code)); // English is the strings' own language
  }
  if (!loaded.has(code)) {
    loaded.set(
      code,
      api.get("widgets/strings", { locale: code }).then(
        (answer) => makeStrings(code, (answer && answer.strings) || {}),
        () => {
          loaded.delete(code); // asked again by the next widget
          return makeStrings(code);
        },
      ),
    );
  }
  return loaded.get(code);
}
