// The language switcher keeps the reader's section: both languages use the same anchors
// (cnnref.site.anchors), so the other language's page is opened at the same #anchor.
// Material's own handler (on document.body) would open the page without it, so the click
// stops here.
//
// Material would also fetch sitemap.xml beside every <link rel="alternate" hreflang> of the
// head, to map the page itself (it expects language roots there); mkdocs-static-i18n points
// those links at the page's twins, so each fetch is a 404 (mkdocs-material#6582). This
// script does the mapping without them, so the links leave the DOM before Material reads
// them: a plain script runs before DOMContentLoaded, where Material's document$ starts. The
// served HTML keeps them for search engines; sitemap.xml lists the twins too.
for (const link of document.querySelectorAll("head link[rel=alternate][hreflang]")) link.remove();

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
