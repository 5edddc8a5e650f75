// The client of the REST API that widgets and the kiosk share.
//
// Every request carries the consumer key as a Bearer token and nothing else: no cookie
// (credentials: "omit"), no referrer (the page a reader is on is nobody's business), and no
// copy in the browser's HTTP cache (cache: "no-store"), so a shared computer keeps no trace of
// what was read. With keepLast, the last answer to each GET stays in memory (never on disk)
// and is used when the network fails: a kiosk never blanks its screen on a network blip.
// Behind the kiosk's service worker, an answer taken from a verified offline bundle is marked
// "X-Equalcity-Offline: bundle" (shown as stale), and "no-data" when none holds it (onNoData).
// With preview (a token the admin's preview writes into the page), every request carries it in
// the X-Equalcity-Preview header (never in a URL) and the API answers the draft it names in
// place of the live object; answers are then never kept, not even in memory. draft() asks the
// GraphQL endpoint for the same draft: preview(token).

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail || `The service answered ${status}.`);
    this.status = status;
  }
}

export const PREVIEW_HEADER = "X-Equalcity-Preview";

export function createApi({ apiBase, key, keepLast = false, onStale = () => {}, onNoData = () => {}, preview = null }) {
  const last = new Map();
  const keep = keepLast && !preview;

  function request(path, params = {}) {
    const url = new URL(`/api/v1/${path}`, apiBase);
    for (const [name, value] of Object.entries(params)) {
      if (value !== undefined && value !== null && value !== "") {
        url.searchParams.set(name, value);
      }
    }
    const headers = { Authorization: `Bearer ${key}`, Accept: "application/json" };
    if (preview) {
      headers[PREVIEW_HEADER] = preview;
    }
    const init = { method: "GET", headers, mode: "cors", credentials: "omit", referrerPolicy: "no-referrer", cache: "no-store" };
    return { url, headers, init };
  }

  async function send(path, { params = {}, body = null } = {}) {
    const { url, headers, init } = request(path, params);
    if (body) {
      init.method = "POST";
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const remembered = body ? null : url.href;
    let response;
    try {
      response = await fetch(url.href, init);
    } catch (error) {
      return fallback(remembered, error);
    }
    const offline = response.headers.get("X-Equalcity-Offline");
    if (offline === "no-data") {
      onNoData();
    }
    if (response.status >= 500) {
      return fallback(remembered, new ApiError(response.status));
    }
    const data = await response.json().catch(() => null);
    if (!response.ok) {
      throw new ApiError(response.status, data && data.detail);
    }
    if (keep && remembered) {
      last.set(remembered, data);
    }
    onStale(offline === "bundle");
    return data;
  }

  function fallback(remembered, error) {
    if (keep && remembered && last.has(remembered)) {
      onStale(true);
      return last.get(remembered);
    }
    throw error;
  }

  // The draft the preview token names, over GraphQL, with the fields ``selection`` asks of
  // each type (e.g. "... on Toolbox { title }"); null for a token that is not valid (any more).
  async function draft(selection) {
    if (!preview) {
      throw new Error("This client has no preview token.");
    }
    const url = new URL("/api/graphql/", apiBase);
    const body = JSON.stringify({
      query: `query Preview($token: String!) { preview(token: $token) { __typename ${selection} } }`,
      variables: { token: preview },
    });
    const headers = { Authorization: `Bearer ${key}`, Accept: "application/json", "Content-Type": "application/json" };
    const response = await fetch(url.href, { method: "POST", headers, body, mode: "cors", credentials: "omit", referrerPolicy: "no-referrer", cache: "no-store" });
    const data = await response.json().catch(() => null);
    if (!response.ok || !data || data.errors) {
      throw new ApiError(response.status, data && data.errors && data.errors[0].message);
    }
    return data.data.preview;
  }

  return {
    draft,
    get: (path, params) => send(path, { params }),
    post: (path, body) => send(path, { body }),
    // Drops the answers kept in memory (something they held was taken down).
    forget: () => last.clear(),
    // Asks for a resource only for the service worker to keep (an offline bundle): true when
    // the server answered it (200 or 304).
    prefetch: async (path) => {
      const { url, init } = request(path);
      try {
        const response = await fetch(url.href, init);
        return response.ok || response.status === 304;
      } catch {
        return false;
      }
    },
  };
}
