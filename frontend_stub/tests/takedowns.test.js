// The takedown watcher: the first answer is the starting point; later entries are acted on at
// once; each poll asks from the last cursor, at the server's pace.
import assert from "node:assert/strict";
import { mock, test } from "node:test";

const { watchTakedowns } = await import("../widgets/takedowns.js");

const settle = () => new Promise((resolve) => setImmediate(resolve));

test("takedowns after the starting point are acted on, asked from the last cursor", async () => {
  mock.timers.enable({ apis: ["setTimeout"] });
  try {
    const answers = [
      { takedowns: [{ type: "safe_space", id: "old" }], cursor: 4, poll_seconds: 30 },
      { takedowns: [{ type: "safe_space", id: "new" }], cursor: 5, poll_seconds: 30 },
    ];
    const asked = [];
    const api = { get: async (path, params) => { asked.push([path, params]); return answers.shift() || { takedowns: [], cursor: 5, poll_seconds: 30 }; } };
    const seen = [];
    watchTakedowns(api, async (entries) => { seen.push(...entries.map((entry) => entry.id)); });
    await settle();
    assert.deepEqual(seen, []); // the starting point: the page loaded without it already
    mock.timers.tick(29_999);
    await settle();
    assert.equal(asked.length, 1);
    mock.timers.tick(1);
    await settle();
    assert.deepEqual(seen, ["new"]);
    assert.deepEqual(asked, [["takedowns", {}], ["takedowns", { since: 4 }]]);
    watchTakedowns(api, () => {}); // one watcher per API
    await settle();
    assert.equal(asked.length, 2);
  } finally {
    mock.timers.reset();
  }
});

test("a failed poll is tried again at the next one", async () => {
  mock.timers.enable({ apis: ["setTimeout"] });
  try {
    let calls = 0;
    const api = { get: async () => { calls += 1; if (calls === 1) throw new Error("offline"); return { takedowns: [], cursor: 0, poll_seconds: 10 }; } };
    watchTakedowns(api, () => {});
    await settle();
    mock.timers.tick(30_000);
    await settle();
    assert.equal(calls, 2);
  } finally {
    mock.timers.reset();
  }
});
