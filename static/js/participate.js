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

  let stored = readStored();          // {resume, pending: {statement: value}}
  let lenses = page.lensSet.lenses;
  const scale = page.lensSet.scale;
  let scores = {};
  let current = 0;
  let joined = false;

  const socket = io({ autoConnect: false });
  if (stored.resume) socket.auth = { code: page.code, resume: stored.resume };

  function readStored() {
    try { return JSON.parse(localStorage.getItem(storageKey)) || { pending: {} }; }
    catch (e) { return { pending: {} }; }
  }
  function writeStored() { localStorage.setItem(storageKey, JSON.stringify(stored)); }

  function show(id) {
    for (const section of ["join", "score", "done", "closed"]) $(section).hidden = section !== id;
    const heading = $(id).querySelector("h2");
    if (heading && id !== "join") heading.focus();
  }

  function errorText(response) {
    return T.errors[response.error.code] || response.error.message;
  }

  // --- joining -------------------------------------------------------------
  function welcome(answer) {
    joined = true;   // the lenses stay those of the page, in the language the phone shows
    stored.resume = answer.resume;
    stored.pending = stored.pending || {};
    writeStored();
    socket.auth = { code: page.code, resume: answer.resume };
    scores = Object.assign({}, answer.scores, stored.pending);
    if (answer.session.state === "closed") { show("closed"); return; }
    const firstOpen = lenses.findIndex((lens) => lens.statements.some((s) => !(s.key in scores)));
    if (firstOpen === -1) { show("done"); } else { renderLens(firstOpen); show("score"); }
    flushPending();
  }

  function resumeJoin() {
    socket.timeout(10000).emit("join", { code: page.code, resume: stored.resume }, (err, answer) => {
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
    const payload = { code: page.code, organisation: choice.value };
    if (form.elements.name && form.elements.name.value.trim()) payload.name = form.elements.name.value;
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
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

  // --- scoring -------------------------------------------------------------
  function renderLens(index) {
    current = index;
    const lens = lenses[index];
    $("progress").textContent = T.progress.replace("{n}", index + 1).replace("{total}", lenses.length);
    $("progress-bar").style.width = `${((index + 1) / lenses.length) * 100}%`;
    $("lens-name").textContent = lens.name;
    $("lens-question").textContent = lens.question;
    const list = $("statements");
    list.replaceChildren(...lens.statements.map(renderStatement));
    $("previous").disabled = index === 0;
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
    if (key in stored.pending) note.textContent = socket.connected ? T.sending : T.queued;
    else note.textContent = key in scores ? T.saved : "";
  }

  function choose(key, value) {
    scores[key] = value;
    stored.pending[key] = value;
    writeStored();
    send(key, value);
  }

  function send(key, value) {
    markSaved(statementNode(key), key);
    if (!socket.connected || !joined) return;   // flushed on (re)connect
    socket.timeout(8000).emit("score", { statement: key, value }, (err, answer) => {
      const retry = () => setTimeout(() => { if (stored.pending[key] === value) send(key, value); }, 2000);
      if (err || (answer.error && answer.error.code === "internal")) { retry(); return; }
      if (stored.pending[key] !== value) return;   // a newer choice is on its way
      delete stored.pending[key];
      writeStored();
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
    for (const [key, value] of Object.entries(stored.pending || {})) send(key, value);
  }

  $("previous").addEventListener("click", () => { if (current > 0) { renderLens(current - 1); $("lens-name").focus(); } });
  $("next").addEventListener("click", () => {
    if (current < lenses.length - 1) { renderLens(current + 1); $("lens-name").focus(); window.scrollTo(0, 0); }
    else show("done");
  });
  $("review").addEventListener("click", () => { renderLens(0); show("score"); });
  $("withdraw").addEventListener("click", () => {
    if (!window.confirm(T.confirmWithdraw)) return;
    socket.timeout(10000).emit("leave", {}, (err, answer) => {
      if (err || answer.error) { $("connection").textContent = T.offline; return; }
      localStorage.removeItem(storageKey);
      stored = { pending: {} };
      socket.auth = {};
      joined = false;
      scores = {};
      show("join");
    });
  });

  // --- connection ----------------------------------------------------------
  socket.on("connect", () => {
    $("connection").textContent = "";
    if (!joined && stored.resume) resumeJoin();
    else flushPending();
  });
  socket.on("disconnect", () => { $("connection").textContent = T.offline; });
  socket.on("state", (message) => {
    if (message.state === "deleted") { localStorage.removeItem(storageKey); show("closed"); }
    else if (message.state === "closed" && joined) show("closed");
  });

  if (stored.resume) $("join").hidden = true;   // shown again only if the resume fails
  else if (page.state === "closed") show("closed");
  socket.connect();
})();
