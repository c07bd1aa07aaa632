// A long choice list (800 programmes at ten times the report's size) is not sent with the page: the box's datalist is
// filled as the person types, from the address in its data-suggest-url, so the browser's own suggestion list still shows
// them. Without this script the box takes a code or a name, as every choice box does.
const WAIT_MS = 200;

function fill(list, choices) {
  const options = choices.map(({ code, name }) => {
    const option = document.createElement('option');
    option.value = name;
    option.textContent = code;
    return option;
  });
  list.replaceChildren(...options);
}

function enhance(list) {
  const input = document.querySelector(`input[list="${CSS.escape(list.id)}"]`);
  if (!input) return;
  let timer;
  let latest = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const asked = ++latest;
      const url = new URL(list.dataset.suggestUrl, window.location.href);
      url.searchParams.set('q', input.value.trim());
      try {
        const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
        // An answer overtaken by later typing is dropped, so the list always matches what is in the box.
        if (!response.ok || asked !== latest) return;
        fill(list, await response.json());
      } catch {
        // Offline or signed out: the box still takes what is typed.
      }
    }, WAIT_MS);
  });
}

export function initChoiceSuggestions(root = document) {
  root.querySelectorAll('datalist[data-suggest-url]').forEach(enhance);
}
