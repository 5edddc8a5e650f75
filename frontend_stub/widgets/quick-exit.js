// The quick exit: a button and Escape pressed twice leave the page at once, for the editors'
// target (or a blank page), the page around a frame included.

const DOUBLE_ESCAPE_MS = 1500;


const exitState = { url: "", top: false, listening: false, lastEscape: 0, loading: null };

export function quickExit() {
  // Hide at once: the page may take a moment to go.
  document.documentElement.style.visibility = "hidden";
  const target = exitState.url || "about:blank";
  if (exitState.top && window.top !== window) {
    try {
      window.top.location.replace(target);
      return;
    } catch {
      // A sandboxed frame may not move the page around it: leave the frame at least.
    }
  }
  window.location.replace(target);
}

function setQuickExit({ url, top }) {
  if (url) exitState.url = url;
  if (top !== undefined) exitState.top = top;
  if (!exitState.listening) {
    exitState.listening = true;
    document.addEventListener(
      "keydown",
      (event) => {
        if (event.key !== "Escape") return;
        const now = Date.now();
        if (now - exitState.lastEscape < DOUBLE_ESCAPE_MS) {
          quickExit();
        }
        exitState.lastEscape = now;
      },
      true,
    );
  }
}

// Arm the quick exit (Escape twice; top: leave the page around a frame) and read its target
// from the API once per page, however many widgets the page holds: the city's own target when
// the first widget names a city, else the site's.
export function loadQuickExit(api, { top = false, city = "" } = {}) {
  setQuickExit({ top });
  exitState.loading ||= api.get("widgets/safety", { city }).then(
    (safety) => {
      if (safety && /^https:\/\//.test(safety.quick_exit_url)) {
        setQuickExit({ url: safety.quick_exit_url });
      }
    },
    () => {
      // Without the editors' target, a quick exit still leaves: to a blank page. The next
      // widget mounted asks again.
      exitState.loading = null;
    },
  );
}
