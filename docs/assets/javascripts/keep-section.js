// The language switcher keeps the reader's section: both languages use the same anchors
// (cnnref.site.anchors), so the other language's page is opened at the same #anchor.
// Material's own handler (on document.body) would open the page without it, so the click
// stops here.
document$.subscribe(() => {
  for (const link of document.querySelectorAll("a.md-select__link[hreflang]")) {
    link.addEventListener("click", (event) => {
      if (event.metaKey || event.ctrlKey) return;  // a new tab: the browser's own way
      event.preventDefault();
      event.stopPropagation();
      window.location.assign(link.href.split("#")[0] + window.location.hash);
    });
  }
});
