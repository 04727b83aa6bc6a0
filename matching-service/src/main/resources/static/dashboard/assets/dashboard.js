// The coordinator dashboard. Everything shown arrives as "snapshot" events on /api/v1/dashboard/stream; actions are
// the same API calls any coordinator client makes, authenticated by the session cookie plus the CSRF header.
// Text from the server is only ever set with textContent, never parsed as HTML.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { source: null, charts: {}, assigning: null };

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
  return match ? decodeURIComponent(match[1]) : "";
}

async function call(method, url, body) {
  const response = await fetch(url, {
    method,
    credentials: "same-origin",
    headers: Object.assign(
      { "Accept": "application/json, application/problem+json", "X-XSRF-TOKEN": csrfToken() },
      body === undefined ? {} : { "Content-Type": "application/json" }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const fieldErrors = json && json.errors ? " " + json.errors.map((e) => e.field + " " + e.message).join("; ") : "";
    throw new Error((json && (json.detail || json.title)) || response.statusText + fieldErrors);
  }
  return json;
}

function announce(message, kind) {
  const out = $("action-result");
  out.dataset.kind = kind || "ok";
  out.textContent = message;
}

function duration(seconds) {
  if (seconds === null || seconds === undefined) return "–";
  if (seconds < 60) return seconds + " s";
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return minutes + " min";
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return hours + " h " + (minutes % 60) + " min";
  return Math.floor(hours / 24) + " d " + (hours % 24) + " h";
}

function when(instant) {
  return instant ? new Date(instant).toLocaleString([], { dateStyle: "short", timeStyle: "short" }) : "";
}

function text(id, value) {
  $(id).textContent = value;
}

function cell(row, index, value, className) {
  while (row.cells.length <= index) row.insertCell();
  const td = row.cells[index];
  if (td.textContent !== String(value)) td.textContent = value;
  if (className) td.className = className;
  return td;
}

function actionCell(row, index, label, describedBy, onClick) {
  while (row.cells.length <= index) row.insertCell();
  const td = row.cells[index];
  let button = td.querySelector("button");
  if (!button) {
    button = document.createElement("button");
    button.type = "button";
    button.textContent = label;
    button.addEventListener("click", () => onClick(button));
    td.appendChild(button);
  }
  button.setAttribute("aria-label", label + " " + describedBy);
  return td;
}

// Rows are kept by key and updated in place, so a button a keyboard user has focused survives every update.
function syncRows(tableId, emptyId, items, keyOf, fill) {
  const body = $(tableId).tBodies[0];
  const wanted = new Map(items.map((item) => [keyOf(item), item]));
  for (const row of Array.from(body.rows)) {
    if (!wanted.has(row.dataset.key)) row.remove();
  }
  let previous = null;
  for (const [key, item] of wanted) {
    let row = body.querySelector(`tr[data-key="${CSS.escape(key)}"]`);
    if (!row) {
      row = document.createElement("tr");
      row.dataset.key = key;
    }
    fill(row, item);
    const expectedPosition = previous ? previous.nextSibling : body.firstChild;
    if (row !== expectedPosition) body.insertBefore(row, expectedPosition);
    previous = row;
  }
  $(emptyId).hidden = items.length > 0;
  $(tableId).hidden = items.length === 0;
}

function render(snapshot) {
  for (const [stateName, count] of Object.entries(snapshot.openRequests)) {
    const dd = document.querySelector(`#open-requests dd[data-state="${stateName}"]`);
    if (dd) dd.textContent = count;
  }
  text("active-matches", snapshot.activeMatches);
  text("paused-matches", snapshot.pausedMatches);

  text("ttm-p50", snapshot.timeToMatch.matched ? duration(snapshot.timeToMatch.p50Seconds) : "–");
  text("ttm-p90", snapshot.timeToMatch.matched ? duration(snapshot.timeToMatch.p90Seconds) : "–");
  text("ttm-count", snapshot.timeToMatch.matched);
  const o = snapshot.outcomes;
  const answered = o.accepted + o.declined + o.expired;
  text("rate-accepted", answered ? o.acceptanceRate + " %" : "–");
  text("rate-declined", answered ? o.declineRate + " %" : "–");
  text("rate-expired", answered ? o.expiryRate + " %" : "–");

  const m = snapshot.mentors;
  text("slots-used", m.slotsUsed);
  text("slots-total", m.slotsTotal);
  $("utilisation").value = m.utilisation;
  text("utilisation-label", m.utilisation + " % utilised");
  text("mentors-approved", m.approved);
  text("mentors-paused", m.paused);
  text("mentors-suspended", m.suspended);
  text("mentors-pending", m.pendingApproval);

  text("alerts-awaiting", snapshot.alertsAwaiting);
  $("alerts-awaiting").dataset.urgent = snapshot.alertsAwaiting > 0;
  syncRows("alerts-table", "alerts-empty", snapshot.alerts, (a) => a.id, (row, a) => {
    row.dataset.awaiting = a.awaitingAcknowledgement;
    cell(row, 0, when(a.raisedAt));
    cell(row, 1, a.kind === "URGENT_SUPPORT" ? "Urgent support" : "Report", "kind-" + a.kind);
    cell(row, 2, a.kind === "URGENT_SUPPORT" ? "newcomer " + a.personId : a.personId + " reported " + a.subjectId, "id");
    cell(row, 3, a.awaitingAcknowledgement ? "Awaiting acknowledgement"
      : "Acknowledged by " + a.acknowledgedBy + " " + when(a.acknowledgedAt));
    if (a.awaitingAcknowledgement) {
      actionCell(row, 4, "Acknowledge", "alert about " + a.personId, (button) => acknowledge(a.id, button));
    } else {
      cell(row, 4, "");
    }
  });

  syncRows("pending-table", "pending-empty", snapshot.pendingApproval, (p) => p.mentorId, (row, p) => {
    cell(row, 0, p.mentorId, "id");
    cell(row, 1, (p.languages || []).join(", "));
    cell(row, 2, p.capacity === null ? "" : p.capacity);
    actionCell(row, 3, "Approve", "mentor " + p.mentorId, (button) => approve(p.mentorId, button));
  });

  text("waitlist-total", snapshot.waitlistTotal);
  syncRows("waitlist-table", "waitlist-empty", snapshot.waitlist, (w) => w.requestId, (row, w) => {
    cell(row, 0, w.newcomerId, "id");
    cell(row, 1, duration(w.waitingSeconds));
    cell(row, 2, (w.reasons || []).join("; "));
    actionCell(row, 3, "Assign…", "a mentor to newcomer " + w.newcomerId, () => openAssign(w));
  });

  syncRows("matches-table", "matches-empty", snapshot.recentMatches, (x) => x.matchId, (row, x) => {
    cell(row, 0, x.newcomerId, "id");
    cell(row, 1, x.mentorId, "id");
    cell(row, 2, x.status === "ACTIVE" ? "Active" : "Paused");
    if (x.status === "ACTIVE") {
      actionCell(row, 3, "Pause", "match of " + x.newcomerId + " and " + x.mentorId, (button) => pause(x.matchId, button));
    } else {
      cell(row, 3, "");
    }
  });

  renderGroups(snapshot.waitByGroup);
  renderActivity(snapshot.activity);
  renderCharts(snapshot);
}

function renderGroups(breakdowns) {
  const container = $("groups");
  container.replaceChildren();
  for (const breakdown of breakdowns) {
    const table = document.createElement("table");
    const caption = table.createCaption();
    caption.textContent = "By " + breakdown.dimension
      + (breakdown.suppressedGroups ? " (" + breakdown.suppressedGroups + " small groups not shown)" : "");
    const head = table.createTHead().insertRow();
    for (const title of [breakdown.dimension, "People", "Median wait"]) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = title.charAt(0).toUpperCase() + title.slice(1);
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const group of breakdown.rows) {
      const row = body.insertRow();
      row.insertCell().textContent = group.group;
      row.insertCell().textContent = group.people;
      row.insertCell().textContent = duration(group.medianWaitSeconds);
    }
    if (breakdown.rows.length === 0) {
      body.insertRow().insertCell().textContent = "No group large enough to show.";
    }
    container.appendChild(table);
  }
}

function renderActivity(activity) {
  const list = $("activity");
  const items = activity.map((entry) => {
    const li = document.createElement("li");
    const time = document.createElement("time");
    time.dateTime = entry.at;
    time.textContent = when(entry.at);
    li.append(time, entry.text);
    return li;
  });
  list.replaceChildren(...items);
}

function chart(id, type, labels, data, colors) {
  if (typeof Chart === "undefined") return;
  const existing = state.charts[id];
  if (existing) {
    existing.data.labels = labels;
    existing.data.datasets[0].data = data;
    existing.update("none");
    return;
  }
  state.charts[id] = new Chart($(id), {
    type,
    data: { labels, datasets: [{ data, backgroundColor: colors }] },
    options: {
      animation: false,
      maintainAspectRatio: false,
      plugins: { legend: { display: type === "doughnut", position: "right" } },
      scales: type === "bar" ? { y: { beginAtZero: true, ticks: { precision: 0 } } } : {},
    },
  });
}

function renderCharts(snapshot) {
  const states = Object.keys(snapshot.openRequests);
  chart("requests-chart", "bar", states.map((s) => s.charAt(0) + s.slice(1).toLowerCase()),
    states.map((s) => snapshot.openRequests[s]), ["#4a5360", "#0b5cab", "#6a4c93", "#a4161a"]);
  const o = snapshot.outcomes;
  chart("outcomes-chart", "doughnut", ["Accepted", "Declined", "Expired"], [o.accepted, o.declined, o.expired],
    ["#1e6b34", "#a4161a", "#8a6d00"]);
  const languages = snapshot.waitByGroup.find((b) => b.dimension === "language") || { rows: [] };
  chart("groups-chart", "bar", languages.rows.map((r) => r.group),
    languages.rows.map((r) => Math.round(r.medianWaitSeconds / 60)), "#0b5cab");
}

async function acknowledge(alertId, button) {
  button.disabled = true;
  try {
    const alert = await call("POST", `/api/v1/alerts/${encodeURIComponent(alertId)}/acknowledge`, {});
    announce("Alert acknowledged by " + alert.acknowledgedBy + ".");
  } catch (error) {
    announce("Could not acknowledge: " + error.message, "error");
    button.disabled = false;
  }
}

async function approve(mentorId, button) {
  button.disabled = true;
  try {
    await call("POST", `/api/v1/dashboard/mentors/${encodeURIComponent(mentorId)}/approve`);
    announce("Mentor " + mentorId + " approved.");
  } catch (error) {
    announce("Could not approve " + mentorId + ": " + error.message, "error");
    button.disabled = false;
  }
}

async function pause(matchId, button) {
  button.disabled = true;
  try {
    await call("POST", `/api/v1/matches/${encodeURIComponent(matchId)}/pause`);
    announce("Match paused.");
  } catch (error) {
    announce("Could not pause: " + error.message, "error");
    button.disabled = false;
  }
}

async function openAssign(waiting) {
  state.assigning = waiting;
  text("assign-newcomer", waiting.newcomerId);
  text("assign-error", "");
  $("assign-reason").value = "";
  const container = $("assign-options");
  container.replaceChildren();
  $("assign-dialog").showModal();
  try {
    const options = await call("GET", `/api/v1/match-requests/${encodeURIComponent(waiting.requestId)}/assignment-options`);
    if (options.length === 0) {
      container.textContent = "No approved mentor to offer.";
    }
    options.forEach((option, index) => {
      const label = document.createElement("label");
      label.className = "option";
      const radio = document.createElement("input");
      radio.type = "radio";
      radio.name = "mentor";
      radio.value = option.mentorId;
      radio.dataset.override = option.violations.length > 0;
      // A pair no override may lift (a report's block, a mentor not approved, no free slot) is shown, not offered.
      radio.disabled = !option.overridable;
      radio.checked = index === 0 && option.overridable;
      const explanation = document.createElement("small");
      explanation.textContent = option.violations.length > 0
        ? (option.overridable ? "Does not fit: " : "Cannot be assigned: ") + option.violations.join("; ")
        : "Score " + option.score + ": " + option.reasons.join("; ")
          + (option.relaxedPreferences.length ? " (relaxed: " + option.relaxedPreferences.join(", ") + ")" : "");
      label.append(radio, " ", option.mentorId, explanation);
      container.appendChild(label);
    });
  } catch (error) {
    text("assign-error", error.message);
  }
}

async function submitAssign(event) {
  event.preventDefault();
  const chosen = document.querySelector('#assign-options input[name="mentor"]:checked');
  if (!chosen) {
    text("assign-error", "Choose a mentor.");
    return;
  }
  const override = chosen.dataset.override === "true";
  const reason = $("assign-reason").value.trim();
  try {
    await call("POST", `/api/v1/match-requests/${encodeURIComponent(state.assigning.requestId)}/assign`,
      { mentorId: chosen.value, override, reason: reason || null });
    $("assign-dialog").close();
    announce("Mentor " + chosen.value + " proposed to " + state.assigning.newcomerId + ".");
  } catch (error) {
    text("assign-error", error.message);
  }
}

function connect() {
  if (state.source) state.source.close();
  const windowLabel = $("window").value;
  const connection = $("connection");
  const source = new EventSource(`/api/v1/dashboard/stream?window=${encodeURIComponent(windowLabel)}`);
  state.source = source;
  source.addEventListener("snapshot", (event) => {
    render(JSON.parse(event.data));
    connection.dataset.state = "live";
    connection.textContent = "Live · updated " + new Date().toLocaleTimeString();
  });
  source.onerror = async () => {
    connection.dataset.state = "lost";
    connection.textContent = "Connection lost, reconnecting…";
    if (source.readyState === EventSource.CLOSED) {
      // Not a network blip: the session may have ended. Find out, and either sign in again or retry.
      const probe = await fetch("/api/v1/dashboard", { credentials: "same-origin" });
      if (probe.status === 401 || probe.redirected) {
        connection.textContent = "Signed out. Reload the page to sign in again.";
      } else {
        setTimeout(connect, 3000);
      }
    }
  };
}

document.addEventListener("DOMContentLoaded", () => {
  $("logout-csrf").value = csrfToken();
  $("window").addEventListener("change", connect);
  $("assign-form").addEventListener("submit", submitAssign);
  $("assign-cancel").addEventListener("click", () => $("assign-dialog").close());
  connect();
});
