// A ">>>" block is a doctest session: its copy button copies the code only, without the
// prompts, the outputs and any expected traceback, so that the paste runs as it is in
// python, IPython and Jupyter. Material copies an ancestor's data-copy when there is one.
function sessionSource(text) {
  const code = [];
  let inTraceback = false;
  for (const line of text.split("\n")) {
    if (line.startsWith(">>> ") || line === ">>>") {
      inTraceback = false;
      code.push(line.slice(4));
    } else if (!inTraceback && (line.startsWith("... ") || line === "...")) {
      code.push(line.slice(4));
    } else if (line.startsWith("Traceback (most recent call last):")) {
      inTraceback = true;
    }
  }
  return code.join("\n");
}

document$.subscribe(({ body }) => {
  for (const code of body.querySelectorAll("pre > code")) {
    if (code.textContent.startsWith(">>>")) {
      code.parentElement.setAttribute("data-copy", sessionSource(code.textContent));
    }
  }
});
