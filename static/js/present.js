// The projector page: one full-screen view of the shared picture at a time, the view the
// facilitator chose (lenses/presentation.py). Everything shown is computed on the server
// (lenses/); this file only draws it, and on the facilitator's own screen turns a
// clicker's or the keyboard's PageDown/PageUp into `present` steps.
(() => {
  "use strict";
  const page = JSON.parse(document.getElementById("page-data").textContent);
  const T = page.text;
  const $ = (selector, root = document) => root.querySelector(selector);
  const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];
  const scale = page.lensSet.scale;
  const lensName = Object.fromEntries(page.lensSet.lenses.map((lens) => [lens.key, lens.name]));
  const statementText = Object.fromEntries(page.lensSet.lenses.flatMap(
    (lens) => lens.statements.map((s) => [s.key, s.text])));
  const one = new Intl.NumberFormat(page.language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const two = new Intl.NumberFormat(page.language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const dayFormat = new Intl.DateTimeFormat(page.language, { dateStyle: "long" });
  const plurals = new Intl.PluralRules(page.language);
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
  const plural = (forms, n, values = {}) => fill(forms[plurals.select(n)] || forms.other, { n, ...values });
  const format = (value, numbers = one) => (value === null || value === undefined ? "–" : numbers.format(value));
  const reduced = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  // One look per unit, the same on the trend and in the report (facilitator/palette.py).
  const palette = page.palette;

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The units a lens compares (lenses/anonymity.py `units`): an organisation shown on its
  // own, a party's other members together, the pool of the others. A picture frozen before
  // there were units has only its organisations: each its own unit.
  const unitsOf = (lens) => lens.parties || lens.organisations.map(
    (o) => ({ ...o, kind: "organisation", organisations: [o.name] }));
  // The pool's name in the data ("Overige organisaties") in the page's language.
  const unitName = (name) => (name === page.poolName ? T.pool : name);
  const between = (gap) => `${unitName(gap.between[0])} ↔ ${unitName(gap.between[1])}`;

  // The type unit of projector.css (--u): 32 px on a 1080p beamer, scaled with the window.
  const unit = () => Math.min(window.innerHeight * 0.02963, window.innerWidth * 0.01667);

  // --- the lens views --------------------------------------------------------
  const lensViews = new Map();
  for (const lens of page.lensSet.lenses) {
    const view = $("#lens-template").content.firstElementChild.cloneNode(true);
    view.dataset.view = `lens:${lens.key}`;
    view.dataset.lens = lens.key;
    view.setAttribute("aria-label", lens.name);
    $(".lens-name", view).textContent = lens.name;
    $(".lens-question", view).textContent = lens.question;
    $(".low", view).textContent = scale.low;
    $(".high", view).textContent = scale.high;
    const bars = $(".distribution", view);
    for (let point = scale.min; point <= scale.max; point++) {
      const column = element("div", "bar");
      column.dataset.point = String(point);
      const track = element("div", "track");
      track.append(element("span", "fill"));
      column.append(element("span", "count"), track, element("span", "point", String(point)));
      bars.append(column);
    }
    $("#stage").append(view);
    lensViews.set(lens.key, view);
  }

  function withheldText(figures) {
    return fill(T.needed, { more: current.min_group - figures.n, k: current.min_group });
  }

  function renderLens(view, figures) {
    const withheld = figures.n > 0 && figures.shown === false;
    $(".mean .value", view).textContent = format(figures.mean);
    $(".consensus .value", view).textContent = format(figures.consensus, two);
    $(".n .value", view).textContent = String(figures.n);
    // "12 deelnemers": the number is drawn large, the word beside it.
    $(".n-label", view).textContent = plural(T.counts.participants, figures.n, { n: "" }).trim();
    const reading = $(".reading", view);
    reading.textContent = withheld ? withheldText(figures) : readingText(figures.divergence.reading, figures);
    // Coloured by how much the room agrees (lenses/divergence.py `band`), not by the kind
    // of difference: a mixed lens is no alarm.
    reading.className = `reading ${withheld ? "withheld" : `band-${figures.divergence.band}`}`;
    const gap = figures.divergence.gap;
    if (!withheld && figures.divergence.reading === "between_parties" && gap) {
      reading.append(element("span", "reading-detail", between(gap)));
    }
    if (figures.polarised) reading.append(element("span", "badge", T.polarised));
    renderDistribution(view, figures, withheld);
    renderUnits(view, figures);
    renderTalk(view, figures.key);
    renderStatements(view, figures);
  }

  function renderDistribution(view, figures, withheld) {
    const counts = figures.distribution || {};
    const most = Math.max(1, ...Object.values(counts));
    const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
    const described = [];
    for (const bar of $$(".bar", view)) {
      const count = counts[bar.dataset.point] || 0;
      $(".count", bar).textContent = withheld ? "" : String(count);
      $(".fill", bar).style.height = `${withheld ? 0 : (count / most) * 100}%`;
      described.push(`${bar.dataset.point}: ${count}`);
    }
    $(".scale-caption", view).textContent = withheld || !figures.n ? "" : fill(T.scoresFrom, {
      scores: plural(T.counts.scores, total), participants: plural(T.counts.participants, figures.n) });
    let label = figures.n ? `${T.distribution} — ${described.join(", ")}` : T.noScores;
    if (withheld) label = withheldText(figures);
    $(".distribution", view).setAttribute("aria-label", label);
  }

  // Per unit its mean; a party or the pool names its organisations under its name.
  function renderUnits(view, figures) {
    const units = unitsOf(figures);
    const shownAny = units.some((u) => u.shown);
    const title = $(".organisations-title", view);
    title.hidden = !units.length;
    // Honest words: "per organisation" only while every row is one organisation.
    title.textContent = units.every((u) => u.kind === "organisation") ? T.perOrganisation : T.perUnit;
    $(".organisation-means", view).replaceChildren(...units.map((unit) => {
      const item = element("li", `unit-${unit.kind}${unit.shown ? "" : " withheld"}`);
      const name = element("span", "organisation-name", unitName(unit.name));
      if (unit.kind !== "organisation") {   // the dash for a screen reader, the line break for the eye
        const members = element("span", "unit-members");
        members.append(element("span", "sr-only", " — "));
        // An organisation's name breaks only when it is wider than the column.
        unit.organisations.forEach((member, index, all) => {
          if (index) members.append(" ");
          members.append(element("span", "unit-member", index < all.length - 1 ? `${member},` : member));
        });
        name.append(members);
      }
      const track = element("span", "mean-track");
      if (unit.shown && shownAny) {
        const marker = element("span", "mean-fill");
        marker.style.width = `${(100 * (unit.mean - scale.min)) / (scale.max - scale.min)}%`;
        track.append(marker);
      }
      // A hidden unit says why: too small, or hidden to protect a smaller one.
      let value = T.withheld[unit.withheld] || T.suppressed;
      if (unit.shown) value = format(unit.mean);
      else if (unit.n === 0) value = "–";
      item.append(name, track, element("strong", "organisation-value", value));
      return item;
    }));
  }

  function renderTalk(view, key) {
    const agreements = current.agreements.filter((a) => a.lens === key);
    const comments = current.comments[key] || [];
    const talking = current.phase !== "reveal";
    $(".lens-talk", view).hidden = !talking || (!agreements.length && !comments.length);
    $(".agreements-title", view).hidden = !agreements.length;
    $(".comments-title", view).hidden = !comments.length;
    $(".lens-agreements", view).replaceChildren(...agreements.map((a) => {
      const item = element("li", "agreement", a.text);
      // A date alone could be read as when it was agreed: "uiterlijk 15 januari 2027".
      const due = a.due ? fill(T.dueBy, { date: dayFormat.format(new Date(`${a.due}T12:00:00`)) }) : "";
      const who = [a.who, due].filter(Boolean);
      if (who.length) item.append(element("span", "muted", ` — ${who.join(", ")}`));
      return item;
    }));
    $(".lens-comments", view).replaceChildren(...comments.map((text) => element("li", "comment", `“${text}”`)));
  }

  function renderStatements(view, figures) {
    // The least agreed first (the agenda's order of the lens's statements).
    const item = current.agenda.find((a) => a.lens === figures.key);
    const keys = item ? item.statements : [];
    const byKey = Object.fromEntries(figures.statements.map((s) => [s.key, s]));
    $(".statements-title", view).hidden = !keys.length;
    $(".lens-statements", view).replaceChildren(...keys.map((key) => {
      const statement = byKey[key];
      const row = element("li", "lens-statement", statementText[key] || key);
      if (statement && statement.shown) {
        row.append(element("span", "statement-figures",
          ` — ${format(statement.mean)} · ${T.consensusChange} ${format(statement.consensus, two)}`));
      }
      return row;
    }));
  }

  // --- the overview: radar and the top of the agenda ------------------------
  // A radar needs three axes: with one or two lenses it would be a line, so the lens
  // means are bars then, per lens one per unit, each with its unit's marker on top.
  Chart.defaults.color = "#1b1f24";
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  const asBars = page.lensSet.lenses.length < 3;
  const barMarkers = {   // the unit's marker on its bar, and the mean above it
    id: "barMarkers",
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      const u = unit();
      chart.data.datasets.forEach((dataset, index) => {
        const meta = chart.getDatasetMeta(index);
        if (meta.hidden) return;
        meta.data.forEach((bar, at) => {
          const value = dataset.data[at];
          if (value === null || value === undefined) return;
          ctx.save();
          ctx.fillStyle = dataset.borderColor;
          ctx.strokeStyle = dataset.borderColor;
          ctx.lineWidth = 3;
          Chart.helpers.drawPoint(ctx, { pointStyle: dataset.pointStyle, radius: u * 0.32,
            borderWidth: 3, rotation: 0 }, bar.x, bar.y - u * 0.45);
          ctx.fillStyle = "#1b1f24";
          ctx.font = `700 ${Math.max(16, Math.round(u * 0.75))}px ${Chart.defaults.font.family}`;
          ctx.textAlign = "center";
          ctx.fillText(format(value), bar.x, bar.y - u * 0.95);
          ctx.restore();
        });
      });
    },
  };
  const axisFont = () => ({ size: Math.round(unit() * 0.95), weight: "bold" });

  // Chart.js makes room for a radar's axis names by shrinking its radius, but by half
  // at most (radialLinear's fitWithPointLabels): long names on many axes then ran off
  // the canvas ("Besluitvorming" as "esluitvorming" with eight lenses). So the radar
  // is fitted to its names here: each name's box is measured at the place it will be
  // drawn, the largest radius at which every box lies inside the canvas is searched,
  // the scale gets that radius through the layout's padding, and axisNames draws the
  // names. A name of several words goes onto two lines where that gives a larger
  // radar; the type steps down (never below the beamer's 16 px) only while the radar
  // would be smaller than a quarter of the canvas.
  const names = page.lensSet.lenses.map((lens) => lens.name);
  const twoLines = (name) => {
    const words = name.split(" ");
    let best = [name];
    for (let at = 1; at < words.length; at += 1) {
      const lines = [words.slice(0, at).join(" "), words.slice(at).join(" ")];
      if (Math.max(...lines.map((l) => l.length)) < Math.max(...best.map((l) => l.length))) best = lines;
    }
    return best;
  };
  const nameGap = () => 12 + Math.round(unit() * 0.3);   // clear of a marker on the scale's end

  function nameBoxes(ctx, labels, font, radius, cx, cy) {
    ctx.save();
    ctx.font = font.string;
    const boxes = labels.map((label, at) => {
      const lines = [].concat(label);
      const width = Math.max(...lines.map((line) => ctx.measureText(line).width));
      const height = lines.length * font.lineHeight;
      const angle = (2 * Math.PI * at) / labels.length;   // from the top, clockwise
      const sin = Math.sin(angle);
      const cos = Math.cos(angle);
      const x = cx + (radius + nameGap()) * sin;
      const y = cy - (radius + nameGap()) * cos;
      const left = Math.abs(sin) < 0.05 ? x - width / 2 : (sin > 0 ? x : x - width);
      const top = Math.abs(cos) < 0.05 ? y - height / 2 : (cos > 0 ? y - height : y);
      return { lines, left, top, right: left + width, bottom: top + height };
    });
    ctx.restore();
    return boxes;
  }

  // The largest radius at which the radar and its names, laid out around a centre that
  // may move off the canvas's middle, fit the canvas; and that centre.
  function largestRadius(ctx, labels, font, width, height) {
    const span = (r) => {
      const boxes = nameBoxes(ctx, labels, font, r, 0, 0);
      return { left: Math.min(-r, ...boxes.map((b) => b.left)), right: Math.max(r, ...boxes.map((b) => b.right)),
               top: Math.min(-r, ...boxes.map((b) => b.top)), bottom: Math.max(r, ...boxes.map((b) => b.bottom)) };
    };
    // A pixel to spare on each side: the centre is rounded to whole pixels, as Chart.js's.
    const fits = (r) => { const s = span(r); return s.right - s.left <= width - 2 && s.bottom - s.top <= height - 2; };
    let low = 0;
    let high = Math.min(width, height) / 2;
    while (high - low > 1) {
      const mid = (low + high) / 2;
      if (fits(mid)) low = mid; else high = mid;
    }
    const radius = Math.floor(low);
    const s = span(radius);
    return { radius, x: Math.floor(width / 2 - (s.left + s.right) / 2),
             y: Math.floor(height / 2 - (s.top + s.bottom) / 2) };
  }

  // Before every layout (a resize, a new font, new data): the names' font and lines
  // and the radius and centre they leave, kept until the canvas or the type changes.
  function fitAxisNames(chart) {
    const { ctx, width, height } = chart;
    const key = `${width}x${height}:${axisFont().size}`;
    if (!width || !height || chart.$names?.key === key) return;
    const wrapped = names.map(twoLines);
    let fitted = null;
    for (let size = axisFont().size; size >= 16; size = Math.min(size - 1, Math.floor(size * 0.92))) {
      const font = Chart.helpers.toFont({ ...axisFont(), size });
      for (const labels of [names, wrapped]) {
        const place = largestRadius(ctx, labels, font, width, height);
        if (!fitted || place.radius > fitted.radius) fitted = { labels, font, ...place };
      }
      if (fitted.radius >= Math.min(width, height) / 4) break;
    }
    chart.$names = { key, labels: fitted.labels, font: fitted.font };
    const { radius, x, y } = fitted;
    chart.options.layout.padding = { left: x - radius, right: width - x - radius,
                                      top: y - radius, bottom: height - y - radius };
  }

  // The names where fitAxisNames measured them, around the scale as laid out; the
  // boxes stay on the chart for the tests that check nothing is cut off.
  const axisNames = {
    id: "axisNames",
    beforeLayout: fitAxisNames,
    // The scale's figures on their rings halfway between the first two axes, where no
    // marker sits (on the first axis, Chart.js's place for them, a marker hid the "5"),
    // over the lines with a white halo (under them a line crossing a figure hid it).
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      const r = chart.scales.r;
      const angle = Math.PI / names.length;
      ctx.save();
      ctx.font = Chart.helpers.toFont(chart.options.scales.r.ticks.font).string;
      ctx.fillStyle = "#454c54";
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      ctx.strokeStyle = "#ffffff";   // a halo: the figure stays readable where a line crosses it
      ctx.lineWidth = 5;
      ctx.lineJoin = "round";
      for (let value = scale.min + 1; value <= scale.max; value += 1) {
        const distance = r.getDistanceFromCenterForValue(value) * Math.cos(angle);   // on the ring
        const x = r.xCenter + distance * Math.sin(angle);
        const y = r.yCenter - distance * Math.cos(angle);
        ctx.strokeText(String(value), x, y);
        ctx.fillText(String(value), x, y);
      }
      ctx.restore();
    },
    afterDraw(chart) {
      if (!chart.$names) return;
      const { ctx } = chart;
      const scale = chart.scales.r;
      const { labels, font } = chart.$names;
      chart.$names.boxes = nameBoxes(ctx, labels, font, scale.drawingArea, scale.xCenter, scale.yCenter);
      chart.$names.canvas = { width: chart.width, height: chart.height };   // as drawn
      ctx.save();
      ctx.font = font.string;
      ctx.fillStyle = "#1b1f24";
      ctx.textBaseline = "middle";
      chart.$names.boxes.forEach((box) => {
        box.lines.forEach((line, at) => {
          const lineWidth = ctx.measureText(line).width;
          const x = box.left + (box.right - box.left - lineWidth) / 2;
          ctx.fillText(line, x, box.top + (at + 0.5) * font.lineHeight);
        });
        box.size = font.size;
      });
      ctx.restore();
    },
  };

  const radar = new Chart($("#radar"), asBars ? {
    type: "bar",
    data: { labels: page.lensSet.lenses.map((lens) => lens.name), datasets: [] },
    options: {
      animation: reduced ? false : { duration: 400 }, maintainAspectRatio: false, responsive: true,
      layout: { padding: { top: 8 } },
      scales: { y: { min: scale.min, max: scale.max + 0.6, grid: { color: "#c5cbd1" },
                     ticks: { stepSize: 1, color: "#454c54", callback: (v) => (v > scale.max ? "" : v) } },
                x: { grid: { display: false }, ticks: { color: "#1b1f24" } } },
      plugins: { legend: { display: false }, tooltip: { enabled: false } },
    },
    plugins: [barMarkers],
  } : {
    type: "radar",
    data: { labels: page.lensSet.lenses.map((lens) => lens.name), datasets: [] },
    options: {
      animation: reduced ? false : { duration: 400 }, maintainAspectRatio: false, responsive: true,
      layout: { padding: 0 },
      scales: { r: { min: scale.min, max: scale.max,
                     grid: { color: "#8a939c" }, angleLines: { color: "#8a939c" },
                     ticks: { stepSize: 1, display: false },    // axisNames draws the figures
                     pointLabels: { display: false } } },       // and the names
      plugins: { legend: { display: false }, tooltip: { enabled: false } },
    },
    plugins: [axisNames],
  });
  document.body.dataset.chart = asBars ? "bars" : "radar";

  function sizeRadar() {
    const u = unit();
    const ticks = { size: Math.max(16, Math.round(u * 0.7)) };   // as projector.css: never below 16 px
    if (asBars) {
      radar.options.scales.x.ticks.font = axisFont();
      radar.options.scales.y.ticks.font = ticks;
      radar.update("none");
    } else {
      radar.options.scales.r.ticks.font = ticks;
      radar.update("none");   // axisNames fits the names to the canvas
    }
  }

  // A unit's look follows its place (facilitator/palette.py), as in the report: the
  // organisations in the session's order, then the parties and the pool as first met.
  function unitIndex(picture) {
    const order = picture.participation.organisations.map((o) => o.name);
    const index = new Map(order.map((name, at) => [name, at]));
    const together = [];
    for (const lens of picture.lenses) {
      for (const u of unitsOf(lens)) {
        if (u.kind !== "organisation" && !together.some((t) => t.name === u.name)) together.push(u);
      }
    }
    together.sort((a, b) => (a.kind === "pool") - (b.kind === "pool"));
    together.forEach((u, at) => index.set(u.name, order.length + at));
    return index;
  }

  function radarDatasets(picture) {
    const room = palette.room;
    const roomSet = { label: T.room, data: picture.lenses.map((lens) => lens.mean),
                      borderColor: room.colour, pointBackgroundColor: room.colour, borderWidth: 6,
                      pointStyle: room.marker, pointRadius: 8 };
    if (asBars) Object.assign(roomSet, { backgroundColor: "rgba(27,31,36,0.55)", borderWidth: 3 });
    else Object.assign(roomSet, { backgroundColor: "rgba(27,31,36,0.10)", fill: true });
    // One line per unit shown on at least one lens (a gap where it is not shown).
    const shown = [...new Set(picture.lenses.flatMap(
      (lens) => unitsOf(lens).filter((u) => u.shown).map((u) => u.name)))];
    const places = unitIndex(picture);
    return [roomSet, ...shown.map((name) => {
      const index = places.has(name) ? places.get(name) : 0;
      const colour = palette.colours[index % palette.colours.length];
      const dash = palette.dashes[index % palette.dashes.length];
      const data = picture.lenses.map((lens) => {
        const figures = unitsOf(lens).find((u) => u.name === name);
        return figures && figures.shown ? figures.mean : null;
      });
      const look = { label: unitName(name), data, borderColor: colour, pointBackgroundColor: colour,
                     pointStyle: palette.markers[index % palette.markers.length] };
      if (asBars) return { ...look, backgroundColor: colour, borderWidth: 3 };
      return { ...look, backgroundColor: "transparent", borderWidth: 4,
               borderDash: dash.map((d) => d * 4), pointRadius: 10, spanGaps: false };
    })];
  }

  // A unit's marker as a small drawing, for the legend (the shapes Chart.js draws).
  const SVG = "http://www.w3.org/2000/svg";
  const SHAPES = {
    circle: '<circle cx="10" cy="10" r="6.5"/>',
    triangle: '<polygon points="10,2.5 17.5,16.5 2.5,16.5"/>',
    rect: '<rect x="3.5" y="3.5" width="13" height="13"/>',
    rectRot: '<polygon points="10,1.5 18.5,10 10,18.5 1.5,10"/>',
    crossRot: '<path d="M3.5 3.5L16.5 16.5M16.5 3.5L3.5 16.5" fill="none"/>',
    star: '<path d="M10 2V18M2 10H18M4.3 4.3L15.7 15.7M15.7 4.3L4.3 15.7" fill="none"/>',
  };
  function markerSwatch(style, colour) {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 20 20");
    svg.setAttribute("class", `legend-shape shape-${style}`);
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("fill", colour);
    svg.setAttribute("stroke", colour);
    svg.setAttribute("stroke-width", "3");
    svg.innerHTML = SHAPES[style] || SHAPES.circle;
    return svg;
  }

  // The legend in HTML (real text, so it scales and is read out), with the shapes.
  function renderLegend(datasets) {
    $(".radar-legend").replaceChildren(...datasets.map((dataset) => {
      const item = element("span", "legend-item");
      item.dataset.colour = dataset.borderColor;
      item.dataset.marker = dataset.pointStyle;
      item.append(markerSwatch(dataset.pointStyle, dataset.borderColor), document.createTextNode(dataset.label));
      return item;
    }));
    const summary = current.lenses.map((lens) => `${lensName[lens.key]} ${format(lens.mean)}`).join(", ");
    $("#radar").setAttribute("aria-label", `${T.radar}: ${summary}`);
  }

  // A lens where the parties cannot be told apart ("spread") reads in its consensus band's
  // words, as the report does: "views differ" on every lens of a room of mixed views was
  // more alarm than the figures carry.
  function readingText(code, lens) {
    const band = lens && lens.divergence && lens.divergence.band;
    if (code === "spread" && T.bands[band]) {
      const words = T.bands[band];
      return words.charAt(0).toUpperCase() + words.slice(1);
    }
    return T.readings[code] || "";
  }

  function agendaLine(item) {
    const lens = current.lenses.find((l) => l.key === item.lens);
    const gap = lens && lens.divergence.gap;
    const row = element("li");
    row.dataset.lens = item.lens;
    const head = element("p", "agenda-head");
    head.append(element("strong", "", lensName[item.lens]),
                document.createTextNode(`: ${readingText(item.reading, lens).toLowerCase()}`));
    if (item.reading === "between_parties" && gap) {
      head.append(element("span", "agenda-parties", ` — ${between(gap)}`));
    }
    row.append(head);
    // The reading says what kind of difference; the reasons add only what it does not.
    const band = lens && lens.divergence.band;
    const reasons = item.reasons.filter((r) => !["none", "low_consensus", "mixed_consensus", item.reading].includes(r))
      .map((r) => T.reasons[r] || r);
    // Where the head already says the band ("broad agreement", or a band for a lens whose
    // parties cannot be told apart), the detail gives the figure under its own name.
    const said = item.reading === "agreement" || readingText(item.reading, lens) !== (T.readings[item.reading] || "");
    const figure = format(item.consensus, two);
    const agreed = said || !T.bands[band] ? `${T.consensusChange} ${figure}` : `${T.bands[band]} (${figure})`;
    const detail = [agreed, ...reasons].join(" · ");
    row.append(element("p", "agenda-detail", detail));
    return row;
  }

  function renderOverview(picture) {
    const datasets = radarDatasets(picture);
    radar.data.datasets = datasets;
    radar.update(reduced ? "none" : undefined);
    renderLegend(datasets);
    const list = $(".agenda-list");
    if (!picture.agenda.length) {  // no scores yet, or fewer than min_group on every lens
      const empty = picture.respondents ? fill(T.agendaTooFew, { k: picture.min_group }) : T.agendaEmpty;
      list.replaceChildren(element("li", "muted empty", empty));
      return;
    }
    list.replaceChildren(...picture.agenda.map(agendaLine));
  }

  // --- lobby and scoring -----------------------------------------------------
  function renderLobby(picture) {
    const organisations = picture.participation.organisations;
    $(".joined-total").textContent = picture.participants
      ? plural(T.counts.joined, picture.participants) : T.nobodyYet;
    $(".organisation-chips").replaceChildren(...organisations.map((o) => {
      const chip = element("li", o.participants ? "chip" : "chip absent");
      chip.append(element("span", "", o.name), element("strong", "chip-count", String(o.participants)));
      return chip;
    }));
  }

  // The scoring timer, large beside the title; at zero it says so and nothing closes.
  const countdown = Countdown((left) => {
    const box = $("#scoring-timer");
    box.hidden = left === null;
    if (left === null) return;
    $(".timer-label", box).textContent = left > 0 ? T.timeLeft : T.timeUp;
    $(".timer-value", box).textContent = left > 0 ? Countdown.format(left) : "";
    box.classList.toggle("up", left === 0);
  });

  function renderScoring(picture) {
    countdown.set(picture.phase === "scoring" ? picture.remaining : null);
    $("#scoring-title").textContent = picture.focus
      ? fill(T.scoringLens, { lens: lensName[picture.focus] }) : T.scoring;
    const share = (finished, total) => `${(100 * finished) / Math.max(1, total)}%`;
    $(".scoring-view .meter-fill").style.width = share(picture.finished, picture.participants);
    $(".room-finished").textContent = fill(T.finished, picture);
    $(".organisation-progress").replaceChildren(...picture.participation.organisations.map((o) => {
      const item = element("li", o.participants ? "" : "absent");
      const meter = element("span", "meter small");
      const bar = element("span", "meter-fill");
      bar.style.width = share(o.finished, o.participants);
      meter.append(bar);
      meter.setAttribute("aria-hidden", "true");
      item.append(element("span", "organisation-name", o.name), meter,
                  element("strong", "organisation-value", fill(T.finished, { finished: o.finished, participants: o.participants })));
      return item;
    }));
  }

  // --- groups, rounds compared, agreements ----------------------------------
  // Each group as a picture, readable from the back row: its size as one dot a person,
  // and on the lenses where it differs most its mean (filled) beside the rest of the room
  // (hollow) on the scale. Anonymous: no organisation is named per group.
  const onScale = (value) => `${(100 * (value - scale.min)) / (scale.max - scale.min)}%`;
  function groupLens(lens) {
    const row = element("div", "group-lens");
    row.append(element("span", "group-lens-name", lensName[lens.lens] || lens.lens));
    const track = element("span", "group-track");
    track.setAttribute("aria-hidden", "true");
    for (let point = scale.min; point <= scale.max; point++) {
      const tick = element("span", "group-tick", String(point));
      tick.style.left = onScale(point);
      track.append(tick);
    }
    const rest = element("span", "group-dot rest");
    rest.style.left = onScale(lens.rest_mean);
    const own = element("span", "group-dot own");
    own.style.left = onScale(lens.mean);
    track.append(rest, own);
    row.append(track, element("span", "group-values",
      fill(T.groups.values, { mean: format(lens.mean), rest: format(lens.rest_mean) })));
    return row;
  }

  function renderGroups(groups) {
    if (!groups) return;
    // "follow the organisations' lines" only where the counts allow it: as many groups
    // as organisations (the report's rule, facilitator/pdf/readings.py).
    const even = groups.organisations === undefined || groups.k === groups.organisations;
    const summary = !groups.follows_organisations ? T.groups.across
      : even ? T.groups.follows : T.groups.partly;
    $(".groups-summary").textContent = fill(summary, groups);
    $(".groups-key").hidden = !groups.groups.some((group) => group.lenses.length);
    $(".group-list").replaceChildren(...groups.groups.map((group, index) => {
      const item = element("li", "group");
      const head = element("p", "group-head");
      head.append(element("strong", "", fill(T.groups.group, { ...group, n: index + 1 })));
      const people = element("span", "group-people");
      people.setAttribute("aria-hidden", "true");
      for (let n = 0; n < group.size; n++) people.append(element("span", "person"));
      head.append(people);
      item.append(head);
      const traits = group.lenses.map((lens) => fill(lens.mean > lens.rest_mean ? T.groups.higher : T.groups.lower,
        { lens: lensName[lens.lens], mean: format(lens.mean), rest: format(lens.rest_mean) }));
      if (traits.length) item.append(element("span", "sr-only", ` — ${traits.join("; ")}`));
      item.append(...group.lenses.map(groupLens));
      return item;
    }));
  }

  function changeRow(round, lens) {
    const row = element("li", "change");
    row.dataset.lens = lens.key;
    row.append(element("strong", "change-lens", lensName[lens.key]));
    if (round.kind === "future") {
      row.append(element("span", "change-values", `${T.now} ${format(lens.mean_before)} → ${T.wish} ${format(lens.mean_after)}`));
      const gap = lens.gap === null ? "–" : `${lens.gap > 0 ? "+" : ""}${format(lens.gap)}`;
      row.append(element("span", "change-verdict", `${T.gap} ${gap}`));
    } else {
      row.append(element("span", "change-values",
        `${T.consensusChange} ${format(lens.consensus_before, two)} → ${format(lens.consensus_after, two)}`));
      if (lens.converged !== null) {
        row.append(element("span", `change-verdict ${lens.converged ? "closer" : "apart"}`, lens.converged ? T.converged : T.diverged));
      }
    }
    return row;
  }

  function renderComparison(comparison) {
    const rounds = (comparison || []).filter((round) => round.lenses.some((lens) => lens.mean_after !== null));
    $(".comparisons").replaceChildren(...rounds.map((round) => {
      const block = element("div", "round-comparison");
      block.append(element("h2", "", T.comparisonHead[round.kind] || fill(T.round, { n: round.round, kind: T.rounds[round.kind] })));
      const list = element("ul", "changes");
      list.dataset.fit = "1";
      list.append(...round.lenses.map((lens) => changeRow(round, lens)));
      block.append(list);
      return block;
    }));
  }

  function renderAgreements(agreements) {
    $(".agreements-empty").hidden = agreements.length > 0;
    $(".agreement-table").hidden = !agreements.length;
    $(".agreement-table tbody").replaceChildren(...agreements.map((a) => {
      const row = element("tr");
      const due = a.due ? dayFormat.format(new Date(`${a.due}T12:00:00`)) : "–";   // as that calendar day
      row.append(element("td", "lens-tag", lensName[a.lens] || a.lens), element("td", "", a.text),
                 element("td", "", a.who || "–"), element("td", "", due));
      return row;
    }));
  }

  // --- the follow-up of earlier agreements ------------------------------------
  // Per agreement the room's answers as one bar in the scale's order, the room's status,
  // and where parties see it differently, which one (lenses/follow_up.py).
  const followUpLabel = Object.fromEntries(T.followUp);   // T.followUp: [value, text] in the scale's order
  function followUpBar(item) {
    const bar = element("div", "follow-bar");
    const parts = T.followUp.map(([value]) => value).filter((value) => item.counts[value]);
    bar.setAttribute("role", "img");
    bar.setAttribute("aria-label", parts.map((value) => `${followUpLabel[value]}: ${item.counts[value]}`).join(", "));
    for (const value of parts) {
      const part = element("span", `segment value-${value}`, String(item.counts[value]));
      part.style.flexGrow = String(item.counts[value]);
      bar.append(part);
    }
    return bar;
  }

  // As many views as the server names ("follow_up", "follow_up:2", …: FOLLOW_UP_PAGE
  // agreements a view, lenses/presentation.py), the agreements shared out over them.
  const followUpFirst = $(".view[data-view='follow_up']");
  function followUpPage(number) {
    const id = number === 1 ? "follow_up" : `follow_up:${number}`;
    let view = $(`.view[data-view="${id}"]`);
    if (!view) {
      view = followUpFirst.cloneNode(true);
      view.dataset.view = id;
      $("h1", view).id = `follow-up-title-${number}`;
      view.setAttribute("aria-labelledby", `follow-up-title-${number}`);
      followUpFirst.after(view);
    }
    return view;
  }

  function renderFollowUp(items, views) {
    const pages = Math.max(1, views.filter((id) => id.split(":")[0] === "follow_up").length);
    const per = Math.max(1, Math.ceil(items.length / pages));
    for (const view of $$(".follow-up-view")) {
      const number = view.dataset.view === "follow_up" ? 1 : Number(view.dataset.view.split(":")[1]);
      if (number > pages) view.remove();
    }
    for (let number = 1; number <= pages; number++) {
      const view = followUpPage(number);
      $(".follow-up-page", view).textContent = pages > 1 ? fill(T.position, { n: number, total: pages }) : "";
      renderFollowUpList(view, items.slice((number - 1) * per, number * per));
    }
  }

  function renderFollowUpList(view, items) {
    $(".follow-up-list", view).replaceChildren(...items.map((item) => {
      const row = element("li", "follow-up");
      const head = element("p", "follow-up-text", item.text);
      // Who, and how many answered, beside the agreement: the note keeps to the status.
      const beside = [item.who, item.shown ? plural(T.followUpAnswers, item.n) : ""].filter(Boolean);
      if (beside.length) head.append(element("span", "muted", ` — ${beside.join(" · ")}`));
      row.append(head);
      if (!item.shown) {
        row.append(element("p", "follow-up-note", item.n
          ? fill(T.followUpTooFew, { n: item.n, k: current.min_group }) : plural(T.followUpAnswers, 0)));
        return row;
      }
      row.append(followUpBar(item));
      const notes = [fill(T.followUpRoom, { status: followUpLabel[item.status] || T.followUpNoStatus })];
      if (item.gap) {
        const statusOf = Object.fromEntries(item.organisations.map((o) => [o.name, o.status]));
        // The follow-up compares units too (lenses/follow_up.py): the pool in this language.
        for (const name of item.gap.between) notes.push(fill(T.followUpSees, { organisation: unitName(name), status: followUpLabel[statusOf[name]] }));
      }
      row.append(element("p", `follow-up-note${item.gap ? " differs" : ""}`, notes.join(" · ")));
      return row;
    }));
  }

  // --- fitting a view to the screen ------------------------------------------
  // A view never scrolls: while it overflows, the list with the lowest priority
  // (data-fit: 1 goes first) shows fewer of its items, and a "+ n more" line says so.
  // A list keeps every item whose removal would not help: when something else overflows
  // (a chart that has not been redrawn at the new size yet, in a page behind another
  // one), dropping items would only empty the list.
  function overflow(view) {
    return Math.max(0, view.scrollHeight - view.clientHeight) + Math.max(0, view.scrollWidth - view.clientWidth);
  }

  function moreLine(list, hidden) {
    const row = element(list.tagName === "TBODY" ? "tr" : "li", "more");
    if (list.tagName === "TBODY") {
      const cell = element("td", "", fill(T.more, { n: hidden }));
      cell.colSpan = 4;
      row.append(cell);
    } else row.textContent = fill(T.more, { n: hidden });
    return row;
  }

  function fit(view) {
    const lists = $$("[data-fit]", view).filter((list) => list.offsetParent !== null)
      .sort((a, b) => Number(a.dataset.fit) - Number(b.dataset.fit));
    for (const list of lists) {
      if (overflow(view) <= 1) return;
      // All the list's items: as rendered, or as kept by an earlier fit of the same render.
      const children = [...list.children];
      if (!list.allItems || !children.some((item) => item.classList.contains("more"))) list.allItems = children;
      const items = list.allItems;
      const show = (count) => list.replaceChildren(
        ...items.slice(0, count), ...(count < items.length ? [moreLine(list, items.length - count)] : []));
      // The most items that fit; else, the most that leave the least overflow.
      let best = items.length, least = overflow(view);
      for (let count = items.length - 1; count >= 1 && least > 1; count--) {
        show(count);
        const left = overflow(view);
        if (left < least - 1) { best = count; least = left; }
      }
      show(best);
    }
  }

  // --- which view is shown ----------------------------------------------------
  let shownView = null;
  function showView(id, views) {
    const known = $(`.view[data-view="${CSS.escape(id)}"]`) ? id : "overview";
    for (const view of $$(".view")) view.hidden = view.dataset.view !== known;
    shownView = known;
    document.body.dataset.view = known;
    document.body.dataset.views = views.join(" ");
    const index = views.indexOf(id);
    $(".bar-position").textContent = views.length > 1 && index >= 0
      ? fill(T.position, { n: index + 1, total: views.length }) : "";
    const view = $(`.view[data-view="${CSS.escape(known)}"]`);
    // While an animation runs Chart.js puts the resize off to its next frame (a page
    // behind another one gets none until it is in front: the layout does not wait for it).
    if (known === "overview") { radar.resize(); sizeRadar(); }
    fit(view);
  }

  // Which round the results are of, above every view of results (several rounds only).
  function renderRound(text) {
    for (const view of $$(".view:not([data-view='lobby']):not([data-view='scoring'])")) {
      let kicker = $(":scope > .round-kicker", view);
      if (!kicker) { kicker = element("p", "round-kicker"); view.prepend(kicker); }
      kicker.textContent = text;
      kicker.hidden = !text;
    }
  }

  // --- the whole picture ---------------------------------------------------
  let current = page.picture;
  let views = page.picture.views || ["overview"];
  function render(picture) {
    // Pushes may overtake each other; never draw an older picture over a newer one.
    if (picture.version < current.version && picture !== page.picture) return;
    current = picture;
    views = picture.views;
    const kind = (picture.rounds.find((r) => r.number === picture.round) || {}).kind;
    $("#state").textContent = T.phases[picture.phase];
    renderRound(picture.rounds.length > 1 ? fill(T.roundKicker, { n: picture.round, kind: T.rounds[kind] }) : "");
    $("#joined").textContent = plural(T.counts.joined, picture.participants);
    $("#respondents").textContent = plural(T.counts.scored, picture.respondents);
    renderLobby(picture);
    renderScoring(picture);
    if (!picture.hidden) {
      renderOverview(picture);
      for (const figures of picture.lenses) {
        const view = lensViews.get(figures.key);
        if (view) renderLens(view, figures);
      }
      renderGroups(picture.groups);
      renderComparison(picture.comparison);
      renderAgreements(picture.agreements);
      renderFollowUp(picture.follow_up || [], picture.views || []);
    }
    showView(picture.view, picture.views);
  }

  // --- leading from this screen: a clicker or the keyboard -------------------
  const socket = io({ transports: ["websocket", "polling"], tryAllTransports: true });   // polling where WebSocket is refused
  const STEPS = { PageDown: 1, ArrowRight: 1, ArrowDown: 1, " ": 1, PageUp: -1, ArrowLeft: -1, ArrowUp: -1 };
  if (!page.link) {   // a projector link only watches
    document.addEventListener("keydown", (event) => {
      const step = STEPS[event.key];
      if (!step || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.target.closest && event.target.closest("button, input, select, textarea")
          && event.key === " ") return;
      event.preventDefault();
      socket.emit("present", { session: page.session, step }, () => {});
    });
  }

  // A discreet full-screen button that hides itself in full screen and when the mouse rests.
  const full = $("#fullscreen");
  let resting = null;
  function wake() {
    document.body.classList.remove("resting");
    clearTimeout(resting);
    resting = setTimeout(() => document.body.classList.add("resting"), 3000);
  }
  if (!document.fullscreenEnabled) full.hidden = true;
  full.addEventListener("click", () => {
    if (document.fullscreenElement) document.exitFullscreen();
    else document.documentElement.requestFullscreen().catch(() => {});
  });
  document.addEventListener("fullscreenchange", () => {
    full.hidden = Boolean(document.fullscreenElement);
  });
  document.addEventListener("mousemove", wake);
  wake();

  // After a resize (the window moved onto a beamer), the view is drawn and fitted again
  // once the sizes have settled, and again when the page comes to the front: a page behind
  // another one gets no animation frames, so what waits for one is done then.
  let resized = null;
  function redraw() { sizeRadar(); render(current); }
  window.addEventListener("resize", () => {
    clearTimeout(resized);
    resized = setTimeout(redraw, 100);
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") redraw();
  });
  if (document.fonts) document.fonts.ready.then(redraw);

  sizeRadar();
  render(page.picture);
  socket.on("connect", () => {
    $("#connection").textContent = "";
    const watch = page.link ? { link: page.link } : { session: page.session };
    socket.emit("watch", watch, (answer) => {
      if (answer.error) return;
      current = answer;   // after a server restart the versions start again
      render(answer);
    });
  });
  socket.on("disconnect", () => { $("#connection").textContent = T.reconnecting; });
  socket.on("picture", (picture) => { if (picture.session === page.session) render(picture); });
  socket.on("view", (message) => {
    if (message.session !== page.session) return;
    current = { ...current, view: message.view, views: message.views };
    views = message.views;
    showView(message.view, message.views);
  });
  socket.on("state", (message) => {
    if (message.state === "deleted" || message.state === "revoked") window.location.reload();
  });
})();
