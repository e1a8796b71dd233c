// Saves a progress update's draft while the lead officer writes, so nothing is lost if the
// page is closed. It only enhances: the form's own "Save draft" button does the same without
// JavaScript. Every word shown comes from the page (data-autosave-* attributes rendered in the
// person's language) or from the server's answer, never from this file.
//
// The form says where and how often to save:
//   data-autosave-url       the endpoint (views/autosave.py), answering JSON
//   data-autosave-delay     milliseconds of quiet after the last keystroke before saving
//   data-autosave-interval  the shortest time between two saves, in milliseconds
// Both timings are read each time a save is planned, so a test can shorten them.

const form = document.querySelector("form[data-autosave-url]");
if (form) {
  const status = form.querySelector("[data-autosave-status]");
  const version = form.querySelector("input[name=version]");
  let timer = null;
  let lastSave = 0;
  let saving = null; // the save under way, so a submit can wait for it
  let again = false; // a save was due while another was in flight: start it when that ends
  let stopped = false;
  let changed = false;

  const number = (name, fallback) => {
    const value = Number.parseInt(form.dataset[name] ?? "", 10);
    return Number.isFinite(value) && value >= 0 ? value : fallback;
  };

  const say = (text, problem = false) => {
    status.textContent = text;
    status.classList.toggle("govuk-error-message", problem);
  };

  const body = () => {
    const data = new FormData(form);
    data.delete("intent");
    return data;
  };

  const stop = (text) => {
    stopped = true;
    window.clearTimeout(timer);
    say(text, true);
  };

  // Resolves to true once what was typed is kept (or there was nothing to keep).
  const save = async () => {
    timer = null;
    if (stopped || !changed) return !stopped;
    changed = false;
    lastSave = Date.now();
    say(form.dataset.autosaveSaving ?? "");
    let response;
    try {
      response = await fetch(form.dataset.autosaveUrl, {
        method: "POST",
        body: body(),
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
    } catch {
      changed = true; // keep the changes for the next attempt
      say(form.dataset.autosaveFailed ?? "", true);
      return false;
    }
    const answer = await response.json().catch(() => ({}));
    // A page that is not our JSON (say, the sign-in page after the session ended) is a failure.
    if (response.ok && Number.isInteger(answer.version)) {
      version.value = String(answer.version);
      say(answer.saved_at ?? "");
      return true;
    }
    const reasons = Array.isArray(answer.errors) ? answer.errors.join(" ") : "";
    const message = reasons || form.dataset.autosaveFailed || "";
    // Somebody else saved it (409), the person may no longer write (403), or the answer is not
    // ours (the sign-in page after the session ended): stop, and let the person decide.
    // A server fault or a refused value only pauses saving until the next change.
    if (response.status === 409 || response.status === 403) {
      stop(message);
    } else if (response.status >= 500) {
      changed = true; // a passing fault (a restart, say): keep the changes for the next attempt
      say(form.dataset.autosaveFailed ?? "", true);
    } else if (!reasons) {
      stop(message);
    } else {
      say(message, true); // a refused value: saved again once the person changes something
    }
    return false;
  };

  const plan = () => {
    if (stopped) return;
    changed = true;
    window.clearTimeout(timer);
    const quiet = number("autosaveDelay", 3000);
    const spacing = number("autosaveInterval", 15000);
    const wait = Math.max(quiet, lastSave + spacing - Date.now());
    timer = window.setTimeout(start, wait);
  };

  // One save at a time: a save started while another is in flight would carry the version the
  // page had before the first answered, and a slow server would turn the person's own typing
  // into a conflict with themselves. A change made meanwhile is saved once the first ends.
  const start = () => {
    timer = null;
    if (saving) {
      again = true;
      return saving;
    }
    saving = save().finally(() => {
      saving = null;
      if (again) {
        again = false;
        if (changed && !stopped) start();
      }
    });
    return saving;
  };

  form.addEventListener("input", plan);
  form.addEventListener("change", plan);

  // The evidence forms below reload the page: save what has been typed first, so adding a
  // link or a file never loses it. If the draft cannot be saved, the page stays as it is, with
  // the reason in the status line, and the person can press "Save draft".
  for (const other of document.querySelectorAll("form[data-saves-draft-first]")) {
    other.addEventListener("submit", (event) => {
      if (stopped || (!changed && !saving)) return;
      event.preventDefault();
      window.clearTimeout(timer);
      const submitter = event.submitter;
      // Let a save under way finish, then keep anything typed since (one save at a time).
      const pending = (saving ?? Promise.resolve(true)).then((ok) => (ok ? start() : false));
      pending.then((kept) => {
        if (!kept) return;
        stopped = true; // the page is about to reload; nothing more to plan
        other.requestSubmit(submitter);
      });
    });
  }

  // Submitting or pressing "Save draft" sends the whole form anyway: cancel the planned save,
  // and let one already under way finish first so the form carries the version it produced.
  form.addEventListener("submit", (event) => {
    window.clearTimeout(timer);
    stopped = true;
    if (!saving) return;
    event.preventDefault();
    const submitter = event.submitter;
    saving.finally(() => form.requestSubmit(submitter));
  });
}
