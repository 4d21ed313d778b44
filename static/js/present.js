// The projector page: the shared picture, redrawn whenever the server pushes a new one.
// Everything shown is computed on the server (lenses/); this file only draws it.
(() => {
  "use strict";
  const page = JSON.parse(document.getElementById("page-data").textContent);
  const T = page.text;
  const $ = (id) => document.getElementById(id);
  const scale = page.lensSet.scale;
  const lensName = Object.fromEntries(page.lensSet.lenses.map((lens) => [lens.key, lens.name]));
  const one = new Intl.NumberFormat(page.language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const two = new Intl.NumberFormat(page.language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const dayFormat = new Intl.DateTimeFormat(page.language, { dateStyle: "long" });
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
  const format = (value, numbers = one) => (value === null || value === undefined ? "–" : numbers.format(value));
  // Okabe–Ito: distinguishable with every common colour-vision deficiency.
  const PALETTE = ["#E69F00", "#0072B2", "#009E73", "#D55E00", "#CC79A7", "#56B4E9"];
  const POINTS = ["circle", "triangle", "rect", "rectRot", "star", "crossRot"];

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // --- lens cards ----------------------------------------------------------
  const cards = new Map();
  for (const lens of page.lensSet.lenses) {
    const card = $("lens-template").content.firstElementChild.cloneNode(true);
    card.dataset.lens = lens.key;
    card.querySelector(".lens-name").textContent = lens.name;
    card.querySelector(".lens-question").textContent = lens.question;
    card.querySelector(".low").textContent = scale.low;
    card.querySelector(".high").textContent = scale.high;
    const bars = card.querySelector(".distribution");
    for (let point = scale.min; point <= scale.max; point++) {
      const column = element("div", "bar");
      column.dataset.point = String(point);
      column.append(element("span", "count"), element("span", "fill"), element("span", "point", String(point)));
      bars.append(column);
    }
    $("lenses").append(card);
    cards.set(lens.key, card);
  }

  function renderLens(card, figures) {
    card.querySelector(".mean .value").textContent = format(figures.mean);
    card.querySelector(".consensus .value").textContent = format(figures.consensus, two);
    card.querySelector(".n .value").textContent = String(figures.n);
    // Fewer than min_group scored it: the server sent n only; say how many more it takes.
    const withheld = figures.n > 0 && figures.shown === false;
    const needed = fill(T.needed, { more: current.min_group - figures.n, k: current.min_group });
    const reading = card.querySelector(".reading");
    reading.textContent = withheld ? needed : T.readings[figures.divergence.reading] || "";
    reading.className = `reading ${withheld ? "withheld" : figures.divergence.reading}`;
    if (figures.polarised) reading.append(element("span", "badge", T.polarised));
    const most = Math.max(1, ...Object.values(figures.distribution));
    const described = [];
    for (const bar of card.querySelectorAll(".bar")) {
      const count = figures.distribution[bar.dataset.point] || 0;
      bar.querySelector(".count").textContent = String(count);
      bar.querySelector(".fill").style.height = `${(count / most) * 100}%`;
      described.push(`${bar.dataset.point}: ${count}`);
    }
    let label = figures.n ? `${T.distribution} — ${described.join(", ")}` : T.noScores;
    if (withheld) label = needed;
    card.querySelector(".distribution").setAttribute("aria-label", label);
    card.querySelector(".lens-comments").replaceChildren(
      ...(current.comments[figures.key] || []).map((text) => element("li", "comment", text)));
    card.querySelector(".organisations").replaceChildren(...figures.organisations.map((organisation) => {
      const item = element("li");
      let value = T.suppressed;
      if (organisation.shown) value = format(organisation.mean);
      else if (organisation.n === 0) value = "–";
      item.append(element("span", "", organisation.name),
                  element("strong", organisation.shown ? "" : "muted", value));
      return item;
    }));
  }

  // --- radar -----------------------------------------------------------------
  Chart.defaults.font.size = 16;
  Chart.defaults.color = "#1b1f24";
  const radar = new Chart($("radar"), {
    type: "radar",
    data: { labels: page.lensSet.lenses.map((lens) => lens.name), datasets: [] },
    options: {
      animation: { duration: 300 }, maintainAspectRatio: false,
      scales: { r: { min: scale.min, max: scale.max, ticks: { stepSize: 1, backdropColor: "transparent" },
                     pointLabels: { font: { size: 18, weight: "bold" } } } },
      plugins: { legend: { position: "bottom", labels: { usePointStyle: true, boxWidth: 14 } } },
    },
  });
  $("radar").setAttribute("aria-label", T.radar);

  function radarDatasets(picture) {
    const room = { label: T.room, data: picture.lenses.map((lens) => lens.mean),
                   borderColor: "#1b1f24", backgroundColor: "rgba(27,31,36,0.08)", borderWidth: 4,
                   pointStyle: "circle", pointRadius: 5, fill: true };
    const names = picture.participation.organisations.map((o) => o.name);
    const shown = names.filter((name) => picture.lenses.some(
      (lens) => lens.organisations.some((o) => o.name === name && o.shown)));
    return [room, ...shown.map((name) => {
      const index = names.indexOf(name);
      return {
        label: name,
        data: picture.lenses.map((lens) => {
          const figures = lens.organisations.find((o) => o.name === name);
          return figures && figures.shown ? figures.mean : null;
        }),
        borderColor: PALETTE[index % PALETTE.length], backgroundColor: "transparent",
        borderWidth: 3, borderDash: index >= PALETTE.length ? [8, 4] : [],
        pointStyle: POINTS[index % POINTS.length], pointRadius: 6, spanGaps: false,
      };
    })];
  }

  // --- agenda, participation, groups ---------------------------------------
  function renderAgenda(agenda) {
    const list = $("agenda");
    if (!agenda.length) {  // no scores yet, or fewer than min_group on every lens
      const empty = current.respondents ? fill(T.agendaTooFew, { k: current.min_group }) : T.agendaEmpty;
      list.replaceChildren(element("li", "muted", empty));
      return;
    }
    list.replaceChildren(...agenda.map((item) => {
      const row = element("li");
      row.dataset.lens = item.lens;
      const head = element("p", "agenda-head");
      head.append(element("strong", "", lensName[item.lens]),
                  element("span", "agenda-consensus", `${T.readings[item.reading] || ""} · ${format(item.consensus, two)}`));
      const lens = current.lenses.find((l) => l.key === item.lens);
      const gap = lens && lens.divergence.gap;
      const reasons = item.reasons.map((reason) => (reason === "between_parties" && gap
        ? `${T.reasons[reason]}: ${gap.between[0]} ↔ ${gap.between[1]}` : T.reasons[reason] || reason));
      row.append(head);
      if (reasons.length) row.append(element("p", "agenda-reasons", reasons.join(" · ")));
      return row;
    }));
  }

  function renderParticipation(participation) {
    $("participation").replaceChildren(...participation.organisations.map((organisation) => {
      const item = element("li", organisation.participants ? "" : "absent");
      item.append(element("span", "", organisation.name),
                  element("span", "muted", fill(T.joinedOf, organisation)));
      return item;
    }));
    $("missing").textContent = participation.missing.length
      ? fill(T.missing, { names: participation.missing.join(", ") }) : T.allHere;
  }

  function renderGroups(groups) {
    const box = $("groups");
    if (!groups) { box.replaceChildren(); return; }
    const title = element("h3", "", T.groups.title);
    const summary = element("p", "", fill(groups.follows_organisations ? T.groups.follows : T.groups.across, groups));
    const list = element("ul", "group-list");
    groups.groups.forEach((group, index) => {
      const item = element("li", "", fill(T.groups.group, { ...group, n: index + 1 }));
      const traits = group.lenses.map((lens) => fill(lens.mean > lens.rest_mean ? T.groups.higher : T.groups.lower,
        { lens: lensName[lens.lens], mean: format(lens.mean), rest: format(lens.rest_mean) }));
      if (traits.length) item.append(element("span", "muted", ` — ${traits.join("; ")}`));
      list.append(item);
    });
    box.replaceChildren(title, summary, list);
  }

  // --- rounds compared, agreements, waiting ----------------------------------
  function renderComparison(comparison) {
    $("comparison-card").hidden = !comparison;
    if (!comparison) return;
    $("comparison").replaceChildren(...comparison.map((round) => {
      const block = element("div", "round-comparison");
      block.append(element("h3", "", T.comparisonHead[round.kind] || fill(T.round, { n: round.round, kind: T.rounds[round.kind] })));
      const list = element("ul", "changes");
      for (const lens of round.lenses) {
        const item = element("li");
        item.dataset.lens = lens.key;
        item.append(element("strong", "", lensName[lens.key]),
                    element("span", "", `${format(lens.mean_before)} → ${format(lens.mean_after)}`));
        if (round.kind === "future") {
          item.append(element("span", "gap", `${T.gap} ${lens.gap === null ? "–" : (lens.gap > 0 ? "+" : "") + format(lens.gap)}`));
        } else {
          item.append(element("span", "", `${T.consensusChange} ${format(lens.consensus_before, two)} → ${format(lens.consensus_after, two)}`));
          if (lens.converged !== null) item.append(element("span", "badge", lens.converged ? T.converged : T.diverged));
        }
        list.append(item);
      }
      block.append(list);
      return block;
    }));
  }

  function renderAgreements(agreements) {
    $("agreements-card").hidden = !agreements.length;
    $("agreements").replaceChildren(...agreements.map((a) => {
      const item = element("li", "agreement");
      item.append(element("span", "lens-tag", lensName[a.lens] || a.lens), element("span", "", a.text));
      // A due day in the session's language ("31 maart 2027"), read as that calendar day.
      const due = a.due ? dayFormat.format(new Date(`${a.due}T12:00:00`)) : "";
      const who = [a.who, due].filter(Boolean).join(" · ");
      if (who) item.append(element("span", "muted", ` (${who})`));
      return item;
    }));
  }

  function renderWaiting(picture) {
    $("waiting").hidden = !picture.hidden;
    $("results").hidden = picture.hidden;
    if (!picture.hidden) return;
    const phase = picture.phase === "lobby" ? "lobby" : "scoring";
    $("waiting-title").textContent = T.waiting[phase];
    $("waiting-text").textContent = T.waitingText[phase];
    const total = Math.max(1, picture.participants);
    $("finished-bar").style.width = `${(100 * picture.finished) / total}%`;
    $("finished").textContent = picture.focus
      ? fill(T.finishedLens, { ...picture, lens: lensName[picture.focus] }) : fill(T.finished, picture);
  }

  // --- the whole picture ---------------------------------------------------
  let current = page.picture;
  function render(picture) {
    // Pushes may overtake each other; never draw an older picture over a newer one.
    if (picture.version < current.version && picture !== page.picture) return;
    current = picture;
    $("joined").textContent = String(picture.participants);
    $("respondents").textContent = String(picture.respondents);
    const state = $("state");
    state.textContent = T.phases[picture.phase];
    state.className = `state ${picture.phase}`;
    const kind = (picture.rounds.find((r) => r.number === picture.round) || {}).kind;
    $("round-label").textContent = picture.rounds.length > 1
      ? `· ${fill(T.round, { n: picture.round, kind: T.rounds[kind] })}` : "";
    if (picture.state === "closed") {
      for (const node of document.querySelectorAll(".join")) node.remove();
    }
    renderWaiting(picture);
    if (picture.hidden) { renderParticipation(picture.participation); return; }
    renderComparison(picture.comparison);
    renderAgreements(picture.agreements);
    for (const figures of picture.lenses) {
      const card = cards.get(figures.key);
      if (card) renderLens(card, figures);
    }
    radar.data.datasets = radarDatasets(picture);
    radar.update();
    renderAgenda(picture.agenda);
    renderParticipation(picture.participation);
    renderGroups(picture.groups);
  }

  // The join card fills the screen while people come in; Escape or the button shrinks it.
  const enlarge = $("enlarge");
  function setLarge(large) {
    document.body.classList.toggle("qr-large", large);
    enlarge.setAttribute("aria-pressed", String(large));
    enlarge.textContent = large ? T.showSmall : T.showLarge;
  }
  if (enlarge) {
    enlarge.addEventListener("click", () => setLarge(!document.body.classList.contains("qr-large")));
    document.addEventListener("keydown", (event) => { if (event.key === "Escape") setLarge(false); });
  }

  render(page.picture);
  const socket = io({ transports: ["websocket", "polling"] });
  socket.on("connect", () => {
    $("connection").textContent = "";
    const watch = page.link ? { link: page.link } : { session: page.session };
    socket.emit("watch", watch, (answer) => {
      if (answer.error) return;
      current = answer;   // after a server restart the versions start again
      render(answer);
    });
  });
  socket.on("disconnect", () => { $("connection").textContent = T.reconnecting; });
  socket.on("picture", (picture) => { if (picture.session === page.session) render(picture); });
  socket.on("state", (message) => {
    if (message.state === "deleted" || message.state === "revoked") window.location.reload();
  });
})();
