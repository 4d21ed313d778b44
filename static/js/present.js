// The projector page: per lens the respondents, the mean and the distribution,
// redrawn whenever the server pushes a new picture.
(() => {
  "use strict";
  const page = JSON.parse(document.getElementById("page-data").textContent);
  const T = page.text;
  const $ = (id) => document.getElementById(id);
  const number = new Intl.NumberFormat(page.language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const scale = page.lensSet.scale;

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
      const column = document.createElement("div");
      column.className = "bar";
      column.dataset.point = String(point);
      column.innerHTML = '<span class="count"></span><span class="fill"></span><span class="point"></span>';
      column.querySelector(".point").textContent = String(point);
      bars.append(column);
    }
    $("lenses").append(card);
    cards.set(lens.key, card);
  }

  function formatMean(mean) { return mean === null ? "–" : number.format(mean); }

  function renderLens(card, figures) {
    card.querySelector(".mean .value").textContent = formatMean(figures.mean);
    card.querySelector(".n .value").textContent = String(figures.n);
    const counts = Object.values(figures.distribution);
    const most = Math.max(1, ...counts);
    const described = [];
    for (const bar of card.querySelectorAll(".bar")) {
      const count = figures.distribution[bar.dataset.point] || 0;
      bar.querySelector(".count").textContent = String(count);
      bar.querySelector(".fill").style.height = `${(count / most) * 100}%`;
      described.push(`${bar.dataset.point}: ${count}`);
    }
    card.querySelector(".distribution").setAttribute(
      "aria-label", figures.n ? `${T.distribution} — ${described.join(", ")}` : T.noScores);
    const list = card.querySelector(".organisations");
    list.replaceChildren(...figures.organisations.map((organisation) => {
      const item = document.createElement("li");
      const name = document.createElement("span");
      name.textContent = organisation.name;
      const value = document.createElement("strong");
      if (organisation.shown) value.textContent = formatMean(organisation.mean);
      else value.textContent = organisation.n === 0 ? "–" : T.suppressed;
      if (!organisation.shown) value.className = "muted";
      item.append(name, value);
      return item;
    }));
  }

  function render(picture) {
    $("joined").textContent = String(picture.participants);
    $("respondents").textContent = String(picture.respondents);
    const state = $("state");
    state.textContent = T[picture.state];
    state.className = `state ${picture.state}`;
    if (picture.state === "closed" && $("close-form")) $("close-form").remove();
    for (const figures of picture.lenses) {
      const card = cards.get(figures.key);
      if (card) renderLens(card, figures);
    }
  }

  const closeForm = $("close-form");
  if (closeForm) closeForm.addEventListener("submit", (event) => {
    if (!window.confirm(T.confirmClose)) event.preventDefault();
  });

  render(page.picture);
  const socket = io();
  socket.on("connect", () => {
    $("connection").textContent = "";
    socket.emit("watch", { session: page.session }, (answer) => { if (!answer.error) render(answer); });
  });
  socket.on("disconnect", () => { $("connection").textContent = T.reconnecting; });
  socket.on("picture", (picture) => { if (picture.session === page.session) render(picture); });
})();
