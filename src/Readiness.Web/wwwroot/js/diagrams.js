// Draws the workflow state diagrams (<pre class="mermaid">) with the locally served Mermaid script.
// An enhancement only: without JavaScript the <pre> keeps the diagram's text, and the page states the current
// state in words. "strict" keeps the diagram text from running scripts or adding links.
(function () {
  'use strict';
  if (!window.mermaid) return;
  window.mermaid.initialize({ startOnLoad: true, securityLevel: 'strict', theme: 'neutral' });
})();
