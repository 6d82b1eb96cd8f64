// Small behaviours that need no framework. No inline scripts anywhere: everything is wired here.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});

// Chart form: as the provider types a depth, show what the depth rules say (the same rules signing enforces).
(() => {
  const device = document.getElementById("Form_DeviceId");
  const skin = document.getElementById("Form_SkinType");
  const inputs = document.querySelectorAll("input[data-depth-area]");
  if (!device || inputs.length === 0) {
    return;
  }

  const timers = new Map();
  const check = async (input) => {
    const live = document.getElementById(`${input.id}-live`);
    // Sent as typed: the server reads "0,2" and "0.2" alike and refuses what could mean two numbers, so the
    // hint and the saved chart never disagree about the number.
    const depth = input.value.trim();
    if (!live) {
      return;
    }
    if (!device.value || depth === "") {
      live.textContent = "";
      return;
    }
    const query = new URLSearchParams({ areaId: input.dataset.depthArea, deviceId: device.value, depth });
    if (skin && skin.value) {
      query.set("skinType", skin.value);
    }
    try {
      const response = await fetch(`/provider/depth-check?${query}`, { headers: { Accept: "application/json" } });
      if (response.status === 400) {
        const problem = await response.json();
        live.className = "live-verdict small text-danger";
        live.textContent = problem.title ?? "";
        return;
      }
      if (!response.ok) {
        live.textContent = "";
        return;
      }
      const verdict = await response.json();
      live.className = "live-verdict small " + (verdict.refusal ? "text-danger" : verdict.warnings.length ? "text-warning-emphasis" : "text-success");
      live.textContent = verdict.refusal
        ?? (verdict.warnings.length ? verdict.warnings.join(" ") + " A written reason is needed." : "Within the rules.");
    } catch {
      live.textContent = "";
    }
  };
  const schedule = (input) => {
    clearTimeout(timers.get(input));
    timers.set(input, setTimeout(() => check(input), 250));
  };
  inputs.forEach((input) => {
    input.addEventListener("input", () => schedule(input));
    check(input);
  });
  device.addEventListener("change", () => inputs.forEach(check));
  skin?.addEventListener("change", () => inputs.forEach(check));
})();

// Two-factor setup: draws the authenticator key as a QR code (qrcode-generator, served from wwwroot/lib).
(() => {
  const box = document.querySelector(".qr-code[data-uri]");
  if (!box || typeof qrcode !== "function") {
    return;
  }
  const code = qrcode(0, "M");
  code.addData(box.dataset.uri);
  code.make();
  box.innerHTML = code.createSvgTag({ cellSize: 5, margin: 4, scalable: true });
  box.querySelector("svg")?.setAttribute("width", "220");
})();

// Staff sessions end after 15 idle minutes. Typing into a form (a chart during a treatment) is not idle,
// but sends nothing until saved: while someone types, tell the server every four minutes.
(() => {
  if (document.body.dataset.staff !== "true") {
    return;
  }
  let typing = false;
  document.addEventListener("input", () => { typing = true; }, { passive: true });
  setInterval(() => {
    if (typing) {
      typing = false;
      fetch("/account/still-here", { credentials: "same-origin" }).catch(() => {});
    }
  }, 4 * 60 * 1000);
})();

// "Copy" beside a read-only field (the calendar feed's address): the field's text to the clipboard, said in a status line.
document.querySelectorAll("[data-copy]").forEach((button) => {
  button.addEventListener("click", async () => {
    const field = document.getElementById(button.dataset.copy);
    const status = document.getElementById(button.dataset.copied);
    if (!field) {
      return;
    }
    field.select();
    try {
      await navigator.clipboard.writeText(field.value);
      if (status) {
        status.textContent = "Copied.";
      }
    } catch {
      if (status) {
        status.textContent = "Selected: press Ctrl+C (or ⌘+C) to copy.";
      }
    }
  });
});

