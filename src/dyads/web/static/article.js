// The annotated article: /api/record/ID's segments, cut into pieces at every mark, with actors, event
// predicates, quotes and dates highlighted; each event's "why" on the right, its spans lit on click.
"use strict";

const SHOWN = {actor: "m-actor", predicate: "m-predicate", quote: "m-quote", date: "m-date"};
const pieceNodes = [];  // [span, [mark, ...]]

function renderSegment(node, segment, marks) {
  node.replaceChildren();
  for (const piece of segment.pieces) {
    if (!piece.marks.length) { node.append(document.createTextNode(piece.text)); continue; }
    const covering = piece.marks.map((i) => marks[i]);
    const classes = [...new Set(covering.map((m) => SHOWN[m.kind]).filter(Boolean))];
    const labels = [...new Set(covering.filter((m) => SHOWN[m.kind]).map((m) => `${m.kind}: ${m.label}`))];
    const span = dyads.el("span", {class: classes.join(" ") || "m-plain", title: labels.join("\n") || null,
                                   text: piece.text});
    const actor = covering.find((m) => m.kind === "actor");
    if (actor) span.dataset.actor = actor.ref;
    pieceNodes.push([span, covering]);
    node.append(span);
  }
}

function select(eventId) {
  for (const [span, covering] of pieceNodes) {
    for (const kind of ["predicate", "source", "target", "sentence"]) {
      span.classList.toggle(`sel-${kind}`, covering.some((m) => m.kind === kind && m.ref === eventId));
    }
  }
  for (const li of document.querySelectorAll("#event-list li")) {
    const on = li.dataset.event === eventId;
    li.classList.toggle("on", on);
    const item = li.querySelector("details");
    if (item && item.open !== on) item.open = on;
  }
  const first = pieceNodes.find(([, covering]) => covering.some((m) => m.ref === eventId && m.kind === "predicate"));
  if (first) first[0].scrollIntoView({block: "center", behavior: "smooth"});
}

function spanText(texts, segment, span) {
  return span && texts[segment] !== undefined ? texts[segment].slice(span[0], span[1]) : "";
}

function why(e, texts) {
  const p = e.provenance || {};
  const rows = [
    ["pattern", p.pattern], ["confidence", dyads.number(p.confidence)], ["mode", e.mode],
    ["source", `${spanText(texts, p.segment, p.source_span) || "-"} → ${e.source.name || "-"} (${e.source.code || "-"})`],
    ["predicate", spanText(texts, p.segment, p.predicate_span) || p.predicate],
    ["target", `${spanText(texts, p.segment, p.target_span) || "-"} → ${e.target.name || "-"} (${e.target.code || "-"})`],
    ["date", e.date ? `${e.date} (${(e.date_info || {}).source || ""})` : "-"],
    ["Goldstein", dyads.number(e.goldstein, 1)], ["sentence", e.sentence],
  ];
  return dyads.el("dl", {class: "why"}, ...rows.flatMap(([k, v]) => [dyads.el("dt", {text: k}), dyads.el("dd", {text: v ?? ""})]));
}

function renderEvents(record, texts) {
  const list = document.getElementById("event-list");
  for (const e of record.events || []) {
    const head = dyads.el("summary", {class: "event-head"},
      dyads.el("b", {text: `${e.code} ${e.name}`}), " ",
      `${dyads.actorName(e.source) || "-"} → ${dyads.actorName(e.target) || "-"}`);
    const item = dyads.el("details", {}, head, why(e, texts));
    const li = dyads.el("li", {"data-event": e.id}, item);
    item.addEventListener("toggle", () => { if (item.open) select(e.id); });
    list.append(li);
  }
  if (!(record.events || []).length) list.append(dyads.el("li", {text: "No event coded."}));
}

function renderActors(record) {
  const list = document.getElementById("actor-names");
  for (const a of record.actors || []) {
    const item = dyads.el("li", {"data-actor": a.id}, dyads.el("span", {class: "m-actor", text: a.name}),
                          ` ${a.code || a.key || ""} (${(a.mentions || []).length})`);
    item.addEventListener("mouseenter", () => document.querySelectorAll(`[data-actor="${a.id}"]`)
      .forEach((n) => n.classList.add("same")));
    item.addEventListener("mouseleave", () => document.querySelectorAll(".same").forEach((n) => n.classList.remove("same")));
    list.append(item);
  }
}

async function load() {
  const id = new URLSearchParams(window.location.search).get("id");
  if (!id) { dyads.status("Give an article: /article?id=ID (pick one on the start page).", true); return; }
  try {
    const data = await dyads.getJSON(`/api/record/${encodeURIComponent(id)}`);
    const record = data.record;
    const texts = Object.fromEntries(data.segments.map((s) => [s.name, s.text]));
    document.title = `${record.title || record.id} - dyads`;
    for (const segment of data.segments) {
      if (segment.name === "title") renderSegment(document.getElementById("title"), segment, data.marks);
      else if (segment.name === "subtitle") renderSegment(document.getElementById("subtitle"), segment, data.marks);
      else if (segment.name === "body") renderSegment(document.getElementById("body"), segment, data.marks);
      else {
        const node = dyads.el("p", {class: "segment caption"});
        renderSegment(node, segment, data.marks);
        document.getElementById("captions").append(node);
      }
    }
    const meta = [record.published, record.publisher, record.dateline, (record.authors || []).join(", "),
                  record.doc].filter(Boolean);
    document.getElementById("meta").textContent = meta.join(" · ");
    renderEvents(record, texts);
    renderActors(record);
    document.getElementById("article").hidden = false;
    dyads.status(`${(record.events || []).length} event(s), ${(record.actors || []).length} actor(s), ` +
                 `${(record.quotes || []).length} quote(s), ${(record.dates || []).length} date(s).`);
    const wanted = decodeURIComponent(window.location.hash.slice(1));
    if (wanted) select(wanted);
  } catch (err) {
    dyads.status(err.message, true);
  }
}

load();
