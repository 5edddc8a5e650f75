// The rich-text sanitizer against hostile HTML: only text, a few tags and safe links survive.
import assert from "node:assert/strict";
import { test } from "node:test";

import { html } from "./dom-env.js";

const { richText } = await import("../widgets/sanitize.js");

const clean = (input) => html(richText(input));

test("scripts, styles, frames, objects and templates are dropped with their content", () => {
  assert.equal(clean("<script>alert(1)</script><p>ok</p>"), "<p>ok</p>");
  assert.equal(clean("<style>p{color:red}</style>text"), "text");
  assert.equal(clean('<iframe srcdoc="<script>alert(1)</script>">x</iframe>after'), "after");
  assert.equal(clean('<object data="x.swf">fallback</object>'), "");
  assert.equal(clean("<template><script>alert(1)</script><p>hidden</p></template>"), "");
});

test("event handlers, styles and classes never survive on an allowed tag", () => {
  assert.equal(
    clean('<p onclick="alert(1)" style="color:red" class="x" id="y">text</p>'),
    "<p>text</p>",
  );
  assert.equal(clean('<strong onmouseover="alert(1)">bold</strong>'), "<strong>bold</strong>");
});

test("an unknown tag is unwrapped: its text stays, the tag goes", () => {
  assert.equal(clean('<img src="x" onerror="alert(1)">'), "");
  assert.equal(clean("<div><span>kept</span></div>"), "<span>kept</span>");
  const svg = clean('<svg><a href="javascript:alert(1)">svg link</a></svg>');
  assert.match(svg, /svg link/);
  assert.doesNotMatch(svg, /javascript|href|<svg/i);
  assert.equal(clean("<math><mi>x</mi></math>"), "x");
});

// The attributes of the one link in ``input`` once cleaned.
function linkAttributes(input) {
  const fragment = richText(input);
  const link = fragment.querySelector("a");
  return Object.fromEntries([...link.attributes].map((attribute) => [attribute.name, attribute.value]));
}

test("links keep only http(s), mailto, tel and same-site paths, with rel noopener", () => {
  const rel = "noopener noreferrer";
  assert.deepEqual(
    linkAttributes('<a href="https://help.example.org/" target="_blank" onclick="x">help</a>'),
    { href: "https://help.example.org/", rel },
  );
  assert.deepEqual(linkAttributes('<a href="/toolboxes/">in</a>'), { href: "/toolboxes/", rel });
  assert.deepEqual(linkAttributes('<a href="tel:+3225550123">call</a>'), { href: "tel:+3225550123", rel });
  assert.deepEqual(linkAttributes('<a href="mailto:help@example.org">mail</a>'), { href: "mailto:help@example.org", rel });
  for (const href of [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example.org/",
  ]) {
    assert.equal(clean(`<a href="${href}">x</a>`), "<a>x</a>", href);
  }
});

test("entities stay text, never markup", () => {
  assert.equal(clean("&lt;script&gt;alert(1)&lt;/script&gt;"), "&lt;script&gt;alert(1)&lt;/script&gt;");
});

test("malformed and nested markup comes out well formed", () => {
  assert.equal(clean("<p><b>bold<i>both</p>after"), "<p><b>bold<i>both</i></b></p>after");
  assert.equal(clean("<ul><li>one<li>two</ul>"), "<ul><li>one</li><li>two</li></ul>");
});

test("empty and missing input give an empty fragment", () => {
  assert.equal(clean(""), "");
  assert.equal(clean(null), "");
  assert.equal(clean(undefined), "");
});
