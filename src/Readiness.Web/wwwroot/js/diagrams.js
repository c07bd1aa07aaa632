// Draws the workflow state diagrams (<pre class="mermaid">) with the locally served Mermaid script.
// An enhancement only: without JavaScript the <pre> keeps the diagram's text, and the page states the current
// state in words. "strict" keeps the diagram text from running scripts or adding links.
// Diagrams inside a closed <details> are drawn when it is opened: Mermaid cannot lay out hidden elements.
(function () {
  'use strict';
  if (!window.mermaid) return;
  window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'neutral' });
  function draw(root) {
    var nodes = Array.prototype.filter.call(root.querySelectorAll('pre.mermaid:not([data-processed])'), function (n) {
      var closed = n.closest('details:not([open])');
      return !closed;
    });
    if (nodes.length) window.mermaid.run({ nodes: nodes });
  }
  document.addEventListener('DOMContentLoaded', function () {
    draw(document);
    document.querySelectorAll('details').forEach(function (d) {
      d.addEventListener('toggle', function () { if (d.open) draw(d); });
    });
  });
})();
