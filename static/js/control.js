// The facilitator's control page: lead the room through phases and rounds, moderate the
// comments, record agreements. Every change goes to the server as a Socket.IO event and
// the page draws the state the server answers with (and pushes when others change it).
(() => {
  "use strict";
  const page = JSON.parse(document.getElementById("page-data").textContent);
  const dayFormat = new Intl.DateTimeFormat(page.language, { dateStyle: "long" });
  const T = page.text;
  const $ = (id) => document.getElementById(id);
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
  // A text that depends on a number: the page brings its plural forms ({one, other}).
  const plurals = new Intl.PluralRules(page.language);
  const counted = (forms, n, values) => fill(forms[plurals.select(n)] || forms.other, values);
  // WebSocket first (`serve --workers N` takes nothing else), long-polling where a proxy
  // refuses WebSocket (tryAllTransports: else the client would only retry WebSocket).
  const socket = io({ transports: ["websocket", "polling"], tryAllTransports: true });
  let state = null;

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function button(label, className, onClick) {
    const node = element("button", className, label);
    node.type = "button";
    node.addEventListener("click", onClick);
    return node;
  }

  function send(event, payload, onError) {
    socket.timeout(10000).emit(event, { session: page.session, ...payload }, (err, answer) => {
      if (err) { $("connection").textContent = T.reconnecting; return; }
      if (answer.error) {
        const message = T.errors[answer.error.code] || answer.error.message;
        if (onError) onError(message); else $("flow-status").textContent = message;
        return;
      }
      render(answer);
      if (onError) onError(null);
    });
  }

  // --- phases, rounds, focus -------------------------------------------------
  function renderFlow(s) {
    for (const node of document.querySelectorAll(".phase")) {
      const active = node.dataset.phase === s.phase;
      node.setAttribute("aria-pressed", String(active));
      node.classList.toggle("primary", active);
      node.classList.toggle("secondary", !active);
      node.disabled = s.phase === "closed";
    }
    $("flow-status").textContent = s.phase === "closed" ? T.closed
      : fill(T.status, { phase: T.phases[s.phase], round: s.round });
    const focus = $("focus");
    if (focus) focus.value = s.focus || "";
    arrange(s.phase);
    // The follow-up is chosen in the lobby only (the server refuses it later): a page
    // opened in the lobby keeps the list, no longer to change.
    const followUp = document.querySelector(".follow-up-choice form");
    if (followUp) {
      followUp.querySelector("fieldset").disabled = s.phase !== "lobby";
      followUp.querySelector("button[type=submit]").hidden = s.phase !== "lobby";
    }
    renderProgress(s);
    renderRounds(s);
    renderTimer(s);
  }

  // The cards in the order the phase needs them, in the document (so that the keyboard
  // and a screen reader meet them in the order the eye does): the lobby and the scoring
  // lead with who joined and who will be shown, the conversation with the comments and
  // agreements, a closed session with the agreements and the files.
  const ORDER = {
    lobby: ["card-phase", "parties-card", "follow-up-choice", "card-rounds", "card-comments", "card-agreements"],
    scoring: ["card-phase", "parties-card", "card-comments", "card-rounds", "card-agreements", "follow-up-choice"],
    reveal: ["card-phase", "card-comments", "card-agreements", "card-rounds", "parties-card", "follow-up-choice"],
    closed: ["card-phase", "card-agreements", "card-files", "card-rounds", "card-comments", "parties-card", "follow-up-choice"],
  };
  ORDER.discussion = ORDER.reveal;
  const LAST = ["card-files", "finish"];
  let arranged = null;
  function arrange(phase) {
    if (!ORDER[phase] || phase === arranged) return;
    arranged = phase;
    const grid = $("control-grid");
    grid.dataset.phase = phase;
    const focused = document.activeElement;
    const cards = [...grid.children];
    for (const name of [...ORDER[phase], ...LAST.filter((n) => !ORDER[phase].includes(n))]) {
      const card = cards.find((node) => node.classList.contains(name));
      if (card) grid.append(card);
    }
    if (focused && grid.contains(focused) && document.activeElement !== focused) focused.focus();
  }
  arrange($("control-grid").dataset.phase);

  // Who joined and who finished; once everyone has, the page offers the reveal.
  function renderProgress(s) {
    const total = Math.max(1, s.participants);
    $("finished-bar").style.width = `${(100 * s.finished) / total}%`;
    $("finished").textContent = s.focus
      ? counted(T.finishedLens, s.finished, { ...s, lens: page.lensNames[s.focus] })
      : counted(T.finished, s.finished, s);
    $("reveal-prompt").hidden = !(s.phase === "scoring" && s.participants > 0 && s.finished >= s.participants);
    $("joined-per-organisation").replaceChildren(...s.participation.organisations.map((o) => {
      const item = element("li", o.participants ? "" : "absent");
      item.append(element("span", "", o.name),
                  element("span", "muted", counted(T.joinedOf, o.participants, o)));
      return item;
    }));
  }

  // A closed session shows another round's results (`show_round`); an open one scores
  // another round, and shows one only where there is something to show: a round before
  // the current one (rounds are scored in order; a later one has no scores yet).
  function renderRounds(s) {
    $("rounds").replaceChildren(...s.rounds.map((r) => {
      const item = element("li", r.number === s.round ? "current" : "");
      item.append(element("span", "", fill(T.round, { n: r.number, kind: T.rounds[r.kind] })));
      if (r.number === s.round) item.append(element("strong", "badge", T.current));
      else if (s.phase === "closed") {
        item.append(button(T.showRound, "link", () => send("show_round", { round: r.number })));
      } else {
        item.append(button(T.startRound, "link", () => send("phase", { phase: "scoring", round: r.number })));
        if (r.number < s.round) {
          item.append(button(T.showRound, "link", () => send("phase", { phase: "reveal", round: r.number })));
        }
      }
      return item;
    }));
  }

  for (const node of document.querySelectorAll(".phase")) {
    node.addEventListener("click", () => send("phase", { phase: node.dataset.phase }));
  }
  $("reveal-now").addEventListener("click", () => send("phase", { phase: "reveal" }));

  // --- the scoring timer -------------------------------------------------------
  // At zero nothing closes: the page says the time is up and how many have finished.
  const countdown = Countdown((left) => {
    const running = left !== null && left > 0;
    $("timer-running").hidden = !running;
    $("timer-left").textContent = running ? Countdown.format(left) : "";
    $("timer-up").hidden = left !== 0;
    if (left === 0 && state) {
      const text = counted(T.timeUp, state.finished, state);
      if ($("timer-up-text").textContent !== text) {
        $("timer-up-text").textContent = text;
        $("timer-announce").textContent = text;
      }
    }
    $("timer-actions").hidden = left === null;
  });
  function renderTimer(s) {
    if (!$("timer-box")) return;
    // Only where it does something: starting the scoring with a timer, or the timer of
    // the room that scores; from the reveal on it would only take room.
    $("timer-box").hidden = s.phase !== "lobby" && s.phase !== "scoring";
    countdown.set(s.phase === "scoring" ? s.remaining : null);
    $("timer-start").textContent = s.phase === "scoring" ? T.setTimer : T.startTimer;
    $("my-place").checked = s.my_place !== false;
  }
  const timerError = (message) => { $("timer-error").hidden = !message; $("timer-error").textContent = message || ""; };
  if ($("timer-form")) {
    $("timer-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const seconds = Math.round(Number($("timer-minutes").value) * 60);
      if (state && state.phase === "scoring") send("timer", { timer: seconds }, timerError);
      else send("phase", { phase: "scoring", timer: seconds }, timerError);
    });
    $("timer-extend").addEventListener("click", () => send("timer", { extend: 60 }, timerError));
    $("timer-stop").addEventListener("click", () => send("timer", { timer: null }, timerError));
  }
  $("my-place").addEventListener("change", (event) => send("settings", { my_place: event.target.checked }));

  // --- the presentation remote -------------------------------------------------
  // The control state and the `picture` and `view` pushes carry the view the projector
  // shows and the views of the phase; without them (an older server) it stays hidden.
  function viewLabel(id) {
    if (id.startsWith("lens:")) return page.lensNames[id.slice(5)] || id.slice(5);
    if (id.startsWith("follow_up:")) return `${T.views.follow_up} (${id.slice(10)})`;
    return T.views[id] || id;
  }

  // Shown only when there are views to step through (from the reveal on): in the lobby and
  // while the room scores the projector has one view, and "1 / 1" with both buttons
  // disabled would only push the phase and the counts down.
  function renderRemote(view, views) {
    $("remote").hidden = !Array.isArray(views) || views.length < 2;
    if ($("remote").hidden) return;
    const index = views.indexOf(view);
    $("remote-view").textContent = index === -1 ? "" : viewLabel(view);
    $("remote-count").textContent = index === -1 ? "" : `${index + 1} / ${views.length}`;
    $("remote-previous").disabled = index <= 0;
    $("remote-next").disabled = index === views.length - 1;
    $("remote-jump").replaceChildren(...views.map((id) => {
      const option = element("option", "", viewLabel(id));
      option.value = id;
      option.selected = id === view;
      return option;
    }));
  }

  const present = (payload) => send("present", payload, (message) => {
    $("remote-status").textContent = message || "";
  });
  $("remote-previous").addEventListener("click", () => present({ step: -1 }));
  $("remote-next").addEventListener("click", () => present({ step: 1 }));
  $("remote-jump").addEventListener("change", (event) => present({ view: event.target.value }));
  if ($("focus")) $("focus").addEventListener("change", (event) => {
    send("phase", { phase: state.phase, focus: event.target.value || null });
  });
  if ($("add-round")) $("add-round").addEventListener("submit", (event) => {
    event.preventDefault();
    send("add_round", { kind: $("round-kind").value });
  });
  const closeForm = $("close-form");
  if (closeForm) closeForm.addEventListener("submit", (event) => {
    if (!window.confirm(T.confirmClose)) event.preventDefault();
  });

  // --- comments ----------------------------------------------------------------
  // The `watch` answer brings every comment; afterwards the server sends only what
  // changed (`comments`: new ones, new statuses, removed ids), and only those items move.
  const STATUSES = ["pending", "approved", "rejected"];
  let early = null;   // changes that arrive while the `watch` answer is on its way

  function commentItem(comment) {
    const item = element("li", `comment ${comment.status}`);
    item.dataset.comment = String(comment.id);
    item.append(element("span", "lens-tag", page.lensNames[comment.lens] || comment.lens),
                element("q", "", comment.text));
    const actions = element("span", "actions");
    const moderate = (status) => () => send("moderate", { comment: comment.id, status });
    if (comment.status !== "approved") actions.append(button(T.approve, "secondary", moderate("approved")));
    if (comment.status === "approved") actions.append(button(T.withdraw, "link", moderate("pending")));
    if (comment.status === "pending") actions.append(button(T.reject, "link", moderate("rejected")));
    item.append(actions);
    return item;
  }

  function countComments() {
    for (const status of STATUSES) {
      const list = $(status);
      const found = list.querySelectorAll("li.comment").length;
      const none = list.querySelector("li.none");
      if (!found && !none) list.append(element("li", "muted none", T.none));
      if (found && none) none.remove();
      if ($(`${status}-count`)) $(`${status}-count`).textContent = String(found);
    }
  }

  function renderComments(comments) {   // every comment, oldest first
    for (const status of STATUSES) {
      $(status).replaceChildren(...comments.filter((c) => c.status === status).map(commentItem));
    }
    countComments();
  }

  function changeComments(message) {   // in each list the comments stay oldest first
    const drop = (id) => { const old = document.querySelector(`li.comment[data-comment="${id}"]`); if (old) old.remove(); };
    for (const id of message.removed || []) drop(id);
    for (const comment of message.comments) {
      drop(comment.id);
      const list = $(comment.status);
      const later = [...list.querySelectorAll("li.comment")].find((n) => Number(n.dataset.comment) > comment.id);
      list.insertBefore(commentItem(comment), later || null);
    }
    countComments();
  }

  // --- agreements --------------------------------------------------------------
  // The form's lens follows the lens the projector shows ("lens:<key>"), so an agreement
  // made while the room looks at a lens is of that lens; once the facilitator picks a lens
  // by hand it stays until that agreement is recorded.
  let lensByHand = false;
  function followLens(view) {
    if (lensByHand || typeof view !== "string" || !view.startsWith("lens:")) return;
    const key = view.slice(5);
    if ([...$("agree-lens").options].some((o) => o.value === key)) $("agree-lens").value = key;
  }
  $("agree-lens").addEventListener("change", () => { lensByHand = true; });

  function renderAgreements(list) {
    $("agreements").replaceChildren(...(list.length ? list.map((a) => {
      const item = element("li", "agreement");
      item.append(element("span", "lens-tag", page.lensNames[a.lens] || a.lens), element("span", "", a.text));
      const due = a.due ? fill(T.dueBy, { date: dayFormat.format(new Date(`${a.due}T12:00:00`)) }) : "";   // as that calendar day
      const who = [a.who, due].filter(Boolean).join(" · ");
      if (who) item.append(element("span", "muted", ` (${who})`));
      item.append(button(T.remove, "link", () => send("unagree", { agreement: a.id })));
      return item;
    }) : [element("li", "muted", T.none)]));
  }

  $("agree").addEventListener("submit", (event) => {
    event.preventDefault();
    const error = $("agree-error");
    send("agree", {
      lens: $("agree-lens").value, text: $("agree-text").value,
      who: $("agree-who").value, due: $("agree-due").value,
    }, (message) => {
      error.hidden = !message;
      error.textContent = message || "";
      if (!message) {
        $("agree-text").value = ""; $("agree-who").value = ""; $("agree-due").value = "";
        lensByHand = false;
        if (state) followLens(state.view);
      }
    });
  });

  // --- parties and the lobby's forecast ----------------------------------------
  // Until the room first sees results (round 1's reveal) the facilitator groups the
  // organisations into parties here; the forecast comes with every picture and says, per
  // organisation and party, what the room would see if everyone who joined scored.
  const P = T.parties;
  Object.assign(T.errors, P.errors);
  const names = new Intl.ListFormat(page.language, { type: "conjunction" });
  let drawnForecast = "";

  function unitName(unit) { return unit === P.poolName ? P.pool : unit; }

  function outcome(f) {
    if (f.outcome === "shown") return P.shown;
    if (f.outcome === "withheld") {
      return f.needs > 0 ? `${P.withheld} — ${fill(P.needs, { n: f.needs })}` : P.withheld;
    }
    let text = fill(P.pooled, { with: names.format(f.pooled_with) });
    if (f.unit && f.unit !== f.name) text += ` (${unitName(f.unit)})`;
    return f.needs > 0 ? `${text} · ${fill(P.alone, { n: f.needs })}` : text;
  }

  function forecastItem(f) {   // "Gemeenten (partij) · 3 doen mee", then what the room sees
    const item = element("li", `forecast-${f.outcome}`);
    const head = element("span", "forecast-head");
    head.append(element("strong", "forecast-name", f.name));
    if (f.kind === "party") head.append(" ", element("span", "forecast-kind", `(${P.party})`));
    const count = element("span", "muted forecast-count", "· ");   // never breaks after the dot
    count.append(element("span", "forecast-joined", counted(T.joinedOf, f.joined, { participants: f.joined })));
    head.append(" ", count);
    item.append(head, element("span", "forecast-outcome", outcome(f)));
    return item;
  }

  function renderParties(s) {
    const open = s.state === "open" && s.round === 1 && (s.phase === "lobby" || s.phase === "scoring");
    const editable = open && !s.parties_locked;   // the room saw results: they stay (server's rule)
    $("forecast-box").hidden = !open;
    $("parties-edit").hidden = !editable;
    $("parties-fixed").hidden = editable || s.state !== "open";   // closed: the flow says so
    if (s.attribution) $("attribution-now").textContent = P.attributions[s.attribution];
    const locked = s.participants > 0 && s.attribution !== "open";   // open only before anyone joined
    document.querySelector("input[name=attribution][value=open]").disabled = locked;
    $("attribution-locked").hidden = !locked;
    if (Array.isArray(s.party_list)) {
      $("party-list").replaceChildren(...(s.party_list.length ? s.party_list.map((party) => {
        const item = element("li");
        item.append(element("strong", "", party.name), `: ${party.organisations.join(", ")}`);
        return item;
      }) : [element("li", "muted", P.none)]));
    }
    const drawn = JSON.stringify(s.forecast || []);   // pushes come with every score
    if (open && drawn !== drawnForecast) {
      drawnForecast = drawn;
      $("forecast").replaceChildren(...(s.forecast || []).map(forecastItem));
    }
  }

  // The form: each organisation's party by name; the same name (whatever its case) groups.
  function givenParties() {
    const found = new Map();
    for (const input of document.querySelectorAll(".party-input")) {
      const name = input.value.trim().replace(/\s+/g, " ");
      if (!name) continue;
      const key = name.toLocaleLowerCase(page.language);
      if (!found.has(key)) found.set(key, { name, organisations: [] });
      found.get(key).organisations.push(input.dataset.organisation);
    }
    return [...found.values()];
  }

  function showGiven(list) {   // the parties as stored, back in the form
    const party = new Map(list.flatMap((p) => p.organisations.map((o) => [o, p.name])));
    for (const input of document.querySelectorAll(".party-input")) {
      input.value = party.get(input.dataset.organisation) || "";
    }
    $("party-names").replaceChildren(...list.map((p) => {
      const option = element("option");
      option.value = p.name;
      return option;
    }));
  }

  $("parties-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen = document.querySelector("input[name=attribution]:checked");
    const payload = { parties: givenParties() };
    if (chosen) payload.attribution = chosen.value;
    $("parties-status").textContent = "";
    send("parties", payload, (message) => {
      $("parties-error").hidden = !message;
      $("parties-error").textContent = message || "";
      if (message) return;
      showGiven(state.party_list || []);
      $("parties-edit").open = false;   // the card shows what is stored now
      $("parties-status").textContent = P.saved;
    });
  });

  // --- the state ---------------------------------------------------------------
  function render(s) {
    if (state && s.version < state.version) return;   // an older push overtaken by a newer one
    state = { ...(state || {}), ...s };
    renderFlow(state);
    renderRemote(state.view, state.views);
    followLens(state.view);
    renderParties(state);
    if (s.all_comments) renderComments(s.all_comments);
    if (s.agreement_list) renderAgreements(s.agreement_list);
  }

  socket.on("connect", () => {
    $("connection").textContent = "";
    early = [];
    socket.emit("watch", { session: page.session, control: true }, (answer) => {
      const held = early;
      early = null;
      if (!answer.error) { state = null; render(answer); held.forEach(changeComments); }
    });
  });
  socket.on("disconnect", () => { $("connection").textContent = T.reconnecting; });
  socket.on("picture", (picture) => { if (picture.session === page.session) render(picture); });
  socket.on("view", (message) => {   // someone stepped (the projector's keyboard, a phone)
    if (message.session !== page.session || !state) return;
    state = { ...state, view: message.view, views: message.views };
    renderRemote(state.view, state.views);
    followLens(state.view);
  });
  socket.on("comments", (message) => {
    if (message.session !== page.session) return;
    if (early) early.push(message); else changeComments(message);
  });
  socket.on("state", (message) => {   // deleted, or this facilitator's access ended
    if (message.state === "deleted" || message.state === "revoked") window.location.reload();
  });
})();
