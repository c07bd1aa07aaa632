// Opens a decision's conditions only while a "with conditions" choice is selected (radios carrying
// data-reveals="<id>"), and folds them away otherwise. An enhancement: without JavaScript the conditions are shown,
// and the server ignores blank condition rows.
(function () {
  'use strict';
  document.querySelectorAll('input[type=radio][data-reveals]').forEach(function (revealing) {
    var target = document.getElementById(revealing.getAttribute('data-reveals'));
    if (!target) return;
    var group = document.querySelectorAll('input[type=radio][name="' + revealing.name + '"]');
    function sync() { target.classList.toggle('govuk-radios__conditional--hidden', !revealing.checked); }
    group.forEach(function (radio) { radio.addEventListener('change', sync); });
    sync(); // a form restored by the browser's back button may have another choice than the page was drawn with
  });
})();