// Chart: the face and body map. Tapping an area (or Enter/Space on it) adds it to the chart exactly as the
// "Add an area" list does: the list takes the area and the draft is saved as typed. An area already on the chart
// moves to its depth field. Without script the list still works.
(() => {
  const select = document.getElementById("Form_AddAreaId");
  const save = document.querySelector("[data-map-submit]");
  const areas = document.querySelectorAll("[data-map-area]");
  if (areas.length === 0) {
    return;
  }
  const choose = (area) => {
    if (area.getAttribute("aria-disabled") === "true" || (area.getAttribute("role") === "img")) {
      return;
    }
    const field = area.dataset.depthField && document.getElementById(area.dataset.depthField);
    if (field) {
      field.focus();
      return;
    }
    if (!select || !save || !select.querySelector(`option[value="${area.dataset.mapArea}"]`)) {
      return;
    }
    select.value = area.dataset.mapArea;
    save.form.requestSubmit(save);
  };
  areas.forEach((area) => {
    area.addEventListener("click", () => choose(area));
    area.addEventListener("keydown", (event) => {
      if (area.tagName.toLowerCase() !== "button" && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        choose(area);
      }
    });
  });
})();

// Front desk day grid: drag a booked appointment's card to another time, provider or room. The drop posts the
// clinic-local day and time under the card's top edge (snapped to the grid's 15 minutes) and the column to the
// reschedule's own rules on the server; a refusal is shown in the reschedule form's words and the card stays where
// it was. Without script (or with the keyboard) the appointment's Reschedule page does the same.
(() => {
  const settings = document.getElementById("schedule-move");
  const grid = document.querySelector(".schedule-grid");
  const token = settings?.querySelector("input[name=__RequestVerificationToken]");
  const status = document.getElementById("schedule-move-status");
  if (!settings || !grid || !token || !status) {
    return;
  }
  const perMinute = Number(settings.dataset.ppm);
  const [openHour, openMinute] = settings.dataset.opens.split(":").map(Number);
  const hint = document.createElement("div");
  hint.className = "schedule-drop-hint";
  hint.setAttribute("aria-hidden", "true");
  let dragged = null;
  let grabbedAt = 0;
  const pad = (n) => String(n).padStart(2, "0");
  const dropAt = (column, clientY) => {
    const top = clientY - column.getBoundingClientRect().top - grabbedAt;
    const minutes = Math.max(0, Math.round(top / perMinute / 15) * 15);
    const total = Math.min(openHour * 60 + openMinute + minutes, 23 * 60 + 45);
    return { minutes, time: `${pad(Math.floor(total / 60))}:${pad(total % 60)}` };
  };
  const say = (message) => {
    status.textContent = message;
    status.hidden = message === "";
  };
  grid.querySelectorAll(".schedule-block[data-move]").forEach((block) => {
    block.addEventListener("dragstart", (event) => {
      dragged = block;
      grabbedAt = event.clientY - block.getBoundingClientRect().top;
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", block.href);
      block.classList.add("dragging");
    });
    block.addEventListener("dragend", () => {
      block.classList.remove("dragging");
      hint.remove();
      dragged = null;
    });
  });
  grid.querySelectorAll(".schedule-column").forEach((column) => {
    column.addEventListener("dragover", (event) => {
      if (!dragged) {
        return;
      }
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      const { minutes, time } = dropAt(column, event.clientY);
      hint.style.top = `${minutes * perMinute}px`;
      hint.style.height = dragged.style.height;
      hint.textContent = time;
      if (hint.parentElement !== column) {
        column.appendChild(hint);
      }
    });
    column.addEventListener("drop", async (event) => {
      if (!dragged) {
        return;
      }
      event.preventDefault();
      const block = dragged;
      const { time } = dropAt(column, event.clientY);
      hint.remove();
      const byRoom = settings.dataset.by === "room";
      const body = new URLSearchParams({
        __RequestVerificationToken: token.value,
        Date: settings.dataset.date,
        Time: time,
        Version: block.dataset.version,
        ProviderId: byRoom ? block.dataset.provider : column.dataset.column,
        RoomId: byRoom ? column.dataset.column : block.dataset.room,
      });
      say(`Moving the appointment to ${time}…`);
      try {
        const response = await fetch(block.dataset.move, {
          method: "POST", body, credentials: "same-origin", headers: { Accept: "application/json" },
        });
        if (response.ok) {
          window.location.reload();
          return;
        }
        const problem = await response.json().catch(() => ({}));
        const fields = problem.errors ? Object.values(problem.errors).flat() : [];
        say(fields.length ? fields.join(" ") : problem.title ?? "The appointment could not be moved: open it and choose Reschedule.");
      } catch {
        say("The appointment could not be moved (no answer from the server): try again, or open it and choose Reschedule.");
      }
    });
  });
})();
