// A collaboration's trend: one line per lens, the mean per session.
(() => {
  "use strict";
  const canvas = document.getElementById("trend");
  if (!canvas) return;
  const page = JSON.parse(document.getElementById("page-data").textContent);
  const PALETTE = ["#E69F00", "#0072B2", "#009E73", "#D55E00", "#CC79A7", "#56B4E9"];
  const POINTS = ["circle", "triangle", "rect", "rectRot", "star", "crossRot"];
  const keys = Object.keys(page.lensNames);
  Chart.defaults.font.size = 15;
  new Chart(canvas, {
    type: "line",
    data: {
      labels: page.trend.sessions.map((s) => `${s.title} (${s.date.slice(0, 10)})`),
      datasets: keys.map((key, index) => ({
        label: page.lensNames[key],
        data: page.trend.sessions.map((s) => {
          const lens = s.lenses.find((l) => l.key === key);
          return lens ? lens.mean : null;
        }),
        borderColor: PALETTE[index % PALETTE.length], backgroundColor: PALETTE[index % PALETTE.length],
        pointStyle: POINTS[index % POINTS.length], pointRadius: 6, borderWidth: 3, spanGaps: true,
      })),
    },
    options: {
      maintainAspectRatio: false, locale: page.language,
      scales: { y: { suggestedMin: 1, suggestedMax: 5 } },
      plugins: { legend: { position: "bottom", labels: { usePointStyle: true } } },
    },
  });
})();
