// Dyad timelines: /api/series drawn as three plotly charts and a table of the same figures.
"use strict";

const QUADS = [["verbal_coop", "verbal cooperation", "#4c9f70"], ["material_coop", "material cooperation", "#1f6f43"],
               ["verbal_conflict", "verbal conflict", "#e0904a"], ["material_conflict", "material conflict", "#b3322c"]];
const COLUMNS = ["period", "events", "goldstein_sum", "goldstein_mean", ...QUADS.map((q) => q[0]), "tone_mean",
                 "articles"];

function clear() {
  for (const id of ["counts", "goldstein", "quads"]) Plotly.purge(id);
  document.querySelector("#rows thead").replaceChildren();
  document.querySelector("#rows tbody").replaceChildren();
}

function draw(rows, title) {
  const x = rows.map((r) => r.period);
  dyads.plot("counts", [
    {type: "bar", name: "events", x, y: rows.map((r) => r.events), marker: {color: "#3b6ea8"}},
    {type: "scatter", mode: "lines+markers", name: "articles", x, y: rows.map((r) => r.articles),
     line: {color: "#999", dash: "dot"}},
  ], {title: {text: `Events and articles: ${title}`}, yaxis: {title: {text: "count"}, rangemode: "tozero"}});
  dyads.plot("goldstein", [
    {type: "scatter", mode: "lines+markers", name: "Goldstein mean", x, y: rows.map((r) => r.goldstein_mean),
     connectgaps: false, line: {color: "#6a3d9a"}},
  ], {title: {text: "Goldstein mean (-10 conflict .. +10 cooperation)"}, yaxis: {range: [-10, 10], zeroline: true}});
  dyads.plot("quads", QUADS.map(([key, name, color]) => (
    {type: "bar", name, x, y: rows.map((r) => r[key]), marker: {color}})),
  {title: {text: "QuadClass shares"}, barmode: "stack", legend: {orientation: "h", traceorder: "normal"}, yaxis: {range: [0, 1], tickformat: ".0%"}});
}

function table(rows) {
  const head = document.querySelector("#rows thead");
  head.append(dyads.el("tr", {}, ...COLUMNS.map((c) => dyads.el("th", {text: c}))));
  const body = document.querySelector("#rows tbody");
  for (const row of rows) {
    body.append(dyads.el("tr", {}, ...COLUMNS.map((c) => dyads.el("td", {text: dyads.number(row[c])}))));
  }
}

async function load(params) {
  clear();
  const who = params.get("actor") || params.get("dyad") || params.get("group");
  if (!who) { dyads.status("Give one of actor, dyad or group."); return; }
  dyads.status("Loading...");
  try {
    const data = await dyads.getJSON("/api/series", params);
    if (!data.rows.length) { dyads.status("No stored event matches these filters."); return; }
    const total = data.rows.reduce((sum, r) => sum + r.events, 0);
    dyads.status(`${total} event(s) in ${data.rows.length} period(s) for ${who}.`);
    draw(data.rows, who);
    table(data.rows);
  } catch (err) {
    dyads.status(err.message, true);
  }
}

dyads.actorSuggestions();
dyads.bindForm(document.getElementById("query"), load);
