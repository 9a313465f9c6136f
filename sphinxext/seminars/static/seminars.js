/* sphinxext-seminars: keep "upcoming" and "past" right in the reader's browser, and show
   talk times in the reader's own time zone.

   The page as built stands without this script; the script only moves talks from
   "upcoming" to "past" once they are over (a site built weeks ago stays right) and
   adds "· 08:00–09:00 your time" next to a talk's own time when the zones differ.
   No network, no framework. "Now" can be pinned with window.SEMINARS_NOW or
   <meta name="seminars-now" content="2030-05-25T15:00:00+02:00"> (tests, screenshots). */
(() => {
  "use strict";

  const HIDDEN = "seminars-hidden";
  const FILTERED = "seminars-filtered";
  const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

  /** Milliseconds since the epoch: the pinned "now" if any, else the clock. */
  function now() {
    let pinned = window.SEMINARS_NOW;
    if (pinned == null) {
      const meta = document.querySelector('meta[name="seminars-now"]');
      pinned = meta && meta.getAttribute("content");
    }
    if (pinned instanceof Date) pinned = pinned.getTime();
    if (typeof pinned === "number" && Number.isFinite(pinned)) return pinned;
    if (typeof pinned === "string" && pinned) {
      const parsed = Date.parse(pinned);
      if (!Number.isNaN(parsed)) return parsed;
    }
    return Date.now();
  }

  /** Whether the talk an element describes is over; null when its end is unknown. */
  function isOver(element, moment) {
    const end = Date.parse(element.getAttribute("data-seminars-end") || "");
    return Number.isNaN(end) ? null : end <= moment;
  }

  function setHidden(element, hidden) {
    if (element) element.classList.toggle(HIDDEN, hidden);
  }

  /** Elements matching selector whose nearest `owner` ancestor is `root` itself. */
  function own(root, selector, owner) {
    return Array.from(root.querySelectorAll(selector)).filter(
      (element) => element.parentElement.closest(owner) === root,
    );
  }

  /** As built: whether an item was hidden (kept for items whose end cannot be read). */
  const builtHidden = new WeakMap();

  function refreshListing(listing, moment) {
    const when = listing.getAttribute("data-seminars-when");
    const items = own(listing, ".seminars-item", ".seminars-listing");
    // :limit: holds after talks move across: the first `limit` talks due, in page order.
    const limitText = listing.getAttribute("data-seminars-limit") || "";
    const limit = /^\d+$/.test(limitText) ? Number(limitText) : Infinity;
    let shownCount = 0;
    for (const item of items) {
      if (!builtHidden.has(item)) builtHidden.set(item, item.classList.contains(HIDDEN));
      const over = isOver(item, moment);
      let hidden = builtHidden.get(item);
      if (over !== null && when === "upcoming") hidden = over;
      else if (over !== null && when === "past") hidden = !over;
      if (!hidden && shownCount >= limit) hidden = true;
      if (!hidden) shownCount += 1;
      setHidden(item, hidden);
    }
    // Group headings (year, month, series) go with their last visible talk; a talk
    // the filter bar hides (seminars-filtered) is not visible either.
    const visible = (item) => !item.classList.contains(HIDDEN) && !item.classList.contains(FILTERED);
    for (const group of own(listing, ".seminars-group", ".seminars-listing")) {
      setHidden(group, !Array.from(group.querySelectorAll(".seminars-item")).some((item) => !item.classList.contains(HIDDEN)));
    }
    const anyShown = items.some(visible);
    for (const empty of own(listing, ".seminars-empty", ".seminars-listing")) {
      setHidden(empty, anyShown);
    }
  }

  function refreshTalk(article, moment) {
    const over = isOver(article, moment);
    if (over === null) return;
    for (const note of own(article, ".seminars-passed", "article.seminars-talk")) {
      setHidden(note, !over);
    }
    if (article.getAttribute("data-seminars-hide-online") !== "1") return;
    // A private room's link goes once the talk is over: the row's <dd> and its <dt>.
    for (const dd of own(article, "dd.seminars-field-online", "article.seminars-talk")) {
      setHidden(dd, over);
      const dt = dd.previousElementSibling;
      if (dt && dt.tagName === "DT") setHidden(dt, over);
    }
  }

  /** Month views: the reader's month and day marked (class, aria-current="date"). */
  function markToday(moment) {
    const today = localDay(new Date(moment));
    for (const table of document.querySelectorAll("table.seminars-calendar")) {
      table.classList.toggle("seminars-this-month", table.getAttribute("data-seminars-month") === today.slice(0, 7));
    }
    for (const cell of document.querySelectorAll("table.seminars-calendar td[data-seminars-date]")) {
      const isToday = cell.getAttribute("data-seminars-date") === today;
      cell.classList.toggle("seminars-today", isToday);
      if (isToday) cell.setAttribute("aria-current", "date");
      else cell.removeAttribute("aria-current");
    }
  }

  function refresh() {
    const moment = now();
    markToday(moment);
    for (const article of document.querySelectorAll("article.seminars-talk")) {
      refreshTalk(article, moment);
    }
    for (const listing of document.querySelectorAll(".seminars-listing")) {
      refreshListing(listing, moment);
    }
  }

  /* -- times in the reader's zone -------------------------------------------------- */

  /** {instant, offset (minutes east of UTC), day "YYYY-MM-DD"} from a datetime attribute. */
  function parseMoment(text) {
    const match = ISO.exec(text || "");
    if (!match || match[4] === undefined || match[6] === undefined) return null;
    const instant = Date.parse(text);
    if (Number.isNaN(instant)) return null;
    let offset = 0;
    if (match[6] !== "Z") {
      const digits = match[6].replace(":", "");
      offset = (digits[0] === "-" ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
    }
    return { instant, offset, day: `${match[1]}-${match[2]}-${match[3]}` };
  }

  function localDay(date) {
    const pad = (n) => String(n).padStart(2, "0");
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  }

  function formatters() {
    const lang = document.documentElement.getAttribute("lang") || undefined;
    const make = (options) => {
      try {
        return new Intl.DateTimeFormat(lang, options);
      } catch (error) {
        return new Intl.DateTimeFormat(undefined, options); // an unknown lang tag
      }
    };
    return {
      time: make({ hour: "numeric", minute: "2-digit" }),
      day: make({ weekday: "short", month: "short", day: "numeric" }),
    };
  }

  function yourTimeLabel() {
    const meta = document.querySelector('meta[name="seminars-your-time"]');
    // "{time} your time", each language with its own order (older pages: a plain label).
    const label = (meta && meta.getAttribute("content")) || "{time} your time";
    return label.includes("{time}") ? label : `{time} ${label}`;
  }

  /** The <time class="seminars-end"> and zone label that follow a start time, if any. */
  function companions(start) {
    let end = null;
    let zone = null;
    for (let node = start.nextElementSibling; node; node = node.nextElementSibling) {
      if (node.classList.contains("seminars-start") || node.classList.contains("seminars-localtime")) break;
      if (!end && node.matches("time.seminars-end")) end = node;
      else if (!zone && node.classList.contains("seminars-zone")) zone = node;
    }
    return { end, zone };
  }

  function annotateLocalTimes() {
    // Talk pages, listings, and the speaker and series pages alike.
    const starts = document.querySelectorAll("time.seminars-start");
    if (!starts.length) return;
    const format = formatters();
    const label = yourTimeLabel();
    let zoneName = "";
    try {
      zoneName = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (error) {
      zoneName = "";
    }
    for (const start of starts) {
      const talk = parseMoment(start.getAttribute("datetime"));
      if (!talk) continue;
      const local = new Date(talk.instant);
      if (-local.getTimezoneOffset() === talk.offset) continue;
      const { end, zone } = companions(start);
      const finish = end && parseMoment(end.getAttribute("datetime"));
      let text = "";
      if (localDay(local) !== talk.day) text += `${format.day.format(local)}, `;
      text += format.time.format(local);
      if (finish) {
        const localEnd = new Date(finish.instant);
        text += "–";
        if (localDay(localEnd) !== localDay(local)) text += `${format.day.format(localEnd)}, `;
        text += format.time.format(localEnd);
      }
      // "· " stays on the line of the talk's own time (a no-break space before it),
      // and the reader's time is one unbreakable piece: a narrow screen breaks
      // after the "·", never before it.
      const span = document.createElement("span");
      span.className = "seminars-localtime";
      // The times isolated, so that a right-to-left line keeps "08:00–09:00" whole.
      const [before, after] = label.split("{time}");
      const times = document.createElement("bdi");
      times.textContent = text;
      const piece = document.createElement("span");
      piece.className = "seminars-localtime-text";
      piece.append(before, times, after || "");
      span.append("· ", piece);
      if (zoneName) span.title = zoneName;
      const last = zone || end || start;
      // Outside the <bdi> that keeps a right-to-left site's times together.
      const anchor = last.parentElement && last.parentElement.localName === "bdi" ? last.parentElement : last;
      anchor.after("\u00a0", span);
    }
  }

  function start() {
    refresh();
    annotateLocalTimes();
    window.setInterval(refresh, 60 * 1000);
    // Background tabs run timers late; catch up as soon as the page is seen again.
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") refresh();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start, { once: true });
  } else {
    start();
  }
})();
