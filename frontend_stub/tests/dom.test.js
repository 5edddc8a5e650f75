// Building the widgets' DOM: a missing child is left out, never written as "null".
import assert from "node:assert/strict";
import { test } from "node:test";

import { html } from "./dom-env.js";

const { h, replace } = await import("../widgets/dom.js");

test("h leaves out null, undefined and false children and attributes", () => {
  const node = h("p", { title: null, hidden: false, lang: "fr" }, "a", null, undefined, false, ["b", [null, 0]]);
  assert.equal(html(node), '<p lang="fr">ab0</p>');
});

test("replace leaves out what is missing, where replaceChildren would write null", () => {
  const node = h("div", {}, "old");
  replace(node, h("h3", {}, "Title"), null, undefined, false, "text");
  assert.equal(html(node), "<div><h3>Title</h3>text</div>");
});
