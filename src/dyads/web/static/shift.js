// The stance shift: /api/shift as a verdict, the two windows' figures, root and QuadClass shares before and
// after, what appeared and vanished, and the sentences that carry it (each linking to its article).
"use strict";

function summary(data) {
  const body = document.querySelector("#summary tbody");
  body.replaceChildren();
  const b = data.windows.before, a = data.windows.after, c = data.change;
  const ci = c.goldstein_ci ? ` (95 % CI ${dyads.number(c.goldstein_ci[0], 1)} .. ${dyads.number(c.goldstein_ci[1], 1)})` : "";
  for (const [name, before, after, change] of [
    ["window", b.label, a.label, ""], ["events", b.events, a.events, ""], ["articles", b.articles, a.articles, ""],
    ["Goldstein mean", dyads.number(b.goldstein_mean), dyads.number(a.goldstein_mean), dyads.number(c.goldstein_mean) + ci],
    ["tone mean", dyads.number(b.tone_mean), dyads.number(a.tone_mean), dyads.number(c.tone_mean)]]) {
    body.append(dyads.el("tr", {}, dyads.el("th", {text: name}), dyads.el("td", {text: before ?? ""}),
                         dyads.el("td", {text: after ?? ""}), dyads.el("td", {text: change})));
  }
}

function shares(id, rows, label, title, windows) {
  const shown = rows.filter((r) => (r.before || 0) + (r.after || 0) > 0);
  const x = shown.map(label);
  dyads.plot(id, [
    {type: "bar", name: `before (${windows.before.label})`, x, y: shown.map((r) => r.before), marker: {color: "#7ea6cf"}},
    {type: "bar", name: `after (${windows.after.label})`, x, y: shown.map((r) => r.after), marker: {color: "#c0504d"}},
  ], {title: {text: title}, barmode: "group", yaxis: {tickformat: ".0%", rangemode: "tozero"},
      // long root names ("03 Express intent to cooperate"): the margin grows to hold them, the legend above
      xaxis: {automargin: true, tickangle: -30}, legend: {orientation: "h", x: 0, y: 1.02, yanchor: "bottom"}});
}

function list(id, items) {
  const node = document.getElementById(id);
  node.replaceChildren(...items.map((i) => dyads.el("li", {text: `${i.kind} ${i.value} (${i.events} event(s))`})));
  if (!items.length) node.append(dyads.el("li", {text: "none"}));
}

function sentences(rows) {
  const body = document.querySelector("#sentences tbody");
  body.replaceChildren();
  for (const s of rows) {
    const link = dyads.el("a", {href: `/article?id=${encodeURIComponent(s.document_id)}#${encodeURIComponent(s.event_id)}`,
                                text: s.sentence});
    body.append(dyads.el("tr", {}, dyads.el("td", {text: s.window}), dyads.el("td", {text: s.date || ""}),
      dyads.el("td", {text: s.source || ""}), dyads.el("td", {text: `${s.code} ${s.name}`}),
      dyads.el("td", {text: s.target || ""}), dyads.el("td", {class: "num", text: dyads.number(s.goldstein, 1)}),
      dyads.el("td", {class: "sentence"}, link)));
  }
}

async function load(params) {
  const result = document.getElementById("result");
  result.hidden = true;
  if (!params.get("docs") && !(params.get("before") && params.get("after"))) {
    dyads.status("Give two windows, before and after (START:END, e.g. 2023:2023), or two articles.");
    return;
  }
  dyads.status("Loading...");
  try {
    const data = await dyads.getJSON("/api/shift", params);
    result.hidden = false;
    document.getElementById("verdict").textContent = data.verdict;
    summary(data);
    shares("roots", data.roots, (r) => `${r.root} ${r.name}`, "CAMEO root shares", data.windows);
    shares("quadshift", data.quads, (r) => r.name, "QuadClass shares", data.windows);
    list("appeared", data.appeared);
    list("vanished", data.vanished);
    sentences(data.sentences);
    dyads.status(`${data.windows.before.events} event(s) before, ${data.windows.after.events} after.`);
  } catch (err) {
    dyads.status(err.message, true);
  }
}

dyads.actorSuggestions();
dyads.bindForm(document.getElementById("query"), load);
