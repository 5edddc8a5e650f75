// Takedowns (GET /api/v1/takedowns): what was taken down in an emergency must leave every
// screen at once. A page polls the feed every poll_seconds (30, the server's answer says), from
// the cursor of its last answer; on news, onTakedown(entries) removes what it shows (the
// widgets and the kiosk render again, the kiosk empties its offline store first). One watcher
// per page and API, however many widgets it holds.

const watched = new WeakSet();

export function watchTakedowns(api, onTakedown) {
  if (watched.has(api)) return;
  watched.add(api);
  let cursor = null;
  let seconds = 30;
  const poll = async () => {
    try {
      const answer = await api.get("takedowns", cursor === null ? {} : { since: cursor });
      seconds = Number(answer.poll_seconds) || seconds;
      // The first answer sets the starting point: what the page loaded is already without it.
      if (cursor !== null && answer.takedowns.length) {
        await onTakedown(answer.takedowns);
      }
      cursor = answer.cursor;
    } catch {
      // No network: ask again at the next poll.
    }
    setTimeout(poll, seconds * 1000);
  };
  poll();
}
