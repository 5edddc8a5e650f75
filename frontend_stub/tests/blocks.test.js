// Each body-block renderer of the toolbox widget, on the block as the API serves it.
import assert from "node:assert/strict";
import { test } from "node:test";

import { html } from "./dom-env.js";

const { BLOCK_RENDERERS, block } = await import("../widgets/blocks.js");
const { stringsFor } = await import("../widgets/strings.js");

const t = stringsFor("en");
const MEDIA = "https://cms.example.org";
const render = (item, around = "en") => {
  const node = block(item, t, around, MEDIA);
  return node === null ? null : html(node);
};

test("headings map the body's levels below the widget's own", () => {
  assert.equal(render({ block_type: "heading", text: "Signs", level: "h2" }), "<h4>Signs</h4>");
  assert.equal(render({ block_type: "heading", text: "More", level: "h3" }), "<h5>More</h5>");
  assert.equal(render({ block_type: "heading", text: "Odd", level: "h9" }), "<h4>Odd</h4>");
});

test("paragraphs and callouts go through the sanitizer", () => {
  assert.equal(
    render({ block_type: "paragraph", html: '<p onclick="x">Hello<script>alert(1)</script></p>' }),
    "<div><p>Hello</p></div>",
  );
  const callout = render({ block_type: "callout", kind: "safety", title: "Careful", html: "<p>Quiet room</p>" });
  assert.match(callout, /^<aside [^>]*class="callout"/);
  assert.match(callout, /^<aside [^>]*aria-label="Careful"/);
  assert.match(callout, /<strong>Careful<\/strong>/);
  assert.match(callout, /<p>Quiet room<\/p>/);
});

test("questions and answers, exercises, referral pathways and prompts", () => {
  assert.equal(
    render({ block_type: "questions_answers", items: [{ question: "Who?", answer_html: "<p>Us</p>" }] }),
    "<dl><dt>Who?</dt><dd><p>Us</p></dd></dl>",
  );
  const exercise = render({
    block_type: "exercise", title: "Breathe", duration_minutes: 5, instructions_html: "<p>Slowly</p>", transcript: "",
  });
  assert.match(exercise, /<h4>Breathe<\/h4>/);
  assert.match(exercise, new RegExp(t.minutes(5)));
  const pathway = render({
    block_type: "referral_pathway", title: "Refer", steps: [{ title: "Call", contact: "Desk", how: "Ask" }],
  });
  assert.match(pathway, /<ol><li><strong>Call<\/strong><p>Desk<\/p><p>Ask<\/p><\/li><\/ol>/);
  assert.equal(
    render({ block_type: "discussion_prompt", theme: "Trust", prompt: "What helps?" }),
    "<div><h4>Trust</h4><p>What helps?</p></div>",
  );
});

test("a testimony shows its words and attribution", () => {
  assert.equal(
    render({ block_type: "testimony_quote", quote: "I was heard.", attribution: "A resident" }),
    "<blockquote><p>I was heard.</p><p>— A resident</p></blockquote>",
  );
});

test("helpline and safe-space references carry their own language and a dialable number", () => {
  const helpline = render(
    { block_type: "helpline_reference", helpline: { name: "1712", number: "+32 1712", locale: "nl", is_fallback: false }, note: "" },
    "fr",
  );
  assert.match(helpline, /<strong [^>]*lang="nl"/);
  assert.match(helpline, /href="tel:\+321712"/);
  assert.equal(render({ block_type: "helpline_reference", helpline: null, note: "" }), null);
  const space = render({ block_type: "safe_space_reference", safe_space: { name: "Desk", locale: "en" }, note: "Call first." });
  assert.match(space, /<strong[^>]*>Desk<\/strong><span> Call first.<\/span>/);
  assert.equal(render({ block_type: "safe_space_reference", safe_space: null, note: "" }), null);
});

test("a video is a link to an https address, never a player", () => {
  const video = render({ block_type: "video_embed", url: "https://video.example.org/v/1", title: "Film" });
  assert.match(video, /^<p><a [^>]*href="https:\/\/video\.example\.org\/v\/1"[^>]*>Film<\/a><\/p>$/);
  assert.match(video, /rel="noopener noreferrer"/);
  assert.equal(render({ block_type: "video_embed", url: "javascript:alert(1)", title: "x" }), null);
  assert.equal(render({ block_type: "video_embed", url: "http://video.example.org/", title: "x" }), null);
});

test("an image shows the API's own medium rendition with the editor's alt text", () => {
  const image = {
    block_type: "image",
    caption: "The desk",
    image: {
      alt_text: "A reception desk",
      renditions: {
        small: { url: "/media/images/desk.width-480.jpg", width: 480, height: 320 },
        medium: { url: "/media/images/desk.width-960.jpg", width: 960, height: 640 },
      },
    },
  };
  const shown = render(image);
  assert.match(shown, /<img /);
  assert.match(shown, /src="https:\/\/cms\.example\.org\/media\/images\/desk\.width-960\.jpg"/);
  assert.match(shown, /alt="A reception desk"/);
  assert.match(shown, /<figcaption>The desk<\/figcaption>/);
});

test("an image from another site, or without a rendition, is not shown", () => {
  const elsewhere = {
    block_type: "image",
    image: { alt_text: "x", renditions: { medium: { url: "https://tracker.example.net/p.gif", width: 1, height: 1 } } },
  };
  assert.equal(render(elsewhere), null);
  assert.equal(render({ block_type: "image", image: { alt_text: "x", renditions: {} } }), null);
  assert.equal(render({ block_type: "image", image: null }), null);
});

test("a document is a link to its file", () => {
  assert.equal(
    render({ block_type: "document_download", title: "", document: { url: "/documents/1/handout.pdf", title: "Handout" } }),
    '<p><a href="/documents/1/handout.pdf">Handout</a></p>',
  );
  assert.equal(render({ block_type: "document_download", document: null }), null);
});

test("an unknown block type renders nothing (never an inherited property)", () => {
  assert.equal(render({ block_type: "poster" }), null);
  assert.equal(render({ block_type: "toString" }), null);
  assert.equal(render({ block_type: "__proto__" }), null);
});

test("every renderer is tested here", () => {
  assert.deepEqual(Object.keys(BLOCK_RENDERERS).sort(), [
    "callout", "discussion_prompt", "document_download", "exercise", "heading", "helpline_reference",
    "image", "paragraph", "questions_answers", "referral_pathway", "safe_space_reference",
    "testimony_quote", "video_embed",
  ]);
});
