// Keeps a progress report's job page up to date while the file is made.
//
// The page works without this: its "Check again" link reloads it. With JavaScript the page asks
// the server every two seconds instead, says each change in its status region (read out by
// screen readers) and shows the download link when the report is ready. It never reloads the
// page by itself (no <meta refresh>: WCAG 2.2.1), and it gives up quietly after repeated
// failures, leaving "Check again" in place.

const INTERVAL = 2000;
const MAX_FAILURES = 10;
const TAGS = {
  queued: "govuk-tag--grey",
  running: "govuk-tag--blue",
  done: "govuk-tag--green",
  failed: "govuk-tag--red",
};

function watch(root) {
  const url = root.dataset.statusUrl;
  const part = (name) => root.querySelector(`[data-job-${name}]`);
  const heading = part("heading");
  const tag = part("tag");
  const message = part("message");
  let failures = 0;

  function say(element, text) {
    // Setting the same words again can make a screen reader repeat them.
    if (element && text && element.textContent !== text) {
      element.textContent = text;
    }
  }

  function show(status) {
    say(message, status.message);
    say(tag, status.state_label);
    if (tag) {
      tag.className = `govuk-tag ${TAGS[status.state] || ""}`;
    }
    if (status.state === "done") {
      say(heading, heading.dataset.readyHeading);
      part("ready").hidden = false;
    } else if (status.state === "failed") {
      say(heading, heading.dataset.failedHeading);
      say(part("error"), status.error);
      part("failed").hidden = false;
    }
    if (status.finished) {
      part("check").hidden = true;
    }
    return status.finished;
  }

  async function poll() {
    try {
      const response = await fetch(url, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        cache: "no-store",
      });
      if (!response.ok) {
        throw new Error(`status ${response.status}`);
      }
      failures = 0;
      if (show(await response.json())) {
        return;
      }
    } catch {
      failures += 1;
      if (failures >= MAX_FAILURES) {
        return;
      }
    }
    window.setTimeout(poll, INTERVAL);
  }

  window.setTimeout(poll, INTERVAL);
}

for (const root of document.querySelectorAll("[data-report-job]")) {
  watch(root);
}
