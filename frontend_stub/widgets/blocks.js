// The toolbox widget's body blocks: one renderer per block of the registry
// (toolbox_pages.blocks.BLOCK_REGISTRY; tests/frontend/test_block_renderers.py keeps them in step).
// A renderer gets the block as the API serves it and the context of the body it is part of:
// ``t`` (the widget's strings), ``around`` (the body's language) and ``mediaBase`` (the address
// of the API, whose media it may show). It returns a node, or null to show nothing.
import { h } from "./dom.js";
import { textIn } from "./lang.js";
import { richText } from "./sanitize.js";
import { telLink } from "./ui.js";

const HEADING_LEVELS = { h2: "h4", h3: "h5", h4: "h6" };

// An image block: one of the API's own renditions (never another site's file), with the alt
// text the editor wrote for this place.
function figure(item, { mediaBase }) {
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

export const BLOCK_RENDERERS = {
  heading: (item) => h(HEADING_LEVELS[item.level] || "h4", {}, item.text),
  paragraph: (item) => h("div", {}, richText(item.html)),
  callout: (item) =>
    h("aside", { class: "callout", "aria-label": item.title || undefined }, item.title ? h("p", {}, h("strong", {}, item.title)) : null, richText(item.html)),
  questions_answers: (item) =>
    h("dl", {}, (item.items || []).map((qa) => [h("dt", {}, qa.question || ""), h("dd", {}, richText(qa.answer_html))])),
  exercise: (item, { t }) =>
    h("div", {}, h("h4", {}, item.title), item.duration_minutes ? h("p", {}, t.minutes(item.duration_minutes)) : null, richText(item.instructions_html), item.transcript ? h("p", {}, item.transcript) : null),
  referral_pathway: (item) =>
    h("div", {}, item.title ? h("h4", {}, item.title) : null, h("ol", {}, (item.steps || []).map((step) => h("li", {}, h("strong", {}, step.title), step.contact ? h("p", {}, step.contact) : null, step.how ? h("p", {}, step.how) : null)))),
  helpline_reference: (item, { around }) =>
    item.helpline ? h("p", {}, h("strong", textIn(item.helpline, around), item.helpline.name), " ", telLink(item.helpline.number), item.note ? h("span", {}, ` ${item.note}`) : null) : null,
  safe_space_reference: (item, { around }) =>
    item.safe_space ? h("p", {}, h("strong", textIn(item.safe_space, around), item.safe_space.name), item.note ? h("span", {}, ` ${item.note}`) : null) : null,
  discussion_prompt: (item) => h("div", {}, item.theme ? h("h4", {}, item.theme) : null, h("p", {}, item.prompt)),
  testimony_quote: (item) =>
    h("blockquote", {}, h("p", {}, item.quote), item.attribution ? h("p", {}, `— ${item.attribution}`) : null),
  // A link, never a player: a video host is a third party the reader chooses to visit.
  video_embed: (item, { t }) =>
    /^https:\/\//.test(item.url || "") ? h("p", {}, h("a", { href: item.url, rel: "noopener noreferrer" }, item.title || t.video)) : null,
  image: figure,
  document_download: (item) =>
    item.document ? h("p", {}, h("a", { href: item.document.url }, item.title || item.document.title || item.document.url)) : null,
};

// A body block, or null for a block type this version of the widget does not know.
export function block(item, t, around, mediaBase) {
  const render = Object.hasOwn(BLOCK_RENDERERS, item.block_type) ? BLOCK_RENDERERS[item.block_type] : null;
  return render ? render(item, { t, around, mediaBase }) : null;
}
