// Render the math that pymdownx.arithmatex (generic mode) leaves as \( \) and \[ \].
// KaTeX is served from this site (assets/katex), never from a CDN.
document$.subscribe(({ body }) => {
  renderMathInElement(body, {
    delimiters: [
      { left: "\\(", right: "\\)", display: false },
      { left: "\\[", right: "\\]", display: true },
    ],
    throwOnError: false,
  });
});
