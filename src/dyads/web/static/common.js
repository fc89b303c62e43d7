// Helpers shared by the dashboard's pages: JSON from our own /api routes, forms kept in the address bar,
// DOM built from text nodes only (data is never parsed as HTML), plotly drawn offline.
"use strict";

const dyads = {
  async getJSON(path, params) {
    const query = params && params.toString() ? "?" + params.toString() : "";
    const response = await fetch(path + query, {headers: {"Accept": "application/json"}});
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (!response.ok) {
      throw new Error((body && (body.error || body.detail)) || `${response.status} ${response.statusText}`);
    }
    return body;
  },

  el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  },

  // The form's filled fields (empty ones left out), and the form filled from the address bar.
  formParams(form) {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form).entries()) {
      if (String(value).trim() !== "") params.append(key, String(value).trim());
    }
    return params;
  },
  fillForm(form, params) {
    for (const [key, value] of params.entries()) {
      const field = form.elements.namedItem(key);
      if (!field) continue;
      if (field.type === "checkbox") field.checked = ["1", "true", "yes", "on"].includes(value);
      else field.value = value;
    }
  },

  // Run `load(params)` now (with the address bar's parameters) and on every submit of the form.
  bindForm(form, load, always) {
    const start = new URLSearchParams(window.location.search);
    dyads.fillForm(form, start);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const params = dyads.formParams(form);
      history.replaceState(null, "", params.toString() ? "?" + params.toString() : window.location.pathname);
      load(params);
    });
    if (always || [...start.keys()].length) load(dyads.formParams(form));
  },

  status(text, isError) {
    const node = document.getElementById("status");
    node.textContent = text;
    node.classList.toggle("error", Boolean(isError));
  },

  async actorSuggestions() {
    const list = document.getElementById("actor-list");
    if (!list) return;
    try {
      const data = await dyads.getJSON("/api/actors");
      const seen = new Set();
      for (const actor of data.actors) {
        for (const value of [actor.key, actor.code]) {
          if (value && !seen.has(value)) { seen.add(value); list.append(dyads.el("option", {value})); }
        }
      }
    } catch (e) { /* suggestions only */ }
  },

  number(value, digits) {
    if (value === null || value === undefined) return "";
    return typeof value === "number" && !Number.isInteger(value) ? value.toFixed(digits ?? 2) : String(value);
  },

  actorName(side) {
    if (!side) return "";
    return side.code || side.key || side.name || "";
  },

  plot(id, traces, layout) {
    const base = {margin: {l: 50, r: 20, t: 40, b: 40}, font: {family: "system-ui, sans-serif", size: 12},
                  paper_bgcolor: "#fff", plot_bgcolor: "#fafafa", legend: {orientation: "h"}};
    return Plotly.newPlot(id, traces, Object.assign(base, layout),
                          {displaylogo: false, responsive: true, modeBarButtonsToRemove: ["sendDataToCloud"]});
  },
};
