// The incident page: each claim's text scrolled to its evidence, and the analyst's review
// actions (each posts to the API and reloads the page).
"use strict";
(function () {
  // A long article scrolls inside its box; start it at the highlighted evidence.
  for (const box of document.querySelectorAll("blockquote.text")) {
    const mark = box.querySelector("mark");
    if (mark) box.scrollTop = Math.max(0, mark.offsetTop - 24);
  }
})();
(function () {
  const section = document.querySelector("section.review");
  if (!section) return;
  const id = section.dataset.incidentId;
  const header = document.body.dataset.csrfHeader;
  const message = document.getElementById("review-message");

  function post(url, body) {
    message.textContent = "Saving…";
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", [header]: "1" },
      body: JSON.stringify(body),
    }).then((r) => r.json().then((data) => {
      if (!data.ok) throw new Error(data.error || "HTTP " + r.status);
      return data;
    })).catch((e) => { message.textContent = String(e.message || e); throw e; });
  }
  const go = (target) => { window.location.assign("/incidents/" + encodeURIComponent(target)); };

  document.getElementById("status-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    post("/api/incidents/" + encodeURIComponent(id) + "/status", {
      status: document.getElementById("status-select").value,
      reason: document.getElementById("status-reason").value,
    }).then(() => go(id));
  });
  document.getElementById("split-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const picked = Array.from(document.querySelectorAll(".split-pick:checked")).map((c) => c.value);
    post("/api/incidents/" + encodeURIComponent(id) + "/split", {
      claim_ids: picked, reason: document.getElementById("split-reason").value,
    }).then((d) => go(d.incident_id));
  });
  document.getElementById("merge-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const others = document.getElementById("merge-ids").value.split(",").map((s) => s.trim()).filter(Boolean);
    post("/api/incidents/merge", {
      incident_ids: [id].concat(others), reason: document.getElementById("merge-reason").value,
    }).then((d) => go(d.incident_id));
  });
})();
