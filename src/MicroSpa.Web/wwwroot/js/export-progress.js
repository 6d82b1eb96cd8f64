// The whole-clinic export's page: while an export is written, ask the server how far it is every two seconds,
// show it on the progress bar, and reload the page when it is finished (the download link then appears).
(() => {
  const box = document.querySelector("[data-export-status]");
  if (!box) {
    return;
  }

  const bar = box.querySelector("progress");
  const percent = box.querySelector("[data-export-percent]");
  const file = box.querySelector("[data-export-file]");
  const poll = async () => {
    try {
      const response = await fetch(box.dataset.exportStatus, { headers: { Accept: "application/json" }, cache: "no-store" });
      if (response.ok) {
        const status = await response.json();
        if (status.finished) {
          window.location.reload();
          return;
        }

        bar.value = status.percent;
        bar.textContent = `${status.percent} %`;
        percent.textContent = `${status.percent} %`;
        file.textContent = status.state === "Queued" ? "waiting to start" : `writing ${status.file ?? ""}`;
      }
    } catch {
      // The server is away for a moment: ask again at the next tick.
    }

    window.setTimeout(poll, 2000);
  };
  window.setTimeout(poll, 1000);
})();
