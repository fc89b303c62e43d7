// The event table: /api/events with the CLI's filters; each row links to its article.
"use strict";

const EVENT_COLUMNS = ["date", "source", "code", "event", "target", "Goldstein", "conf.", "sentence", "article"];
const CLUSTER_COLUMNS = ["date", "source", "code", "event", "target", "reports", "articles", "sentence"];

function eventRow(e) {
  const link = dyads.el("a", {href: `/article?id=${encodeURIComponent(e.document_id)}#${encodeURIComponent(e.id)}`,
                              text: e.document_title || e.document_id});
  return dyads.el("tr", {"data-event": e.id},
    dyads.el("td", {text: e.date || ""}), dyads.el("td", {text: dyads.actorName(e.source), title: e.source.name}),
    dyads.el("td", {text: e.code}), dyads.el("td", {text: e.name}),
    dyads.el("td", {text: dyads.actorName(e.target), title: e.target.name}),
    dyads.el("td", {class: "num", text: dyads.number(e.goldstein, 1)}),
    dyads.el("td", {class: "num", text: dyads.number(e.confidence)}),
    dyads.el("td", {class: "sentence", text: e.sentence}), dyads.el("td", {}, link));
}

function clusterRow(c) {
  return dyads.el("tr", {"data-cluster": c.cluster_id},
    dyads.el("td", {text: c.date || ""}), dyads.el("td", {text: dyads.actorName(c.source)}),
    dyads.el("td", {text: c.code}), dyads.el("td", {text: c.name}), dyads.el("td", {text: dyads.actorName(c.target)}),
    dyads.el("td", {class: "num", text: c.mentions}), dyads.el("td", {class: "num", text: c.documents}),
    dyads.el("td", {class: "sentence", text: c.sentence}));
}

async function load(params) {
  const head = document.querySelector("#events thead");
  const body = document.querySelector("#events tbody");
  head.replaceChildren();
  body.replaceChildren();
  dyads.status("Loading...");
  try {
    const data = await dyads.getJSON("/api/events", params);
    const clusters = params.get("clusters") === "true";
    head.append(dyads.el("tr", {}, ...(clusters ? CLUSTER_COLUMNS : EVENT_COLUMNS).map((c) => dyads.el("th", {text: c}))));
    for (const row of data.events) body.append(clusters ? clusterRow(row) : eventRow(row));
    const what = clusters ? "cluster(s)" : "event(s)";
    dyads.status(data.events.length ? `${data.events.length} ${what}` + (data.more ? ` shown; more match (page of ${data.limit}).` : ".")
                                    : "No stored event matches these filters.");
  } catch (err) {
    dyads.status(err.message, true);
  }
}

dyads.actorSuggestions();
dyads.bindForm(document.getElementById("query"), load, true);
