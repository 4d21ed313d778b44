// The participant's phone: join with an organisation, then score lens by lens.
// Scores are kept on the phone until the server acknowledges them, so a dropped
// connection or a reload never loses one; the resume token makes a reload the same
// participant again.
(() => {
  "use strict";
  const page = JSON.parse(document.getElementById("page-data").textContent);
  const T = page.text;
  const storageKey = `facilitator:${page.code}`;
  const $ = (id) => document.getElementById(id);

  let stored = readStored();          // {resume, pending: {"round:statement": value}}
  const allLenses = page.lensSet.lenses;
  let lenses = allLenses;             // those the room scores now (one when focused)
  const scale = page.lensSet.scale;
  let scores = {};                    // this round's scores by statement
  let current = 0;
  let joined = false;
  let organisation = null;            // the one this participant takes part for
  let followUp = [];                  // agreements of an earlier session to look at again
  let flow = { phase: "lobby", round: 1, kind: "now", focus: null, rounds: [], remaining: null, my_place: false };
  const language = document.documentElement.lang || "nl";
  const plurals = new Intl.PluralRules(language);
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
  const pendingKey = (key) => `${flow.round}:${key}`;

  // WebSocket first; where a proxy refuses it (guest networks), long-polling: without
  // tryAllTransports the client would only retry WebSocket, and never connect.
  const socket = io({ autoConnect: false, transports: ["websocket", "polling"], tryAllTransports: true });
  if (stored.resume) socket.auth = { code: page.code, resume: stored.resume };

  function readStored() {
    try { return JSON.parse(localStorage.getItem(storageKey)) || { pending: {} }; }
    catch (e) { return { pending: {} }; }
  }
  function writeStored() { localStorage.setItem(storageKey, JSON.stringify(stored)); }

  function show(id) {
    for (const section of ["join", "wait", "follow-up", "score", "done", "closed"]) $(section).hidden = section !== id;
    const commenting = page.commenting.includes(flow.phase);   // the server's rule
    $("comment").hidden = !(joined && commenting && ["wait", "done"].includes(id));
    const heading = $(id).querySelector("h2");
    if (heading && id !== "join") heading.focus();
  }

  function showWithdrawCode(code) {
    for (const note of document.querySelectorAll(".withdraw-code")) {
      note.querySelector(".code-value").textContent = code || "";
      note.hidden = !code;
    }
  }

  // This phone's participant is gone (withdrawn here or deleted by the facilitator).
  function startAfresh() {
    localStorage.removeItem(storageKey);
    stored = { pending: {} };
    socket.auth = {};
    joined = false;
    organisation = null;
    scores = {};
    showWithdrawCode("");
    $("place").hidden = true;
    $("open-joined").hidden = true;
    countdown.set(null);
    $("join-note").textContent = T.withdrawn;
    $("join-note").hidden = false;
    show("join");
  }

  // --- following the room ----------------------------------------------------
  function follow(state) {
    const roundChanged = joined && state.round !== flow.round;
    flow = { phase: state.phase, round: state.round, kind: state.kind, focus: state.focus, rounds: state.rounds,
             remaining: state.remaining, my_place: state.my_place };
    countdown.set(flow.phase === "scoring" ? flow.remaining : null);
    lenses = flow.focus ? allLenses.filter((lens) => lens.key === flow.focus) : allLenses;
    if (roundChanged) { resumeJoin(); return; }   // this round's scores come with the answer
    route();
  }

  function route() {
    renderPlace();
    if (!["lobby", "scoring"].includes(flow.phase)) $("open-joined").hidden = true;   // said in time
    if (flow.phase === "closed") { show("closed"); return; }
    if (flow.phase === "scoring") {
      if (followUpFirst()) { renderFollowUp(); show("follow-up"); return; }
      const firstOpen = lenses.findIndex((lens) => lens.statements.some((s) => !(s.key in scores)));
      if (firstOpen === -1) show("done"); else { renderLens(firstOpen); show("score"); }
      return;
    }
    const [title, text] = T.wait[flow.phase];
    $("wait-title").textContent = title;
    $("wait-text").textContent = text;
    renderOrganisation();
    show("wait");
  }

  // --- the scoring timer -----------------------------------------------------
  // Shown while the room scores with a timer; screen readers hear the whole minutes and
  // the end, never every second. What they hear is the clock's minutes, rounded down
  // (4:13 → "4 minutes left", 0:40 → "less than a minute"), so the live region, read
  // whenever, never claims more time than is left.
  let told = null;   // what was last told ("up", "under" or the minutes); null: a new timer
  const countdown = Countdown((left) => {
    $("timer").hidden = left === null || !joined;
    if (left === null) { told = null; return; }
    $("timer-label").textContent = left > 0 ? T.timer.left : T.timer.up;
    $("timer-value").textContent = left > 0 ? Countdown.format(left) : "";
    $("timer").classList.toggle("up", left === 0);
    const minutes = Math.floor(left / 60);
    const said = left === 0 ? "up" : minutes === 0 ? "under" : String(minutes);
    if (told !== null && said !== told) {
      $("timer-announce").textContent = said === "up" ? T.timer.upLong
        : said === "under" ? T.timer.underMinute
        : fill(T.timer.minutes[plurals.select(minutes)] || T.timer.minutes.other, { n: minutes });
    }
    told = said;
  });

  // --- my place in the picture, after the reveal --------------------------------
  // Asked from the server for this phone alone (the acknowledgement of `place`): the own
  // lens scores beside the figures the screen shows (lenses/place.py).
  let placeAsked = null;
  function renderPlace() {
    const visible = joined && flow.my_place && ["reveal", "discussion", "closed"].includes(flow.phase);
    if (!visible) { $("place").hidden = true; placeAsked = null; return; }
    const asking = `${flow.phase}:${flow.round}`;
    if (placeAsked === asking) { $("place").hidden = false; return; }
    placeAsked = asking;
    socket.timeout(10000).emit("place", {}, (err, answer) => {
      if (err || answer.error) { placeAsked = null; $("place").hidden = true; return; }
      $("place-lenses").replaceChildren(...answer.place.map(placeLens));
      $("place-wish").hidden = flow.kind !== "future";
      const compared = answer.place.find((place) => typeof place.threshold === "number");
      $("place-rule").textContent = compared
        ? fill(T.place.rule, { t: new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(compared.threshold) })
        : "";
      $("place").hidden = answer.place.length === 0;
    });
  }

  // After a round of kind "future" the scores are a wish for a year from now: the words
  // and the own figure say so. The words' rule is the server's (lenses/place.py
  // `standing`), on the very figures written beside them (sent as shown, one decimal).
  function placeWords() {
    return flow.kind === "future" ? T.place.wish : T.place;
  }

  function placeLens(place) {
    const lens = allLenses.find((l) => l.key === place.lens);
    const name = lens ? lens.name : place.lens;
    const P = T.place;
    const W = placeWords();
    const node = document.createElement("article");
    node.className = "place-lens";
    const heading = document.createElement("h3");
    heading.textContent = name;
    const words = document.createElement("p");
    words.className = "place-words";
    words.textContent = place.own === null ? fill(P.notScored, { lens: name })
      : place.withheld ? fill(P.roomWithheld, { lens: name })
      : fill(W[place.standing] || W.about, { lens: name });
    node.append(heading, words);
    if (!place.withheld) node.append(placeBars(place));
    const figures = document.createElement("dl");
    figures.className = "place-figures";
    const add = (label, value) => {
      const dt = document.createElement("dt"); dt.textContent = label;
      const dd = document.createElement("dd"); dd.textContent = value;
      figures.append(dt, dd);
    };
    if (place.own !== null) add(W.own, number.format(place.own));
    if (place.mean !== null) add(P.mean, number.format(place.mean));
    const org = place.organisation;
    const unit = unitLabel(org);
    if (unit && org.mean !== null) add(unit, number.format(org.mean));
    else if (unit && org.withheld) add(unit, P.organisationWithheld[org.withheld] || "");
    node.append(figures);
    return node;
  }

  // Which unit of the picture the organisation's figure is of (lenses/anonymity.py
  // `units`): the own organisation, its party by name, or the pool of the others (whose
  // name in the data is Dutch: the page's words say it). None for an unknown kind.
  // A party's figure is of its members not shown on their own: they are named.
  function unitLabel(org) {
    if (org.kind !== "party") return T.place.unit[org.kind] || null;
    const label = fill(T.place.unit.party, { name: org.name });
    const members = org.organisations || [];
    return members.length ? `${label} (${members.join(", ")})` : label;
  }

  // The room's scores per point as small columns, the own score's point marked.
  function placeBars(place) {
    const most = Math.max(1, ...place.distribution);
    const own = place.own === null ? null : Math.round(place.own);
    const chart = document.createElement("div");
    chart.className = "place-bars";
    chart.setAttribute("role", "img");
    const parts = place.distribution.map((count, i) => `${scale.min + i}: ${count}`);
    chart.setAttribute("aria-label", fill(T.place.distribution, { counts: parts.join(", ") }));
    place.distribution.forEach((count, i) => {
      const point = scale.min + i;
      const column = document.createElement("span");
      column.className = point === own ? "place-bar own" : "place-bar";
      const bar = document.createElement("span");
      bar.className = "place-fill";
      bar.style.height = `${(100 * count) / most}%`;
      const label = document.createElement("span");
      label.className = "place-point";
      label.textContent = point === own ? `${point} · ${T.place.you}` : String(point);
      column.append(bar, label);
      chart.append(column);
    });
    return chart;
  }

  // --- the organisation, changeable while the room waits ----------------------
  // Offered in the phases the server allows it (page.reorganising) and before any score
  // of this round; the server also refuses after scores of an earlier round.
  function renderOrganisation() {
    $("organisation-name").textContent = organisation || "";
    const changeable = page.reorganising.includes(flow.phase) && Object.keys(scores).length === 0;
    if (!changeable) hideOrganisationForm();
    $("wait-organisation").hidden = !organisation || !$("organisation-form").hidden;
    $("change-organisation").hidden = !changeable;
  }

  $("change-organisation").addEventListener("click", () => {
    const form = $("organisation-form");
    const choices = $("join-form").querySelector(".choices").cloneNode(true);
    for (const input of choices.querySelectorAll("input")) {
      input.name = "new-organisation";
      input.checked = input.value === organisation;
    }
    $("organisation-choices").replaceChildren(choices);   // in the page only while open
    $("organisation-error").hidden = true;
    form.hidden = false;
    renderOrganisation();
    form.querySelector("input:checked, input").focus();
  });
  function hideOrganisationForm() {
    $("organisation-form").hidden = true;
    $("organisation-choices").replaceChildren();
  }
  function closeOrganisationForm() {
    hideOrganisationForm();
    renderOrganisation();
    $("change-organisation").focus();
  }
  $("organisation-cancel").addEventListener("click", closeOrganisationForm);
  $("organisation-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const choice = event.target.querySelector("input:checked");
    const error = $("organisation-error");
    if (!choice) { error.textContent = T.chooseOrganisation; error.hidden = false; return; }
    socket.timeout(10000).emit("organisation", { organisation: choice.value }, (err, answer) => {
      if (err) { error.textContent = T.offline; error.hidden = false; return; }
      if (answer.error) { error.textContent = errorText(answer); error.hidden = false; return; }
      organisation = answer.organisation;
      closeOrganisationForm();
    });
  });

  function errorText(response) {
    return T.errors[response.error.code] || response.error.message;
  }

  // --- joining -------------------------------------------------------------
  // Open attribution is chosen before anyone joins, but perhaps after this page loaded:
  // then the join answer is the first to say it, and the phone says it before a score.
  function attribution(known) {
    if (!known) return;
    if (known === "open" && page.attribution !== "open") {
      $("open-joined").firstElementChild.textContent = T.openNotice;
      $("open-joined").hidden = false;
    }
    page.attribution = known;
    $("open-notice").hidden = known !== "open";
    const anonymous = $("anonymous-note");
    if (anonymous) anonymous.hidden = known === "open";
  }

  function welcome(answer) {
    joined = true;   // the lenses stay those of the page, in the language the phone shows
    organisation = answer.organisation;
    attribution(answer.attribution);
    stored.resume = answer.resume;
    stored.pending = stored.pending || {};
    writeStored();
    socket.auth = { code: page.code, resume: answer.resume };
    showWithdrawCode(answer.withdraw_code);
    $("join-note").hidden = true;
    flow.round = answer.session.round;
    scores = Object.assign({}, answer.scores);
    followUp = answer.follow_up || [];
    stored.follow = stored.follow || {};
    for (const item of followUp) if (item.key in stored.follow) item.value = stored.follow[item.key];
    for (const [key, value] of Object.entries(stored.pending)) {
      const [round, statement] = key.split(":");
      if (Number(round) === flow.round) scores[statement] = value;
    }
    follow(answer.session);
    flushPending();
    flushFollowUp();
  }

  function resumeJoin() {
    socket.timeout(10000).emit("join", { code: page.code, resume: stored.resume, language }, (err, answer) => {
      if (err || ["internal", "too_many_attempts"].includes(answer.error && answer.error.code)) {
        setTimeout(resumeJoin, 3000);   // a passing problem: this phone is still itself
        return;
      }
      if (answer.error) {               // unknown_resume / unknown_code: start afresh
        stored = { pending: {} };
        localStorage.removeItem(storageKey);
        socket.auth = {};
        show(answer.error.code === "unknown_code" ? "closed" : "join");
        return;
      }
      welcome(answer);
    });
  }

  $("join-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const form = event.target;
    const choice = form.querySelector("input[name=organisation]:checked");
    const error = $("join-error");
    if (!choice) { error.textContent = T.chooseOrganisation; error.hidden = false; return; }
    const payload = { code: page.code, organisation: choice.value, language };
    if (form.elements.name && form.elements.name.value.trim()) payload.name = form.elements.name.value;
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    if (!socket.connected) socket.connect();   // a phone connects when it joins
    socket.timeout(10000).emit("join", payload, (err, answer) => {
      button.disabled = false;
      if (err) { error.textContent = T.offline; error.hidden = false; return; }
      if (answer.error) {
        error.textContent = errorText(answer); error.hidden = false;
        if (answer.error.code === "session_closed") show("closed");
        return;
      }
      error.hidden = true;
      welcome(answer);
    });
  });
  $("join-form").querySelector("button[type=submit]").disabled = false;

  // --- scoring -------------------------------------------------------------
  function renderLens(index) {
    current = index;
    const lens = lenses[index];
    $("round-instruction").textContent = flow.rounds.length > 1
      ? `${T.round.replace("{n}", flow.round).replace("{total}", flow.rounds.length)} — ${T.instructions[flow.kind]}`
      : "";
    $("progress").textContent = T.progress.replace("{n}", index + 1).replace("{total}", lenses.length);
    $("progress-bar").style.width = `${((index + 1) / lenses.length) * 100}%`;
    $("lens-name").textContent = lens.name;
    $("lens-question").textContent = lens.question;
    const list = $("statements");
    list.replaceChildren(...lens.statements.map(renderStatement));
    $("previous").disabled = index === 0 && !followUp.length;
    $("next").textContent = index === lenses.length - 1 ? T.finish : T.next;
  }

  function renderStatement(statement) {
    const node = $("statement-template").content.firstElementChild.cloneNode(true);
    node.dataset.statement = statement.key;
    node.querySelector("legend").textContent = statement.text;
    const row = node.querySelector(".scale");
    for (let value = scale.min; value <= scale.max; value++) {
      const label = document.createElement("label");
      const input = document.createElement("input");
      input.type = "radio";
      input.name = `s-${statement.key}`;
      input.value = String(value);
      input.checked = scores[statement.key] === value;
      const ends = { [scale.min]: scale.low, [scale.max]: scale.high };
      if (ends[value]) input.setAttribute("aria-label", `${value}: ${ends[value]}`);
      input.addEventListener("change", () => choose(statement.key, value));
      const face = document.createElement("span");
      face.textContent = String(value);
      label.append(input, face);
      row.append(label);
    }
    node.querySelector(".low").textContent = scale.low;
    node.querySelector(".high").textContent = scale.high;
    markSaved(node, statement.key);
    return node;
  }

  function statementNode(key) {
    return $("statements").querySelector(`[data-statement="${CSS.escape(key)}"]`);
  }

  function markSaved(node, key, message) {
    if (!node) return;
    const note = node.querySelector(".saved");
    if (message) { note.textContent = message; return; }
    if (pendingKey(key) in stored.pending) note.textContent = socket.connected ? T.sending : T.queued;
    else note.textContent = key in scores ? T.saved : "";
  }

  function choose(key, value) {
    scores[key] = value;
    stored.pending[pendingKey(key)] = value;
    writeStored();
    send(flow.round, key, value);
  }

  // A score is sent with its round: one queued during an earlier round is refused, not
  // counted in the next.
  function send(round, key, value) {
    const id = `${round}:${key}`;
    const here = round === flow.round;
    if (here) markSaved(statementNode(key), key);
    if (!socket.connected || !joined) return;   // flushed on (re)connect
    socket.timeout(8000).emit("score", { statement: key, value, round }, (err, answer) => {
      const retry = () => setTimeout(() => { if (stored.pending[id] === value) send(round, key, value); }, 2000);
      if (err || (answer.error && answer.error.code === "internal")) { retry(); return; }
      if (stored.pending[id] !== value) return;   // a newer choice is on its way
      delete stored.pending[id];
      writeStored();
      if (round !== flow.round) return;
      if (answer.error) {
        if (scores[key] === value) delete scores[key];   // refused: not saved, not shown as saved
        if (["session_closed", "unknown_participant"].includes(answer.error.code)) { show("closed"); return; }
        markSaved(statementNode(key), key, errorText(answer));
        return;
      }
      markSaved(statementNode(key), key);
    });
  }

  function flushPending() {
    for (const [id, value] of Object.entries(stored.pending || {})) {
      const [round, key] = id.split(":");
      if (key !== undefined) send(Number(round), key, value);
      else delete stored.pending[id];   // queued by an older version of this page
    }
  }

  $("previous").addEventListener("click", () => {
    if (current > 0) { renderLens(current - 1); $("lens-name").focus(); }
    else if (followUp.length) { renderFollowUp(); show("follow-up"); }
  });
  $("next").addEventListener("click", () => {
    if (current < lenses.length - 1) { renderLens(current + 1); $("lens-name").focus(); window.scrollTo(0, 0); }
    else show("done");
  });
  $("review").addEventListener("click", () => { renderLens(0); show("score"); });

  // --- the follow-up: how far is each agreement of last time? -----------------
  // The first step of the first round, once per phone (optional, one tap each); the
  // server takes an answer as it takes a score (while the room scores).
  function followUpFirst() {
    const first = flow.rounds.length ? flow.rounds[0].number : 1;
    return followUp.length > 0 && !stored.followSeen && flow.round === first;
  }

  const dayFormat = new Intl.DateTimeFormat(document.documentElement.lang || "nl", { dateStyle: "long" });
  function renderFollowUp() {
    $("follow-up-items").replaceChildren(...followUp.map((item) => {
      const node = $("follow-up-template").content.firstElementChild.cloneNode(true);
      node.dataset.agreement = String(item.key);
      node.querySelector("legend").textContent = item.text;
      const meta = [item.lens_name];
      if (item.who) meta.push(T.followUpMeta.who.replace("{who}", item.who));
      if (item.due) meta.push(T.followUpMeta.due.replace("{due}", dayFormat.format(new Date(`${item.due}T12:00:00`))));
      node.querySelector(".follow-up-meta").textContent = meta.join(" · ");
      const row = node.querySelector(".scale");
      for (const [value, text] of page.followUpLabels) {
        const label = document.createElement("label");
        const input = document.createElement("input");
        input.type = "radio";
        input.name = `f-${item.key}`;
        input.value = value;
        input.checked = item.value === value;
        input.addEventListener("change", () => chooseFollowUp(item, value));
        const face = document.createElement("span");
        face.textContent = text;
        label.append(input, face);
        row.append(label);
      }
      markFollowUp(item);
      return node;
    }));
  }

  function markFollowUp(item, message) {
    const node = $("follow-up-items").querySelector(`[data-agreement="${item.key}"]`);
    if (!node) return;
    const note = node.querySelector(".saved");
    if (message) note.textContent = message;
    else if (item.key in stored.follow) note.textContent = socket.connected ? T.sending : T.queued;
    else note.textContent = item.value ? T.saved : "";
  }

  function chooseFollowUp(item, value) {
    item.value = value;
    stored.follow[item.key] = value;
    writeStored();
    sendFollowUp(item, value);
  }

  function sendFollowUp(item, value) {
    markFollowUp(item);
    if (!socket.connected || !joined) return;   // flushed on (re)connect
    socket.timeout(8000).emit("follow_up", { agreement: item.key, value }, (err, answer) => {
      if (err || (answer.error && answer.error.code === "internal")) {
        setTimeout(() => { if (stored.follow[item.key] === value) sendFollowUp(item, value); }, 2000);
        return;
      }
      if (stored.follow[item.key] !== value) return;   // a newer choice is on its way
      delete stored.follow[item.key];
      writeStored();
      if (answer.error) { item.value = null; markFollowUp(item, errorText(answer)); return; }
      markFollowUp(item);
    });
  }

  function flushFollowUp() {
    for (const item of followUp) if (item.key in stored.follow) sendFollowUp(item, stored.follow[item.key]);
  }

  $("follow-up-next").addEventListener("click", () => {
    stored.followSeen = true;
    writeStored();
    const firstOpen = lenses.findIndex((lens) => lens.statements.some((s) => !(s.key in scores)));
    renderLens(firstOpen === -1 ? 0 : firstOpen);
    show("score");
    window.scrollTo(0, 0);
  });

  // --- comments --------------------------------------------------------------
  $("comment-lens").replaceChildren(...allLenses.map((lens) => {
    const option = document.createElement("option");
    option.value = lens.key;
    option.textContent = lens.name;
    return option;
  }));
  $("comment-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const status = $("comment-status");
    const text = $("comment-text").value.trim();
    if (!text) { status.textContent = T.commentEmpty; return; }
    status.textContent = T.sending;
    socket.timeout(10000).emit("comment", { lens: $("comment-lens").value, text }, (err, answer) => {
      if (err) { status.textContent = T.offline; return; }
      if (answer.error) { status.textContent = errorText(answer); return; }
      $("comment-text").value = "";
      status.textContent = T.commentSent;
    });
  });
  // A message about the last attempt is stale once the comment changes.
  $("comment-text").addEventListener("input", () => { $("comment-status").textContent = ""; });
  $("withdraw").addEventListener("click", () => {
    if (!window.confirm(T.confirmWithdraw)) return;
    socket.timeout(10000).emit("leave", {}, (err, answer) => {
      if (err || answer.error) { $("connection").textContent = T.offline; return; }
      startAfresh();
    });
  });

  // --- connection ----------------------------------------------------------
  socket.on("connect", () => {
    $("connection").textContent = "";
    if (!joined && stored.resume) resumeJoin();
    else { flushPending(); flushFollowUp(); }
  });
  socket.on("disconnect", () => {
    // Not joined yet: nothing is lost, and the server closes connections that do not join
    // within FACILITATOR_SOCKET_IDLE; stay away until the participant joins.
    if (!joined && !stored.resume) { socket.disconnect(); return; }
    $("connection").textContent = T.offline;
  });
  // The facilitator ticked the follow-up anew in the lobby (before any answer). The push
  // is the same for every phone, in the session's language: a lens name this phone was
  // given in its own language (the join answer, `language`) stays.
  socket.on("follow_up", (message) => {
    const named = new Map(followUp.map((item) => [item.key, item.lens_name]));
    followUp = message.follow_up.map((item) => (named.has(item.key) ? { ...item, lens_name: named.get(item.key) } : item));
    if (!$("follow-up").hidden) renderFollowUp();
  });
  socket.on("state", (message) => {
    if (message.state === "deleted") { localStorage.removeItem(storageKey); showWithdrawCode(""); show("closed"); }
    else if (message.state === "withdrawn") startAfresh();
    else if (joined) follow(message);
  });

  if (stored.resume) $("join").hidden = true;   // shown again only if the resume fails
  else if (page.state === "closed") show("closed");
  if (stored.resume) socket.connect();   // the same participant again; others on "join"
})();
