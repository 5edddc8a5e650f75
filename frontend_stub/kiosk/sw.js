// The kiosk's service worker (registered by kiosk.js as /kiosk/sw.js?key=<public key>, a
// module): the kiosk keeps working after a reload without network.
//
// - The shell (the kiosk page and its modules) is kept, and served when the network fails.
// - The signed bundles of the kiosk's city, one per language, fetched by the kiosk on its own
//   schedule for every language (never the reader's choice), are verified before they are kept
//   and again before each use; one that fails is thrown away.
// - Without network, a widget request is answered from the verified bundle's part for it,
//   marked "X-Equalcity-Offline: bundle"; when no verified bundle holds it, a 503 marked
//   "no-data", and the kiosk says it has no information rather than show anything unverified.
// - What a reader asks for is passed to the network and never kept: no search, no filter, no
//   position, no chosen language is written anywhere.
import { partName, verifyBundle } from "/widgets/v1/bundle.js";

const PUBLIC_KEY = new URL(self.location.href).searchParams.get("key");
const SHELL = "equalcity-kiosk-shell-v2";
const BUNDLES = "equalcity-kiosk-bundles-v1";
const SHELL_FILES = [
  "/kiosk/kiosk.js",
  "/kiosk/kiosk.css",
  "/widgets/v1/api.js",
  "/widgets/v1/blocks.js",
  "/widgets/v1/bundle.js",
  "/widgets/v1/dom.js",
  "/widgets/v1/helplines.js",
  "/widgets/v1/lang.js",
  "/widgets/v1/quick-exit.js",
  "/widgets/v1/safe-spaces.js",
  "/widgets/v1/sanitize.js",
  "/widgets/v1/strings.js",
  "/widgets/v1/styles.js",
  "/widgets/v1/takedowns.js",
  "/widgets/v1/toolbox.js",
  "/widgets/v1/ui.js",
  "/widgets/v1/widgets.js",
];

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const shell = await caches.open(SHELL);
    await shell.addAll(SHELL_FILES);
    // The kiosk pages open now: the page that registered this worker among them.
    const pages = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
    for (const page of pages) {
      const url = new URL(page.url);
      if (url.pathname === "/kiosk/") await shell.add(url.href).catch(() => {});
    }
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name !== SHELL && name !== BUNDLES) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

function json(status, body, offline) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", "X-Equalcity-Offline": offline },
  });
}

async function fromNetworkOrShell(request) {
  const shell = await caches.open(SHELL);
  try {
    const response = await fetch(request);
    if (response.ok) await shell.put(request.url, response.clone());
    return response;
  } catch (error) {
    const kept = await shell.match(request.url);
    if (kept) return kept;
    throw error;
  }
}

async function checked(response) {
  try {
    return await verifyBundle(await response.clone().json(), PUBLIC_KEY);
  } catch {
    return null;
  }
}

// The kiosk asks for a bundle: revalidated with the kept one's ETag, kept only when verified.
async function bundle(request) {
  const store = await caches.open(BUNDLES);
  const kept = await store.match(request.url);
  const headers = new Headers(request.headers);
  if (kept && kept.headers.get("ETag")) headers.set("If-None-Match", kept.headers.get("ETag"));
  let response;
  try {
    response = await fetch(request.url, { headers, cache: "no-store", credentials: "omit", referrerPolicy: "no-referrer" });
  } catch {
    return kept || json(503, { detail: "No connection." }, "no-data");
  }
  if (response.status === 304 && kept) return kept;
  if (!response.ok) return response;
  if (await checked(response)) {
    await store.put(request.url, response.clone());
    return response;
  }
  await store.delete(request.url);
  return json(502, { detail: "The bundle's signature does not verify: it was discarded." }, "no-data");
}

// Without network: the part a verified bundle holds for this request, or "no data".
async function offlineAnswer(request) {
  const url = new URL(request.url);
  const name = partName(url);
  const locale = url.searchParams.get("locale");
  const store = await caches.open(BUNDLES);
  for (const key of await store.keys()) {
    const [, , , , , bundleLocale] = new URL(key.url).pathname.split("/");
    if (locale && bundleLocale !== locale) continue;
    const verified = await checked(await store.match(key));
    if (!verified) {
      await store.delete(key);
      continue;
    }
    if (name in verified.parts) {
      return new Response(verified.parts[name], {
        headers: { "Content-Type": "application/json", "X-Equalcity-Offline": "bundle" },
      });
    }
  }
  return json(503, { detail: "No information is available offline." }, "no-data");
}

async function widgetRequest(request) {
  try {
    return await fetch(request);
  } catch {
    return offlineAnswer(request);
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/api/v1/bundles/") && url.pathname !== "/api/v1/bundles/key") {
    event.respondWith(bundle(request));
  } else if (url.pathname.startsWith("/api/v1/widgets/")) {
    event.respondWith(widgetRequest(request));
  } else if (url.pathname === "/kiosk/" || SHELL_FILES.includes(url.pathname)) {
    event.respondWith(fromNetworkOrShell(request));
  }
});
