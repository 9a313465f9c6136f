/* sphinxext-seminars: the filter bar of "talks" listings.

   Reads the listing's own data (<script type="application/json" class="seminars-filter-data">),
   builds the bar (so a page without JavaScript shows the whole listing and no dead controls),
   hides the talks that do not match (class seminars-filtered), keeps the choice in the page
   address (?topic=...&year=2023&q=...; the back button restores it) and says how many talks
   are shown in a live region. Every value is set as text, never as markup.
   No network, no framework. */
(() => {
  "use strict";

  const FACETS = ["series", "topic", "speaker", "kind", "year"];
  const NAMES = [...FACETS, "q"];
  const OUT = "seminars-filtered";
  const HIDDEN = "seminars-hidden";
  const bars = [];

  /** Lower case, without accents: "Zdeborová" is found by "zdeborova". */
  const fold = (text) => String(text).normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

  function readState() {
    const params = new URLSearchParams(window.location.search);
    const state = {};
    for (const name of NAMES) state[name] = params.get(name) || "";
    return state;
  }

  function writeState(state, push) {
    const params = new URLSearchParams(window.location.search);
    for (const name of NAMES) {
      if (state[name]) params.set(name, state[name]);
      else params.delete(name);
    }
    const query = params.toString();
    const url = window.location.pathname + (query ? `?${query}` : "") + window.location.hash;
    window.history[push ? "pushState" : "replaceState"](null, "", url);
  }

  function element(tag, properties, ...children) {
    const node = document.createElement(tag);
    Object.assign(node, properties);
    node.append(...children);
    return node;
  }

  function makeBar(listing, data) {
    const labels = data.labels || {};
    const form = element("form", { className: "seminars-filters", role: "search" });
    form.setAttribute("aria-label", labels.bar || "Filter talks");
    form.addEventListener("submit", (event) => event.preventDefault());
    const controls = {};
    for (const name of FACETS) {
      const values = (data.facets || {})[name] || [];
      if (!values.length) continue;
      const select = element("select", { name });
      select.append(element("option", { value: "" }, labels.all || "All"));
      for (const value of values) select.append(element("option", { value }, value));
      controls[name] = select;
      form.append(element("label", { className: "seminars-filter" }, `${labels[name] || name} `, select));
    }
    const search = element("input", { type: "search", name: "q" });
    controls.q = search;
    form.append(element("label", { className: "seminars-filter" }, `${labels.q || "Search"} `, search));
    const clear = element("button", { type: "button" }, labels.clear || "Clear filters");
    form.append(clear);
    const status = element("p", { className: "seminars-filter-status" });
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    form.append(status);
    listing.prepend(form);

    const change = (push) => {
      const state = {};
      for (const name of NAMES) state[name] = controls[name] ? controls[name].value : "";
      writeState(state, push);
      applyAll(state);
    };
    for (const name of FACETS) if (controls[name]) controls[name].addEventListener("change", () => change(true));
    // Typing makes one history entry (the first key pushes, the next ones replace it).
    let typing = false;
    search.addEventListener("input", () => {
      change(!typing);
      typing = true;
    });
    search.addEventListener("change", () => {
      typing = false;
    });
    clear.addEventListener("click", () => {
      for (const name of NAMES) if (controls[name]) controls[name].value = "";
      change(true);
    });
    return { listing, data, controls, status, labels };
  }

  function matches(record, state, words) {
    for (const name of FACETS) {
      if (state[name] && !(record && (record[name] || []).includes(state[name]))) return false;
    }
    if (!words.length) return true;
    const text = record ? fold(record.text || "") : "";
    return words.every((word) => text.includes(word));
  }

  function apply(bar, state) {
    const { listing, data, controls, status, labels } = bar;
    for (const name of NAMES) {
      const control = controls[name];
      if (!control) continue;
      // A value the menu lacks (a shared link to another listing's topic) is still shown.
      if (control.tagName === "SELECT" && state[name] && !Array.from(control.options).some((o) => o.value === state[name])) {
        control.append(element("option", { value: state[name] }, state[name]));
      }
      if (control.value !== state[name]) control.value = state[name];
    }
    const words = fold(state.q).split(/\s+/).filter(Boolean);
    const talks = data.talks || {};
    const items = Array.from(listing.querySelectorAll(".seminars-item"));
    let shown = 0;
    let total = 0;
    for (const item of items) {
      const record = Object.prototype.hasOwnProperty.call(talks, item.dataset.seminarsTalkId)
        ? talks[item.dataset.seminarsTalkId]
        : null;
      const out = !matches(record, state, words);
      item.classList.toggle(OUT, out);
      if (item.classList.contains(HIDDEN)) continue;
      total += 1;
      if (!out) shown += 1;
    }
    const visible = (item) => !item.classList.contains(HIDDEN) && !item.classList.contains(OUT);
    for (const group of listing.querySelectorAll(".seminars-group")) {
      group.classList.toggle(OUT, !Array.from(group.querySelectorAll(".seminars-item")).some(visible));
    }
    for (const empty of listing.querySelectorAll(".seminars-empty")) {
      if (empty.closest(".seminars-listing") === listing) empty.classList.toggle(HIDDEN, items.some(visible));
    }
    status.textContent = (labels.count || "Talks shown: {shown} of {total}")
      .replace("{shown}", String(shown))
      .replace("{total}", String(total));
  }

  function applyAll(state) {
    for (const bar of bars) apply(bar, state);
  }

  function start() {
    for (const listing of document.querySelectorAll(".seminars-listing[data-seminars-filters]")) {
      const source = Array.from(listing.children).find((child) => child.matches("script.seminars-filter-data"));
      if (!source) continue;
      let data;
      try {
        data = JSON.parse(source.textContent);
      } catch (error) {
        continue; // no bar rather than a broken one
      }
      if (data && typeof data === "object") bars.push(makeBar(listing, data));
    }
    if (!bars.length) return;
    applyAll(readState());
    window.addEventListener("popstate", () => applyAll(readState()));
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start, { once: true });
  } else {
    start();
  }
})();
