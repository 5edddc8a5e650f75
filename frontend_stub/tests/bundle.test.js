// Offline bundles: the kiosk uses one only when its Ed25519 signature and every part's sha256
// check out with the pinned public key (widgets/bundle.js).
import assert from "node:assert/strict";
import { createHash, webcrypto } from "node:crypto";
import { test } from "node:test";

const { BundleInvalid, partName, verifyBundle } = await import("../widgets/bundle.js");
const { subtle } = webcrypto;

const sha256 = (text) => createHash("sha256").update(text, "utf8").digest("hex");
const base64 = (bytes) => Buffer.from(bytes).toString("base64");

async function signedBundle(parts) {
  const keys = await subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"]);
  const hashes = Object.fromEntries(Object.entries(parts).map(([name, text]) => [name, sha256(text)]));
  const manifest = JSON.stringify({ format: 1, city: "brussels", locale: "ar", version: "v", parts: hashes });
  const signature = await subtle.sign({ name: "Ed25519" }, keys.privateKey, new TextEncoder().encode(manifest));
  const publicKey = base64(await subtle.exportKey("raw", keys.publicKey));
  return { bundle: { manifest, signature: base64(signature), parts }, publicKey };
}

const PARTS = {
  "widgets/strings?locale=ar": '{"locale":"ar","strings":{"Quick exit":"خروج سريع"}}',
  "widgets/helplines?city=brussels&locale=ar": '{"helplines":[]}',
};

test("a bundle signed with the pinned key is used, parts and manifest", async () => {
  const { bundle, publicKey } = await signedBundle(PARTS);
  const { manifest, parts } = await verifyBundle(bundle, publicKey, subtle);
  assert.equal(manifest.city, "brussels");
  assert.deepEqual(parts, PARTS);
});

test("a changed part is refused, even by one character", async () => {
  const { bundle, publicKey } = await signedBundle(PARTS);
  bundle.parts["widgets/strings?locale=ar"] = bundle.parts["widgets/strings?locale=ar"].replace("سريع", "سريع!");
  await assert.rejects(verifyBundle(bundle, publicKey, subtle), BundleInvalid);
});

test("a changed manifest, a foreign key or a forged signature is refused", async () => {
  const { bundle, publicKey } = await signedBundle(PARTS);
  const other = await signedBundle(PARTS);
  await assert.rejects(verifyBundle({ ...bundle, manifest: bundle.manifest.replace("brussels", "rome") }, publicKey, subtle), BundleInvalid);
  await assert.rejects(verifyBundle(bundle, other.publicKey, subtle), BundleInvalid);
  await assert.rejects(verifyBundle({ ...bundle, signature: other.bundle.signature }, publicKey, subtle), BundleInvalid);
  await assert.rejects(verifyBundle({ ...bundle, signature: "not base64!" }, publicKey, subtle), BundleInvalid);
});

test("a part added beside the manifest is refused", async () => {
  const { bundle, publicKey } = await signedBundle(PARTS);
  bundle.parts["widgets/safety?city=brussels"] = '{"quick_exit_url":"https://elsewhere.example"}';
  await assert.rejects(verifyBundle(bundle, publicKey, subtle), BundleInvalid);
});

test("something that is not a bundle is refused", async () => {
  const { publicKey } = await signedBundle(PARTS);
  for (const thing of [null, {}, { manifest: 1, signature: "", parts: {} }, "bundle"]) {
    await assert.rejects(verifyBundle(thing, publicKey, subtle), BundleInvalid);
  }
});

test("a request is named as the server names its part: path and sorted parameters", () => {
  const url = new URL("https://kiosk.example/api/v1/widgets/safe-spaces?per_page=100&locale=ar&city=brussels");
  assert.equal(partName(url), "widgets/safe-spaces?city=brussels&locale=ar&per_page=100");
  assert.equal(partName(new URL("https://kiosk.example/api/v1/widgets/toolboxes/safe-spaces/?locale=fr")), "widgets/toolboxes/safe-spaces?locale=fr");
  assert.equal(partName(new URL("https://kiosk.example/api/v1/widgets/strings")), "widgets/strings");
});
