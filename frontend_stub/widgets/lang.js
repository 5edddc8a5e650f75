// Language and direction of the texts the widgets and the kiosk show: the one rule both use.
//
// The right-to-left languages are the server's (settings.LANGUAGES_BIDI; a test keeps the two
// lists equal). Every text the API serves says its language (`locale`, `is_fallback`): an
// English fallback inside an Arabic widget is marked lang="en" dir="ltr", or the browser lays
// it out right to left (".know it exists", "(Emergency (ambulance, fire").

const RTL = new Set(["ar", "fa", "prs", "he", "ur", "ps", "ckb"]);

export function directionOf(locale) {
  return RTL.has(String(locale || "").split("-")[0].toLowerCase()) ? "rtl" : "ltr";
}

// Attributes for an element holding an object's texts: its language and direction when they
// differ from those of the text around it (`around`, a language code); none otherwise.
export function textIn(object, around) {
  const own = object && object.locale;
  if (!own || own === around) return {};
  return { lang: own, dir: directionOf(own) };
}

// A text of the widgets' own shown in English inside another language (its translation is
// missing): h() wraps it in <span lang="en" dir="ltr">.
export class Fallback {
  constructor(text) {
    this.text = text;
  }

  toString() {
    return this.text;
  }
}
