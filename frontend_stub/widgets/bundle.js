// Signed offline bundles (GET /api/v1/bundles/{city}/{locale}): checked before any use.
//
// A bundle is {manifest: "<JSON text>", signature: "<base64>", parts: {"<request>": "<JSON
// text>"}}. The signature is Ed25519 over the manifest text's UTF-8 bytes; the manifest names
// each part's sha256. verifyBundle() checks the signature with the pinned public key, then
// every part's hash, and only then returns what the bundle holds; anything else throws.

export class BundleInvalid extends Error {}

const encoder = new TextEncoder();

function fromBase64(text) {
  const binary = atob(text);
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

function hex(buffer) {
  return [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

export async function verifyBundle(bundle, publicKey, subtle = globalThis.crypto.subtle) {
  if (!bundle || typeof bundle.manifest !== "string" || typeof bundle.signature !== "string" || !bundle.parts) {
    throw new BundleInvalid("Not a bundle.");
  }
  let valid = false;
  try {
    const key = await subtle.importKey("raw", fromBase64(publicKey), { name: "Ed25519" }, false, ["verify"]);
    valid = await subtle.verify({ name: "Ed25519" }, key, fromBase64(bundle.signature), encoder.encode(bundle.manifest));
  } catch {
    valid = false;
  }
  if (!valid) throw new BundleInvalid("The bundle's signature does not verify.");
  const manifest = JSON.parse(bundle.manifest);
  const names = Object.keys(manifest.parts || {});
  if (names.length !== Object.keys(bundle.parts).length) throw new BundleInvalid("The bundle's parts differ from its manifest.");
  for (const name of names) {
    const text = bundle.parts[name];
    if (typeof text !== "string" || hex(await subtle.digest("SHA-256", encoder.encode(text))) !== manifest.parts[name]) {
      throw new BundleInvalid(`The part ${name} does not match its hash.`);
    }
  }
  return { manifest, parts: bundle.parts };
}

// How a bundle names the answer to a request: the path under /api/v1/ and its sorted
// parameters (cms/delivery/bundles.py part_name).
export function partName(url) {
  const path = url.pathname.replace(/^\/api\/v1\//, "").replace(/\/$/, "");
  const params = [...url.searchParams].sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1));
  const query = new URLSearchParams(params).toString();
  return query ? `${path}?${query}` : path;
}
