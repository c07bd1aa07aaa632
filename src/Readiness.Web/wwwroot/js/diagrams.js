// Draws the workflow state diagrams with the locally served Mermaid script. An enhancement only: without
// JavaScript the page shows each diagram's text alternative (its states and transitions); the Mermaid source lives
// in the figure's data-mermaid attribute and is never shown as text. "strict" keeps the diagram text from running
// scripts or adding links. Diagrams inside a closed <details> are drawn when it is opened: Mermaid cannot lay out
// hidden elements.
(function () {
  'use strict';
  if (!window.mermaid) return;
  window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'neutral' });
  var count = 0;
  function draw(root) {
    root.querySelectorAll('figure[data-mermaid]:not([data-drawn])').forEach(function (figure) {
      if (figure.closest('details:not([open])')) return;
      figure.setAttribute('data-drawn', '');
      var box = document.createElement('div');
      box.className = 'app-diagram__drawing';
      box.setAttribute('aria-hidden', 'true'); // the text alternative below says the same
      figure.insertBefore(box, figure.firstChild.nextSibling);
      count += 1;
      window.mermaid.render('wf-diagram-svg-' + count, figure.getAttribute('data-mermaid')).then(function (result) {
        box.innerHTML = result.svg;
      }).catch(function () { box.remove(); });
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    draw(document);
    document.querySelectorAll('details').forEach(function (d) {
      d.addEventListener('toggle', function () { if (d.open) draw(d); });
    });
  });
})();
