// Small behaviours that need no framework. No inline scripts anywhere: everything is wired here.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
