// The actor network: /api/network drawn with plotly at the server's spring-layout positions; arrows from
// source to target, green for cooperation and red for conflict (by Goldstein mean), nodes coloured by community.
"use strict";

const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
                 "#17becf"];

function edgeColor(mean) {
  if (mean === null || mean === undefined || mean === 0) return "#999";
  return mean > 0 ? "#2e8b57" : "#c0392b";
}

function draw(data) {
  const at = data.positions;
  const most = Math.max(1, ...data.edges.map((e) => e.events));
  const arrows = data.edges.filter((e) => at[e.source] && at[e.target]).map((e) => ({
    x: at[e.target][0], y: at[e.target][1], ax: at[e.source][0], ay: at[e.source][1],
    xref: "x", yref: "y", axref: "x", ayref: "y", text: "", showarrow: true, arrowhead: 2, arrowsize: 1,
    arrowwidth: 1 + 4 * e.events / most, arrowcolor: edgeColor(e.goldstein_mean), standoff: 9, startstandoff: 9,
    opacity: 0.75}));
  const middles = {type: "scatter", mode: "markers", hoverinfo: "text", showlegend: false,
    x: data.edges.map((e) => (at[e.source][0] + at[e.target][0]) / 2),
    y: data.edges.map((e) => (at[e.source][1] + at[e.target][1]) / 2),
    text: data.edges.map((e) => `${e.source} → ${e.target}: ${e.events} event(s), Goldstein mean ` +
                                `${dyads.number(e.goldstein_mean, 1)}, codes ${e.codes}`),
    marker: {size: 6, color: "rgba(0,0,0,0.15)"}};
  const nodes = {type: "scatter", mode: "markers+text", hoverinfo: "text", showlegend: false,
    x: data.nodes.map((n) => at[n.key][0]), y: data.nodes.map((n) => at[n.key][1]),
    text: data.nodes.map((n) => n.key), textposition: "top center",
    hovertext: data.nodes.map((n) => `${n.name} (${n.key}): ${n.events_out} out, ${n.events_in} in, community ${n.community}`),
    marker: {size: data.nodes.map((n) => 10 + 3 * Math.sqrt(n.events_out + n.events_in)),
             color: data.nodes.map((n) => PALETTE[(n.community ?? 0) % PALETTE.length]), line: {color: "#fff", width: 1}}};
  dyads.plot("graph", [middles, nodes], {title: {text: `${data.nodes.length} actors, ${data.edges.length} directed edges`},
    annotations: arrows, xaxis: {visible: false}, yaxis: {visible: false, scaleanchor: "x"}, hovermode: "closest",
    margin: {l: 10, r: 10, t: 40, b: 10}});
}

function tables(data) {
  const head = document.querySelector("#edges thead");
  const body = document.querySelector("#edges tbody");
  const columns = ["source", "target", "events", "cooperation", "conflict", "goldstein_mean", "codes"];
  head.replaceChildren(dyads.el("tr", {}, ...columns.map((c) => dyads.el("th", {text: c}))));
  body.replaceChildren(...data.edges.map((e) => dyads.el("tr", {},
    ...columns.map((c) => dyads.el("td", {text: dyads.number(e[c])})))));
  document.getElementById("communities").replaceChildren(
    ...data.communities.map((c, i) => dyads.el("li", {text: `${i}: ${c.join(", ")}`})));
}

async function load(params) {
  Plotly.purge("graph");
  dyads.status("Loading...");
  try {
    const data = await dyads.getJSON("/api/network", params);
    if (!data.nodes.length) { dyads.status("No stored event between two known actors matches these filters."); return; }
    draw(data);
    tables(data);
    dyads.status(`${data.nodes.length} actor(s), ${data.edges.length} edge(s), ${data.communities.length} communities.`);
  } catch (err) {
    dyads.status(err.message, true);
  }
}

dyads.actorSuggestions();
dyads.bindForm(document.getElementById("query"), load, true);
