/* chronicle-embed.js: renders chronicle JSON (schema chronicle.timeline/1 or /2) into <div data-chronicle="timeline.json">,
   and adds search, source filters and a live count to every chronicle timeline (the HTML page inlines this file).
   No dependencies. Data is only ever set with textContent/setAttribute, never parsed as HTML. */
(function () {
  "use strict";

  var SAFE_LINK = /^https?:\/\/[^\s\\]+$/i;
  var SCHEMAS = ["chronicle.timeline/1", "chronicle.timeline/2"];
  /* What the script shows, in the reader's language: chronicle writes this one line from
     data/<locale>/page.toml (chronicle build --locale, --embed-assets); keep it on one line. */
  var LABELS = {"lang": "en", "event_one": "{count} event", "event_other": "{count} events", "exact_day": "exact day", "grouped": "no", "background": "Background", "articles": "Articles", "why_this_date": "Why this date", "sources_disagree": "Sources disagree on the date:", "editor_note": "Editor’s note: {note}", "picture": "Picture", "approximate": "approximate", "conflict": "conflict", "date_corrected": "date corrected by the editor", "added_by_editor": "added by the editor", "featured": "featured", "search": "Search events", "filter": "Filter by source", "filter_legend": "Show events from these sources", "select_all": "Select all", "clear_all": "Clear all", "showing_all": "Showing all {events}", "showing_some": "Showing {shown} of {events}", "load_failed": "This timeline could not be loaded ({error})."};

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      for (var name in attrs) {
        if (Object.prototype.hasOwnProperty.call(attrs, name) && attrs[name] !== null && attrs[name] !== undefined) {
          node.setAttribute(name, String(attrs[name]));
        }
      }
    }
    if (children) {
      for (var i = 0; i < children.length; i++) {
        var child = children[i];
        if (child === null || child === undefined || child === "") continue;
        node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
      }
    }
    return node;
  }

  function slug(text) { return String(text).replace(/[^A-Za-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "x"; }

  function fill(text, values) {
    return String(text).replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  var pluralRules = window.Intl && Intl.PluralRules ? new Intl.PluralRules(LABELS.lang) : null;
  var numbers = window.Intl && LABELS.grouped === "yes" ? new Intl.NumberFormat(LABELS.lang) : null;

  /* "3 events", "3 événements": the count in the locale's plural form (CLDR, as chronicle). */
  function events(n) {
    var form = pluralRules ? LABELS["event_" + pluralRules.select(n)] : null;
    if (!form) form = n === 1 ? LABELS.event_one : LABELS.event_other;
    return fill(form, { count: numbers ? numbers.format(n) : String(n) });
  }

  function titleLink(article, cls, bare) {
    var link = article && typeof article.link === "string" && SAFE_LINK.test(article.link) ? article.link : null;
    var title = article ? String(article.title) : "";
    if (link) return el("a", { "class": cls, href: link }, [title]);
    return el(bare ? "bdi" : "span", bare ? null : { "class": "title" }, [title]);
  }

  function quoteNode(source) {
    var quote = String(source.quote || "");
    var mark = source.highlight;
    var node = el("blockquote");
    if (mark && mark.end > mark.start && mark.start >= 0 && mark.end <= quote.length) {
      node.appendChild(document.createTextNode(quote.slice(0, mark.start)));
      node.appendChild(el("mark", null, [quote.slice(mark.start, mark.end)]));
      node.appendChild(document.createTextNode(quote.slice(mark.end)));
    } else {
      node.appendChild(document.createTextNode(quote));
    }
    return node;
  }

  function sourceNode(source, articles) {
    var article = articles[source.article] || { title: source.article, published_label: "" };
    return el("li", null, [
      quoteNode(source),
      el("p", null, [titleLink(article, null, true), ", " + article.published_label])
    ]);
  }

  function explanations(event) {
    var lines = [];
    var editor = event.editor || {};
    if (editor.created || (editor.changed || []).indexOf("date") >= 0) lines.push(event.date.explanation);
    event.sources.forEach(function (s) {
      var line = s.explanation || (s.timex.text + " \u2192 " + s.timex.value);
      if (lines.indexOf(line) < 0) lines.push(line);
    });
    return lines;
  }

  function showsText(event) {
    return !!event.text && event.sources.every(function (s) { return s.quote !== event.text; });
  }

  function badge(node, cls, text) {
    node.appendChild(document.createTextNode(" "));
    node.appendChild(el("span", { "class": "badge " + cls }, [text]));
  }

  /* What the editor added to an event: note, media (a link: the page makes no requests), link. */
  function editorNodes(event) {
    var editor = event.editor || {};
    var media = event.media && SAFE_LINK.test(event.media.url) ? event.media : null;
    return [
      editor.note ? el("p", { "class": "note" }, [fill(LABELS.editor_note, { note: editor.note })]) : null,
      media ? el("p", { "class": "media" }, [
        el("a", { href: media.url }, [media.caption || LABELS.picture]),
        media.credit ? " " : null,
        media.credit ? el("span", { "class": "credit" }, ["(" + media.credit + ")"]) : null
      ]) : null,
      editor.link && SAFE_LINK.test(editor.link)
        ? el("p", { "class": "link" }, [el("a", { href: editor.link }, [editor.link])]) : null
    ];
  }

  function eventNode(event, articles) {
    var date = event.date;
    var editor = event.editor || {};
    var ids = [];
    event.sources.forEach(function (s) { if (ids.indexOf(s.article) < 0) ids.push(s.article); });
    var when = el("p", { "class": "when" }, [
      date.html_datetime ? el("time", { datetime: date.html_datetime }, [date.label]) : el("span", null, [date.label]),
      date.precision !== LABELS.exact_day ? el("span", { "class": "sr-only" }, [" (" + date.precision + ")"]) : null
    ]);
    if (date.approximate) { when.appendChild(document.createTextNode(" ")); when.appendChild(el("span", { "class": "badge badge-approx" }, [LABELS.approximate])); }
    if (event.conflicts && event.conflicts.length) { when.appendChild(document.createTextNode(" ")); when.appendChild(el("span", { "class": "badge badge-conflict" }, [LABELS.conflict])); }
    if ((editor.changed || []).indexOf("date") >= 0) badge(when, "badge-editor", LABELS.date_corrected);
    if (editor.created) badge(when, "badge-editor", LABELS.added_by_editor);
    if (event.featured) badge(when, "badge-featured", LABELS.featured);
    var aliases = event.aliases && event.aliases.length ? event.aliases.join(" ") : null;
    var item = el("li", { "class": "event" + (event.featured ? " featured" : ""), id: event.id,
      "data-articles": ids.join(" "), "data-aliases": aliases }, [
      event.group ? el("p", { "class": "group" }, [event.group]) : null,
      when,
      el("h3", null, [el("a", { href: "#" + event.id }, [event.headline])]),
      showsText(event) ? el("p", { "class": "text" }, [event.text]) : null
    ].concat(editorNodes(event)));
    if (event.conflicts && event.conflicts.length) {
      var list = el("ul");
      event.conflicts.forEach(function (c) {
        var parts = [c.label + ": "];
        c.articles.forEach(function (id, k) {
          if (k) parts.push("; ");
          parts.push(el("bdi", null, [articles[id] ? String(articles[id].title) : id]));
        });
        list.appendChild(el("li", null, parts));
      });
      item.appendChild(el("div", { "class": "conflicts" }, [el("p", null, [LABELS.sources_disagree]), list]));
    }
    var sources = el("ul", { "class": "sources" });
    event.sources.forEach(function (s) { sources.appendChild(sourceNode(s, articles)); });
    item.appendChild(sources);
    var details = el("details", null, [el("summary", null, [LABELS.why_this_date])]);
    details.appendChild(document.createTextNode(explanations(event).join("\n")));
    item.appendChild(details);
    return item;
  }

  var builds = 0;

  /* Build the same markup as templates/_events.html.j2 inside root, from a chronicle document. */
  function build(root, doc) {
    var suffix = ++builds > 1 ? "-" + builds : "";  /* several timelines on one page: unique ids */
    var articles = {};
    doc.articles.forEach(function (a) { articles[a.id] = a; });
    root.textContent = "";
    root.classList.add("chronicle");
    if (doc.locale) root.setAttribute("lang", String(doc.locale));  /* the labels' language */
    root.appendChild(el("div", { "class": "chronicle-tools", hidden: "" }));
    root.appendChild(el("p", { "class": "chronicle-count", role: "status" }, [events(doc.events.length)]));
    var background = doc.background || [];  /* schema 2: vague and open spans, before the dates */
    if (background.length) {
      var backgroundId = "chronicle-background" + suffix;
      var backgroundList = el("ul", { "class": "events" });
      background.forEach(function (event) { backgroundList.appendChild(eventNode(event, articles)); });
      root.appendChild(el("section", { "class": "background", "aria-labelledby": backgroundId }, [
        el("h2", { "class": "year-heading", id: backgroundId }, [LABELS.background]), backgroundList
      ]));
    }
    var holder = el("div", { "class": "chronicle-events" });
    var section = null, list = null, year = null;
    doc.events.forEach(function (event) {
      if (section === null || event.year !== year) {
        year = event.year;
        var headingId = "chronicle-year-" + slug(year) + suffix;
        list = el("ol", { "class": "events" });
        section = el("section", { "class": "year", "aria-labelledby": headingId }, [
          el("h2", { "class": "year-heading", id: headingId }, [String(year)]), list
        ]);
        holder.appendChild(section);
      }
      list.appendChild(eventNode(event, articles));
    });
    root.appendChild(holder);
    var items = el("ul");
    doc.articles.forEach(function (a) {
      items.appendChild(el("li", { "data-article": a.id }, [
        titleLink(a, "title"), " ",
        el("span", { "class": "meta" }, [
          a.publisher ? a.publisher + ", " : "",
          el("time", { datetime: a.published }, [String(a.published_label)])
        ])
      ]));
    });
    root.appendChild(el("section", { "class": "articles", "aria-labelledby": "chronicle-articles" + suffix }, [
      el("h2", { id: "chronicle-articles" + suffix }, [LABELS.articles]), items
    ]));
  }

  var counter = 0;

  /* What a search looks at: what a reader sees of an event (date label, headline, text, quotes,
     source titles, conflicting dates), never the hidden "Why this date" or screen-reader notes. */
  var SEARCHED = ".group, .when > :first-child, h3, .text, .note, .media a, .conflicts li, blockquote, .sources li > p > a, .sources li > p > bdi";

  function searchText(item) {
    var parts = item.querySelectorAll(SEARCHED);
    var text = [];
    for (var i = 0; i < parts.length; i++) text.push(parts[i].textContent);
    return text.join("\n").toLowerCase();
  }

  /* Search box, source filter and live count over the events already in root. */
  function enhance(root) {
    if (root.hasAttribute("data-ready")) return;
    var tools = root.querySelector(".chronicle-tools");
    var count = root.querySelector(".chronicle-count");
    var nodes = root.querySelectorAll(".chronicle-events li.event");  /* background: always shown */
    var sections = root.querySelectorAll("section.year");
    if (!tools || !count) return;
    var n = ++counter;
    var items = [];
    for (var i = 0; i < nodes.length; i++) {
      items.push({ el: nodes[i], text: null, articles: (nodes[i].getAttribute("data-articles") || "").split(" "),
        section: nodes[i].closest("section.year"), shown: true });
    }
    count.setAttribute("aria-live", "polite");

    var search = el("input", { type: "search", id: "chronicle-search-" + n, autocomplete: "off",
      "aria-controls": "chronicle-count-" + n });
    count.id = "chronicle-count-" + n;
    tools.appendChild(el("div", { "class": "search" }, [
      el("label", { "for": search.id }, [LABELS.search]), search
    ]));
    var boxes = [];
    var fieldset = el("fieldset", null, [el("legend", { "class": "sr-only" }, [LABELS.filter_legend])]);
    var listed = root.querySelectorAll(".articles li[data-article]");
    for (var j = 0; j < listed.length; j++) {
      var id = listed[j].getAttribute("data-article");
      var titleNode = listed[j].querySelector(".title");
      var box = el("input", { type: "checkbox", value: id, checked: "" });
      boxes.push(box);
      fieldset.appendChild(el("label", null, [box, titleNode ? titleNode.textContent : id]));
    }
    var all = el("button", { type: "button" }, [LABELS.select_all]);
    var none = el("button", { type: "button" }, [LABELS.clear_all]);
    fieldset.appendChild(all);
    fieldset.appendChild(none);
    if (boxes.length > 1) {
      tools.appendChild(el("details", { "class": "filter" }, [el("summary", null, [LABELS.filter]), fieldset]));
    }
    tools.hidden = false;

    function apply() {
      var query = search.value.trim().toLowerCase();
      var allowed = {};
      var everything = true;
      boxes.forEach(function (b) { if (b.checked) allowed[b.value] = true; else everything = false; });
      var shown = 0;
      var perSection = new Map();
      items.forEach(function (item) {
        var ok = everything || item.articles.some(function (a) { return allowed[a]; });
        if (ok && query) {
          if (item.text === null) item.text = searchText(item.el);
          ok = item.text.indexOf(query) >= 0;
        }
        if (ok !== item.shown) { item.el.hidden = !ok; item.shown = ok; }
        if (ok) { shown++; perSection.set(item.section, true); }
      });
      for (var k = 0; k < sections.length; k++) {
        var visible = perSection.has(sections[k]);
        if (sections[k].hidden === visible) sections[k].hidden = !visible;
      }
      count.textContent = shown === items.length ? fill(LABELS.showing_all, { events: events(items.length) })
        : fill(LABELS.showing_some, { shown: numbers ? numbers.format(shown) : shown, events: events(items.length) });
    }

    var timer = 0;
    search.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(apply, 120); });
    search.addEventListener("keydown", function (e) { if (e.key === "Enter") { clearTimeout(timer); apply(); } });
    fieldset.addEventListener("change", apply);
    all.addEventListener("click", function () { boxes.forEach(function (b) { b.checked = true; }); apply(); });
    none.addEventListener("click", function () { boxes.forEach(function (b) { b.checked = false; }); apply(); });
    /* In an iframe, article links open a new tab instead of loading the article inside the frame. */
    root.addEventListener("click", function (e) {
      var link = e.target && e.target.closest ? e.target.closest("a[href]") : null;
      if (link && window.top !== window.self && SAFE_LINK.test(link.getAttribute("href"))) {
        link.target = "_blank";
        link.rel = "noopener noreferrer";
      }
    });
    count.textContent = fill(LABELS.showing_all, { events: events(items.length) });
    root.setAttribute("data-ready", "");
    if (window.performance && performance.mark) performance.mark("chronicle-ready");
  }

  /* Deep links (page.html#<event id>). Off-screen events are laid out only when they come near the
     viewport (content-visibility: auto), so the browser's own jump to the fragment works from
     estimated heights and misses; events laid out on arrival then push the target away. Scroll to
     the target again each frame until it holds still (or the reader scrolls). */
  var USER_INPUT = ["wheel", "touchstart", "keydown", "mousedown"];

  /* An id an event had before (data-aliases: entries merged, an earlier report joined) leads to it. */
  function aliasHolder(id) {
    var holders = document.querySelectorAll(".chronicle li.event[data-aliases]");
    for (var i = 0; i < holders.length; i++) {
      if (holders[i].getAttribute("data-aliases").split(" ").indexOf(id) >= 0) return holders[i];
    }
    return null;
  }

  function landOnHash() {
    var id = location.hash.slice(1);
    if (!id) return;
    try { id = decodeURIComponent(id); } catch (e) { return; }
    var target = document.getElementById(id);
    if (!target) {
      var holder = aliasHolder(id);
      if (holder) { location.replace("#" + encodeURIComponent(holder.id)); return; }  /* lands again */
    }
    if (!target || !target.closest || !target.closest(".chronicle")) return;
    var frames = 0, still = 0, want = null, stopped = false;
    function stop() { stopped = true; }
    function jump() {
      try { target.scrollIntoView({ block: "start", behavior: "instant" }); }
      catch (e) { target.scrollIntoView(true); }
      want = target.getBoundingClientRect().top;
    }
    function step() {
      if (!stopped && frames++ < 90) {
        if (want !== null && Math.abs(target.getBoundingClientRect().top - want) < 1) still++;
        else { still = 0; jump(); }
        if (still < 3) { requestAnimationFrame(step); return; }
      }
      USER_INPUT.forEach(function (name) { window.removeEventListener(name, stop); });
    }
    USER_INPUT.forEach(function (name) { window.addEventListener(name, stop, { passive: true }); });
    requestAnimationFrame(step);
  }

  // The host page's colour scheme, so an embed never paints a dark block on a light page (or the
  // reverse): data-theme="light|dark" when the host says so, else the first opaque background
  // behind the container, else the page's own color-scheme.
  function hostTheme(container) {
    var given = container.getAttribute("data-theme");
    if (given === "light" || given === "dark") return given;
    for (var node = container.parentElement; node; node = node.parentElement) {
      var rgba = (getComputedStyle(node).backgroundColor.match(/[\d.]+/g) || []).map(Number);
      if (rgba.length >= 3 && (rgba.length < 4 || rgba[3] > 0.5)) {
        return 0.2126 * rgba[0] + 0.7152 * rgba[1] + 0.0722 * rgba[2] < 128 ? "dark" : "light";
      }
    }
    var scheme = getComputedStyle(document.documentElement).colorScheme || "";
    var osDark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
    if (scheme.indexOf("dark") < 0) return "light";
    return scheme.indexOf("light") < 0 || osDark ? "dark" : "light";
  }

  // data-chronicle="timeline.json" fetches the file; data-chronicle="#some-id" reads the JSON from
  // <script type="application/json" id="some-id"> in the page (works from file:// too).
  function readDocument(ref) {
    if (ref.charAt(0) === "#") {
      var holder = document.getElementById(ref.slice(1));
      if (!holder) return Promise.reject(new Error("no element " + ref + " holds the timeline JSON"));
      return Promise.resolve(holder.textContent).then(JSON.parse);
    }
    return fetch(ref, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    });
  }

  function loadFailed(error) {
    var text = fill(LABELS.load_failed, { error: error.message });
    if (location.protocol === "file:") {
      text += " A page opened from a file may not fetch other files: serve the folder over http" +
        " (for example with python3 -m http.server), or put the JSON in the page as" +
        " <script type=\"application/json\" id=\"timeline-data\"> and set" +
        " data-chronicle=\"#timeline-data\".";
    }
    return text;
  }

  function load(container) {
    container.setAttribute("data-theme", hostTheme(container));
    container.setAttribute("aria-busy", "true");
    return readDocument(container.getAttribute("data-chronicle"))
      .then(function (doc) {
        if (!doc || SCHEMAS.indexOf(doc.schema) < 0) throw new Error("not a chronicle timeline (schema 1 or 2)");
        build(container, doc);
        enhance(container);
        landOnHash();
      })
      .catch(function (error) { container.textContent = loadFailed(error); })
      .then(function () { container.removeAttribute("aria-busy"); });
  }

  function start() {
    var pages = document.querySelectorAll(".chronicle:not([data-chronicle])");
    for (var i = 0; i < pages.length; i++) enhance(pages[i]);
    var embeds = document.querySelectorAll("[data-chronicle]");
    for (var j = 0; j < embeds.length; j++) load(embeds[j]);
    landOnHash();
    window.addEventListener("hashchange", landOnHash);
  }

  window.chronicleTimeline = { build: build, enhance: enhance, load: load };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
