// The start page: the stored articles, each linking to its annotated view.
"use strict";

(async () => {
  try {
    const data = await dyads.getJSON("/api/articles");
    const body = document.querySelector("#articles tbody");
    for (const a of data.articles) {
      body.append(dyads.el("tr", {},
        dyads.el("td", {text: a.published || ""}),
        dyads.el("td", {}, dyads.el("a", {href: `/article?id=${encodeURIComponent(a.id)}`, text: a.title || a.id})),
        dyads.el("td", {class: "source", text: a.source})));
    }
    dyads.status(`${data.articles.length} article(s).`);
  } catch (err) {
    dyads.status(err.message, true);
  }
})();
