// The widgets' words: a language's catalog, English marked where it has no translation, and
// dates as the reader writes them.
import assert from "node:assert/strict";
import { test } from "node:test";

import { html } from "./dom-env.js";

const { makeStrings } = await import("../widgets/strings.js");
const { Fallback } = await import("../widgets/lang.js");
const { h } = await import("../widgets/dom.js");
const { readerDate } = await import("../widgets/ui.js");

test("a translated string is the catalog's, with its values filled in", () => {
  const t = makeStrings("fr", { "Quick exit": "Sortie rapide", "Safe spaces found: %(count)s": "Lieux sûrs trouvés : %(count)s" });
  assert.equal(t.quickExit, "Sortie rapide");
  assert.equal(t.results(3), "Lieux sûrs trouvés : 3");
});

test("a string the catalog lacks is English, marked, its values filled in too", () => {
  const t = makeStrings("pt", {});
  assert.ok(t.quickExit instanceof Fallback);
  assert.equal(html(h("button", {}, t.quickExit)), '<button><span dir="ltr" lang="en">Quick exit</span></button>');
  assert.equal(String(t.minutes(90)), "Duration: 90 min");
  assert.ok(t.minutes(90) instanceof Fallback);
});

test("English is never marked as a fallback", () => {
  const t = makeStrings("en");
  assert.equal(t.quickExit, "Quick exit");
  assert.equal(t.results(2), "Safe spaces found: 2");
});

test("an option holds text only: a fallback marks the option itself", () => {
  const t = makeStrings("pt", {});
  assert.equal(html(h("option", { value: "" }, t.any)), '<option dir="ltr" lang="en" value="">Any</option>');
});

test("a date reads as the reader writes dates, and stays as served when it is no date", () => {
  assert.equal(readerDate("2026-03-01", "fr"), "1 mars 2026");
  assert.equal(readerDate("2026-03-01", "en"), "March 1, 2026");
  assert.equal(readerDate("soon", "fr"), "soon");
  assert.equal(readerDate(null, "fr"), "");
});
