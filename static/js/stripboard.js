/* The stripboard: move strips with the mouse or a finger (SortableJS) or the keyboard
   (Space picks a strip up, the arrow keys move it, Space puts it down, Escape cancels).
   Every move is saved at once through the API with the board version it was made on; when
   someone else moved something first the server answers 409, the move is undone here and
   the page says what changed. Nothing is re-applied silently. */
(() => {
  "use strict";
  const board = document.getElementById("board");
  if (!board || !board.dataset.movesUrl) return;
  const data = board.dataset;
  let version = Number(data.version);
  let grabbed = null;
  const status = document.getElementById("board-status");
  const problemBox = document.getElementById("board-problem");

  try {
    const colours = JSON.parse(data.colours || "{}");
    for (const [key, value] of Object.entries(colours)) {
      if (/^[a-z_]+$/.test(key) && /^#[0-9a-fA-F]{6}$/.test(value)) {
        board.style.setProperty(`--strip-${key}`, value);
      }
    }
  } catch (error) {
    /* the default colours stay */
  }

  const fill = (template, values) =>
    template.replace(/%\((\w+)\)s/g, (_, key) => String(values[key] ?? ""));
  const say = (text) => {
    status.textContent = text;
  };
  const lists = () => Array.from(board.querySelectorAll("ol.strips"));
  const placeOf = (strip) => {
    const list = strip.parentElement;
    return { list, index: Array.from(list.children).indexOf(strip) };
  };
  const formatEighths = (eighths) => {
    const pages = Math.floor(eighths / 8);
    const rest = eighths % 8;
    if (!rest) return String(pages);
    return pages ? `${pages} ${rest}/8` : `${rest}/8`;
  };
  const updateTotals = (list) => {
    const day = list.closest("section.day");
    if (!day) return;
    let eighths = 0;
    let minutes = 0;
    for (const strip of list.children) {
      eighths += Number(strip.dataset.eighths);
      minutes += Number(strip.dataset.minutes);
    }
    const pages = day.querySelector("[data-day-pages]");
    const time = day.querySelector("[data-day-minutes]");
    if (pages) pages.textContent = formatEighths(eighths);
    if (time) time.textContent = String(minutes);
  };
  const putBack = (strip, from) => {
    const before = strip.parentElement;
    strip.remove();
    from.list.insertBefore(strip, from.list.children[from.index] || null);
    updateTotals(before);
    updateTotals(from.list);
  };
  const showProblem = (text, changes) => {
    document.getElementById("board-problem-text").textContent = text;
    const list = document.getElementById("board-problem-changes");
    list.replaceChildren();
    for (const change of changes || []) {
      const item = document.createElement("li");
      const place = change.to_date || data.msgBoneyard;
      item.textContent = fill(data.msgChange, { scene: change.number, place });
      list.append(item);
    }
    problemBox.hidden = false;
    say(text);
  };

  const refreshConflicts = async () => {
    const response = await fetch(data.conflictsUrl, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    if (!response.ok) return;
    const found = await response.json();
    const list = document.getElementById("conflict-list");
    list.replaceChildren();
    const perDay = new Map();
    for (const conflict of found) {
      const item = document.createElement("li");
      item.textContent = conflict.message;
      item.dataset.kind = conflict.kind;
      list.append(item);
      for (const id of conflict.day_ids) perDay.set(String(id), (perDay.get(String(id)) || 0) + 1);
    }
    document.getElementById("conflicts").hidden = found.length === 0;
    for (const flag of board.querySelectorAll("[data-day-conflicts]")) {
      const count = perDay.get(flag.dataset.dayConflicts) || 0;
      flag.hidden = count === 0;
      flag.textContent = fill(data.msgDayConflicts, { count });
    }
  };

  const save = async (strip, from) => {
    const to = placeOf(strip);
    if (to.list === from.list && to.index === from.index) return;
    updateTotals(from.list);
    updateTotals(to.list);
    const body = {
      scene: Number(strip.dataset.scene),
      to_day: to.list.dataset.day ? Number(to.list.dataset.day) : null,
      position: to.index,
      version,
    };
    let response;
    try {
      response = await fetch(data.movesUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          "X-CSRFToken": data.csrf,
        },
        body: JSON.stringify(body),
      });
    } catch (error) {
      putBack(strip, from);
      showProblem(data.msgFailed);
      return;
    }
    if (response.ok) {
      version = (await response.json()).version;
      board.dataset.version = String(version);
      say(fill(data.msgDropped, { scene: strip.dataset.number, place: to.list.dataset.label }));
      refreshConflicts().catch(() => {});
      return;
    }
    putBack(strip, from);
    let answer = {};
    try {
      answer = await response.json();
    } catch (error) {
      /* not JSON: the generic message below */
    }
    if (response.status === 409) showProblem(data.msgStale, answer.changes);
    else showProblem(answer.detail || data.msgFailed);
  };

  if (window.Sortable) {
    for (const list of lists()) {
      window.Sortable.create(list, {
        group: "board",
        animation: 120,
        forceFallback: true,
        fallbackTolerance: 4,
        delayOnTouchOnly: true,
        delay: 150,
        onEnd: (event) => save(event.item, { list: event.from, index: event.oldIndex }),
      });
    }
  }

  const step = (strip, direction) => {
    const list = strip.parentElement;
    const all = lists();
    if (direction < 0) {
      const previous = strip.previousElementSibling;
      if (previous) list.insertBefore(strip, previous);
      else if (all.indexOf(list) > 0) all[all.indexOf(list) - 1].append(strip);
    } else {
      const next = strip.nextElementSibling;
      if (next) next.after(strip);
      else if (all.indexOf(list) < all.length - 1) {
        const following = all[all.indexOf(list) + 1];
        following.insertBefore(strip, following.firstElementChild);
      }
    }
    strip.focus();
    const place = placeOf(strip);
    say(
      fill(data.msgMoving, {
        scene: strip.dataset.number,
        place: place.list.dataset.label,
        position: place.index + 1,
      }),
    );
  };

  board.addEventListener("keydown", (event) => {
    const strip = event.target.closest && event.target.closest(".strip");
    if (!strip) return;
    if (event.key === " " || event.key === "Enter") {
      event.preventDefault();
      if (!grabbed) {
        grabbed = { strip, from: placeOf(strip) };
        strip.classList.add("grabbed");
        say(fill(data.msgPicked, { scene: strip.dataset.number }));
      } else {
        const { strip: moving, from } = grabbed;
        grabbed = null;
        moving.classList.remove("grabbed");
        save(moving, from);
      }
    } else if (grabbed && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
      event.preventDefault();
      step(grabbed.strip, event.key === "ArrowUp" ? -1 : 1);
    } else if (grabbed && event.key === "Escape") {
      event.preventDefault();
      const { strip: moving, from } = grabbed;
      grabbed = null;
      moving.classList.remove("grabbed");
      putBack(moving, from);
      moving.focus();
      say(fill(data.msgCancelled, { scene: moving.dataset.number }));
    }
  });
})();
