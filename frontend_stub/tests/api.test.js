// The API client's preview option: the token travels in a header on every REST request (never
// in the URL), answers are not kept, and draft() asks GraphQL for preview(token).
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";

const { createApi, PREVIEW_HEADER } = await import("../widgets/api.js");

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

function answering(...bodies) {
  const calls = [];
  globalThis.fetch = async (url, init) => {
    calls.push({ url, init });
    const next = bodies.shift();
    if (next instanceof Error) throw next;
    return new Response(JSON.stringify(next), { status: 200, headers: { "Content-Type": "application/json" } });
  };
  return calls;
}

test("with a preview token, every REST request carries it in the header, not in the URL", async () => {
  const calls = answering({ title: "Draft" }, { ok: true });
  const api = createApi({ apiBase: "https://cms.example", key: "eqc_k", preview: "tok.en:1" });

  assert.deepEqual(await api.get("widgets/toolboxes/women", { locale: "fr" }), { title: "Draft" });
  await api.post("widgets/safe-spaces/near", { latitude: 1, longitude: 2 });

  assert.equal(calls.length, 2);
  for (const { url, init } of calls) {
    assert.equal(init.headers[PREVIEW_HEADER], "tok.en:1");
    assert.equal(init.headers.Authorization, "Bearer eqc_k");
    assert.equal(init.credentials, "omit");
    assert.equal(init.cache, "no-store");
    assert.ok(!url.includes("tok.en"));
  }
  assert.equal(PREVIEW_HEADER, "X-Equalcity-Preview");
  assert.equal(calls[0].url, "https://cms.example/api/v1/widgets/toolboxes/women?locale=fr");
});

test("without a preview token, no request carries the header", async () => {
  const calls = answering({ title: "Live" });
  const api = createApi({ apiBase: "https://cms.example", key: "eqc_k" });

  await api.get("widgets/toolboxes/women");

  assert.equal(PREVIEW_HEADER in calls[0].init.headers, false);
  await assert.rejects(api.draft("... on Toolbox { title }"), /no preview token/);
});

test("a draft is never kept in memory, even with keepLast", async () => {
  answering({ title: "Draft" }, new TypeError("offline"));
  const api = createApi({ apiBase: "https://cms.example", key: "eqc_k", keepLast: true, preview: "t" });

  await api.get("widgets/toolboxes/women");

  await assert.rejects(api.get("widgets/toolboxes/women"), TypeError);
});

test("draft() asks GraphQL for preview(token) with the token as a variable", async () => {
  const calls = answering({ data: { preview: { __typename: "Toolbox", title: "Draft" } } }, { data: { preview: null } });
  const api = createApi({ apiBase: "https://cms.example", key: "eqc_k", preview: "tok" });

  assert.deepEqual(await api.draft("... on Toolbox { title }"), { __typename: "Toolbox", title: "Draft" });
  assert.equal(await api.draft("... on Toolbox { title }"), null);

  const { url, init } = calls[0];
  assert.equal(url, "https://cms.example/api/graphql/");
  assert.equal(init.method, "POST");
  const body = JSON.parse(init.body);
  assert.deepEqual(body.variables, { token: "tok" });
  assert.equal(body.query, "query Preview($token: String!) { preview(token: $token) { __typename ... on Toolbox { title } } }");
  assert.equal(PREVIEW_HEADER in init.headers, false);
});
