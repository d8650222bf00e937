// talkdeck watch --preview: the slides as LibreOffice draws them, following every save.
//
// The server sends the whole state (titles, notes, cues, picture versions, errors) on /events
// whenever something changes. Each slide's figure is kept by the slide's key, which stays with the
// slide when others are added or removed; a new picture is loaded and decoded before it replaces
// the old one, so nothing flickers; every slide keeps its size, and the page scrolls by what moved
// above the reader, so the reader stays on their slide. A broken save shows its errors in #alert
// (role="alert") above the last good pictures.
"use strict";

const $ = (id) => document.getElementById(id);
const slidesEl = $("slides");
const follow = $("follow");
let state = null;
let current = 0;        // the slide in view, 1-based (0: none yet)
let followedBuild = -1; // the build whose edited slide was last scrolled to
let viewTimer = 0;
const byKey = new Map(); // slide key → its figure

// Each picture shown, when: read by the tests and the benchmark.
window.talkdeckSwaps = [];

follow.checked = localStorage.getItem("talkdeck.follow") === "1";
follow.addEventListener("change", () => localStorage.setItem("talkdeck.follow", follow.checked ? "1" : "0"));

function figures() {
  return slidesEl.children;
}

// The slide in view: the first whose bottom is below a third of the window's height.
function slideInView() {
  const figs = figures();
  const line = window.innerHeight / 3;
  let lo = 0, hi = figs.length - 1;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (figs[mid].getBoundingClientRect().bottom < line) lo = mid + 1; else hi = mid;
  }
  return lo + 1;
}

function newFigure() {
  const fig = document.createElement("figure");
  fig.className = "slide empty";
  const img = document.createElement("img");
  img.dataset.v = "0";
  const cap = document.createElement("figcaption");
  fig.append(img, cap);
  return fig;
}

// Load and decode the new picture first, then put it in place in one step.
function showPicture(img, key, v) {
  if (img.dataset.want === String(v)) return;
  img.dataset.want = String(v);
  const next = new Image();
  next.src = `/picture/${key}/${v}.png?run=${state.session}`;
  next.decode().then(() => {
    if (img.dataset.want !== String(v)) return; // a newer one is on its way
    img.src = next.src;
    img.dataset.v = String(v);
    img.closest("figure").classList.remove("empty");
    window.talkdeckSwaps.push({ slide: Number(img.dataset.slide), v: v, at: Date.now() });
  }).catch(() => {
    if (img.dataset.want === String(v)) img.dataset.want = ""; // tried again with the next state
  });
}

function showAlert(errors) {
  const alert = $("alert");
  alert.hidden = errors.length === 0;
  alert.textContent = errors.length
    ? `${errors.join("\n")}\n(the slides below are the last good build)` : "";
}

function showStatus(s) {
  let text;
  if (s.drawing.length) {
    const shown = s.drawing.length <= 6 ? `slide${s.drawing.length > 1 ? "s" : ""} ${s.drawing.join(", ")}`
      : `${s.drawing.length} slides`;
    text = `drawing ${shown} …`;
  } else if (s.errors.length) {
    text = `the last save has ${s.errors.length} error${s.errors.length > 1 ? "s" : ""}`;
  } else if (s.slides.length) {
    text = `${s.slides.length} slides, up to date at ${new Date().toLocaleTimeString()}`;
  } else {
    text = "building …";
  }
  $("status").textContent = text;
  $("office").hidden = !s.officeProblem;
  $("office").textContent = s.officeProblem ? s.office : "";
  const warnings = $("warnings");
  warnings.hidden = s.warnings.length === 0;
  warnings.querySelector("summary").textContent =
    `${s.warnings.length} warning${s.warnings.length === 1 ? "" : "s"}`;
  warnings.querySelector("pre").textContent = s.warnings.join("\n");
}

function showNotes() {
  if (!state) return;
  const slide = state.slides[current - 1];
  for (const fig of slidesEl.querySelectorAll("figure.current")) fig.classList.remove("current");
  if (!slide) {
    $("notes-head").textContent = "";
    $("cue").textContent = "";
    $("notes-text").textContent = "";
    return;
  }
  figures()[current - 1].classList.add("current");
  $("notes-head").textContent = `${slide.n}. ${slide.title}`;
  $("cue").textContent = slide.cue;
  $("notes-text").textContent = slide.notes;
}

function onScroll() {
  const n = slideInView();
  if (n === current) return;
  current = n;
  showNotes();
  clearTimeout(viewTimer);
  viewTimer = setTimeout(() => {
    fetch("/view", { method: "POST", body: JSON.stringify({ slide: current }) }).catch(() => {});
  }, 150);
}

function apply(s) {
  // Where the reader is, to keep that slide where it is when slides are added or removed above it.
  const anchor = current ? figures()[current - 1] : null;
  const anchorTop = anchor ? anchor.getBoundingClientRect().top : 0;
  state = s;
  document.title = s.title ? `${s.title} · talkdeck preview` : "talkdeck preview";
  $("title").textContent = s.title || "talkdeck preview";
  slidesEl.style.setProperty("--aspect", `${s.width} / ${s.height}`);
  showAlert(s.errors);
  showStatus(s);
  document.documentElement.style.setProperty("--top", `${$("top").offsetHeight}px`);
  const keys = new Set(s.slides.map((slide) => slide.key));
  for (const [key, fig] of byKey) {
    if (!keys.has(key)) { fig.remove(); byKey.delete(key); }
  }
  s.slides.forEach((slide, i) => {
    let fig = byKey.get(slide.key);
    if (!fig) { fig = newFigure(); byKey.set(slide.key, fig); }
    if (slidesEl.children[i] !== fig) slidesEl.insertBefore(fig, slidesEl.children[i] || null);
    const img = fig.querySelector("img");
    img.dataset.slide = String(slide.n);
    fig.dataset.title = slide.title;
    fig.querySelector("figcaption").textContent = `${slide.n}. ${slide.title}`;
    img.alt = `Slide ${slide.n}: ${slide.title}`;
    fig.classList.toggle("stale", slide.stale && slide.v > 0);
    fig.classList.toggle("failed", slide.failed);
    if (slide.v > 0) showPicture(img, slide.key, slide.v);
  });
  if (anchor && anchor.isConnected) {
    window.scrollBy(0, anchor.getBoundingClientRect().top - anchorTop);
  }
  const figs = figures();
  if (follow.checked && s.edited && s.builds !== followedBuild && figs[s.edited - 1]) {
    followedBuild = s.builds;
    figs[s.edited - 1].scrollIntoView({ block: "center" });
  }
  current = Math.min(slideInView() || 0, s.slides.length);
  showNotes();
}

function connect() {
  const events = new EventSource("/events");
  events.onmessage = (e) => apply(JSON.parse(e.data));
  events.onerror = () => {
    $("status").textContent = "disconnected: is talkdeck watch --preview still running? (retrying)";
  };
}

window.addEventListener("scroll", () => requestAnimationFrame(onScroll), { passive: true });
window.addEventListener("resize", () => requestAnimationFrame(onScroll));
connect();
