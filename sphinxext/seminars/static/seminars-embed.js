/* sphinxext-seminars: the next talks of a seminar archive, on any other web page.

     <div data-seminars-src="https://example.org/seminars/talks.json"
          data-limit="5" data-series="Algebra seminar"></div>
     <script src="https://example.org/_static/seminars-embed.js" defer></script>

   Reads the archive's talks.json (the server must send Access-Control-Allow-Origin),
   lists the next talks with a link to each talk's page, their speakers and the time in
   the reader's time zone and language. If the file cannot be read, a link to the
   archive is shown instead. Everything from the file is text (textContent), and only
   http(s) addresses become links. No dependencies.

   Optional attributes: data-archive (the archive's address for the fallback link and
   relative paths), data-fallback-text, data-empty-text, data-cancelled-text,
   data-postponed-text. Colours: --seminars-embed-link, --seminars-embed-muted,
   --seminars-embed-border, --seminars-embed-background (each falls back to the site's
   --seminars-* variables, then to neutral colours). */
(() => {
  "use strict";

  const STYLE_ID = "seminars-embed-style";
  const CSS = [
    ".seminars-embed{font:inherit;color:inherit;",
    "background:var(--seminars-embed-background,var(--seminars-card-background,transparent));",
    "border:1px solid var(--seminars-embed-border,var(--seminars-border,#d0d7de));",
    "border-radius:.4em;padding:.5em .9em;}",
    ".seminars-embed-list{list-style:none;margin:0;padding:0;}",
    ".seminars-embed-talk{padding:.45em 0;",
    "border-bottom:1px solid var(--seminars-embed-border,var(--seminars-border,#d0d7de));}",
    ".seminars-embed-talk:last-child{border-bottom:0;}",
    ".seminars-embed a{color:var(--seminars-embed-link,var(--seminars-link,#1a5fb4));}",
    ".seminars-embed-title{font-weight:600;}",
    ".seminars-embed-speakers,.seminars-embed-when,.seminars-embed-status,.seminars-embed-empty{",
    "display:block;color:var(--seminars-embed-muted,var(--seminars-muted,#57606a));",
    "font-size:.92em;}",
    ".seminars-embed-cancelled .seminars-embed-title{text-decoration:line-through;}",
  ].join("");
  const TIMEOUT_MS = 15000;
  const MAX_LIMIT = 50;

  /** ``url`` resolved against ``base`` if it is http(s), else null. */
  function httpUrl(url, base) {
    if (typeof url !== "string" || !url) return null;
    try {
      const parsed = new URL(url, base);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (error) {
      return null;
    }
  }

  function text(value) {
    return typeof value === "string" ? value : "";
  }

  function element(name, className, content) {
    const node = document.createElement(name);
    if (className) node.className = className;
    if (content) node.textContent = content;
    return node;
  }

  function addStyle() {
    if (document.getElementById(STYLE_ID)) return;
    const style = document.createElement("style");
    style.id = STYLE_ID;
    style.textContent = CSS;
    (document.head || document.documentElement).appendChild(style);
  }

  function language(box) {
    const holder = box.closest("[lang]");
    const lang = holder ? holder.getAttribute("lang") : "";
    try {
      return lang ? Intl.getCanonicalLocales(lang)[0] : undefined;
    } catch (error) {
      return undefined;
    }
  }

  /** "Tue, 3 Dec 2030, 14:00 – 15:00 CET" in the reader's zone (date only for all-day talks). */
  function when(talk, locale) {
    const start = new Date(talk.start);
    const end = new Date(talk.end);
    if (Number.isNaN(start.getTime())) return "";
    if (talk.all_day) {
      const day = new Date(text(talk.date) + "T00:00:00Z");
      if (Number.isNaN(day.getTime())) return "";
      const format = new Intl.DateTimeFormat(locale, {
        weekday: "short", year: "numeric", month: "short", day: "numeric", timeZone: "UTC",
      });
      return format.format(day);
    }
    const format = new Intl.DateTimeFormat(locale, {
      weekday: "short", year: "numeric", month: "short", day: "numeric",
      hour: "2-digit", minute: "2-digit", timeZoneName: "short",
    });
    if (Number.isNaN(end.getTime()) || typeof format.formatRange !== "function") {
      return format.format(start);
    }
    return format.formatRange(start, end);
  }

  function fallback(box, archive) {
    box.replaceChildren();
    box.classList.add("seminars-embed-failed");
    const label = box.getAttribute("data-fallback-text") || "Seminar talks";
    if (archive) {
      const link = element("a", "seminars-embed-fallback", label);
      link.href = archive;
      box.appendChild(link);
    } else {
      box.appendChild(element("span", "seminars-embed-fallback", label));
    }
  }

  function talkItem(talk, siteBase, locale, box) {
    const item = element("li", "seminars-embed-talk");
    const status = text(talk.status);
    if (status === "cancelled" || status === "postponed") {
      item.classList.add("seminars-embed-" + status);
    }
    const title = text(talk.title) || "TBA";
    const href = httpUrl(talk.url, undefined) || (siteBase && httpUrl(talk.path, siteBase));
    if (href) {
      const link = element("a", "seminars-embed-title", title);
      link.href = href;
      item.appendChild(link);
    } else {
      item.appendChild(element("span", "seminars-embed-title", title));
    }
    const speakers = (Array.isArray(talk.speakers) ? talk.speakers : [])
      .map((p) => {
        if (!p || typeof p !== "object") return "";
        const name = text(p.name);
        const affiliation = text(p.affiliation);
        return name && affiliation ? `${name} (${affiliation})` : name;
      })
      .filter(Boolean);
    if (speakers.length) {
      item.appendChild(element("span", "seminars-embed-speakers", speakers.join(", ")));
    }
    const moment = when(talk, locale);
    if (moment) {
      const time = element("time", "seminars-embed-when", moment);
      time.dateTime = text(talk.start);
      item.appendChild(time);
    }
    if (status === "cancelled" || status === "postponed") {
      const label =
        box.getAttribute(`data-${status}-text`) ||
        (status === "cancelled" ? "Cancelled" : "Postponed");
      item.appendChild(element("span", "seminars-embed-status", label));
    }
    return item;
  }

  function show(box, data, source, archive) {
    const now = Date.now();
    const series = box.getAttribute("data-series");
    let limit = parseInt(box.getAttribute("data-limit") || "5", 10);
    if (!Number.isFinite(limit) || limit < 1) limit = 5;
    limit = Math.min(limit, MAX_LIMIT);
    const site = data && typeof data.site === "object" && data.site ? data.site : {};
    const siteBase = httpUrl(site.url, undefined) || archive;
    const talks = (Array.isArray(data && data.talks) ? data.talks : [])
      .filter((t) => t && typeof t === "object" && typeof t.start === "string")
      .filter((t) => !series || t.series === series)
      .map((t) => ({ talk: t, end: Date.parse(t.end || t.start) }))
      .filter((t) => !Number.isNaN(t.end) && t.end > now)
      .sort((a, b) => Date.parse(a.talk.start) - Date.parse(b.talk.start))
      .slice(0, limit)
      .map((t) => t.talk);
    box.replaceChildren();
    box.classList.add("seminars-embed");
    if (!talks.length) {
      const empty = box.getAttribute("data-empty-text") || "No upcoming talks.";
      const note = element("span", "seminars-embed-empty", empty + " ");
      box.appendChild(note);
      if (archive) {
        const link = element("a", "seminars-embed-archive", text(site.project) || archive);
        link.href = archive;
        note.appendChild(link);
      }
      return;
    }
    const locale = language(box);
    const list = element("ul", "seminars-embed-list");
    for (const talk of talks) list.appendChild(talkItem(talk, siteBase, locale, box));
    box.appendChild(list);
  }

  async function render(box) {
    if (box.getAttribute("data-seminars-state")) return;
    box.setAttribute("data-seminars-state", "loading");
    addStyle();
    const source = httpUrl(box.getAttribute("data-seminars-src"), document.baseURI);
    // The archive: given, else the site root above <prefix>/talks.json.
    const archive =
      httpUrl(box.getAttribute("data-archive"), document.baseURI) ||
      (source ? new URL("../", source).href : null);
    if (!source) {
      fallback(box, archive);
      box.setAttribute("data-seminars-state", "failed");
      return;
    }
    const controller = typeof AbortController === "function" ? new AbortController() : null;
    const timer = controller ? setTimeout(() => controller.abort(), TIMEOUT_MS) : null;
    try {
      const response = await fetch(source, {
        credentials: "omit",
        mode: "cors",
        signal: controller ? controller.signal : undefined,
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const data = await response.json();
      show(box, data, source, archive);
      box.setAttribute("data-seminars-state", "done");
    } catch (error) {
      fallback(box, archive);
      box.setAttribute("data-seminars-state", "failed");
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  function renderAll() {
    document.querySelectorAll("[data-seminars-src]").forEach((box) => {
      render(box);
    });
  }

  window.SeminarsEmbed = { render: renderAll };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", renderAll);
  } else {
    renderAll();
  }
})();
