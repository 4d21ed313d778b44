// A collaboration's trend: per lens the measured mean per session (solid), the state
// after the conversation (dotted) and the wish (dashed, hollow points): the wish is never
// drawn as a measurement. Which round is which comes from the server (trends.series).
(() => {
  "use strict";
  const canvas = document.getElementById("trend");
  if (!canvas) return;
  const page = JSON.parse(document.getElementById("page-data").textContent);
  // The one palette of facilitator/palette.py (the projector's and the report's), sent by
  // the page as `palette`; a line per lens takes the look of the lens's place.
  const palette = page.palette || { colours: [undefined], markers: ["circle"] };
  const DASHES = { now: [], after: [2, 4], future: [10, 6] };
  const keys = Object.keys(page.lensNames);
  const label = (line) => {
    const name = page.lensNames[line.lens] || line.lens;
    return line.kind === "now" ? name : `${name} — ${page.kinds[line.kind]}`;
  };
  Chart.defaults.font.size = 15;
  new Chart(canvas, {
    type: "line",
    data: {
      // Title and date on lines of their own: narrower, so a phone need not tilt them.
      labels: page.trend.sessions.map((s) => [s.title, s.date.slice(0, 10)]),
      datasets: page.series.map((line) => {
        const index = Math.max(keys.indexOf(line.lens), 0);
        const colour = palette.colours[index % palette.colours.length];
        return {
          label: label(line), data: line.means, borderColor: colour,
          backgroundColor: line.kind === "future" ? "#ffffff" : colour,
          borderDash: DASHES[line.kind] || [], pointStyle: palette.markers[index % palette.markers.length],
          pointRadius: line.kind === "now" ? 6 : 5, borderWidth: line.kind === "now" ? 3 : 2,
          spanGaps: true,
        };
      }),
    },
    options: {
      maintainAspectRatio: false, locale: page.language,
      scales: { y: { suggestedMin: 1, suggestedMax: 5 } },
      plugins: { legend: { position: "bottom", labels: { usePointStyle: true } } },
    },
  });
})();
