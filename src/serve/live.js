// Added by `samvad serve` to the pages it sends (never to the built files): reloads the
// page when the site has been rebuilt, and shows what stopped a rebuild over the page,
// whose last good build stays readable under it.
(function () {
  'use strict';
  var script = document.currentScript;
  var shown = script ? script.getAttribute('data-build') : '';
  var hi = (document.documentElement.lang || '').slice(0, 2) === 'hi';
  var words = hi
    ? {
        title: 'पिछला बदलाव लागू नहीं हो सका',
        help: 'नीचे साइट का पिछला सही रूप दिख रहा है। फ़ाइल ठीक करके सहेजें — पेज अपने आप ताज़ा हो जाएगा।',
        hide: 'छिपाएँ'
      }
    : {
        title: 'The last change could not be built',
        help: 'Below is the last good build. Fix the file and save it; the page will update by itself.',
        hide: 'Hide'
      };
  var host = null;

  function hide() {
    if (host) {
      host.remove();
      host = null;
    }
  }

  function make(root, tag, text) {
    var el = document.createElement(tag);
    if (text) el.textContent = text;
    root.appendChild(el);
    return el;
  }

  function show(text) {
    hide();
    host = document.createElement('div');
    host.setAttribute('data-samvad-problem', '');
    var root = host.attachShadow({ mode: 'open' });
    make(root, 'style',
      'section{position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:60vh;' +
      'overflow:auto;box-sizing:border-box;padding:12px 16px;background:#fff8f6;color:#1a1a1a;' +
      'border-top:4px solid #b3261e;box-shadow:0 -2px 12px rgba(0,0,0,.25);' +
      'font:16px/1.5 system-ui,"Noto Sans Devanagari",sans-serif}' +
      'h2{margin:0 0 4px;font-size:18px;color:#8c1d18}p{margin:0 0 8px}' +
      'pre{margin:0;white-space:pre;overflow-x:auto;font:13px/1.45 ui-monospace,monospace}' +
      'button{float:right;font:inherit;padding:4px 12px;min-height:32px}');
    var box = make(root, 'section');
    box.setAttribute('role', 'alert');
    box.setAttribute('lang', hi ? 'hi' : 'en');
    var button = make(box, 'button', words.hide);
    button.type = 'button';
    button.addEventListener('click', hide);
    make(box, 'h2', words.title);
    make(box, 'p', words.help);
    var pre = make(box, 'pre', text);
    pre.setAttribute('lang', 'en');
    document.body.appendChild(host);
  }

  var source = new EventSource('/__samvad/events');
  source.addEventListener('build', function (e) {
    if (e.data !== shown) {
      location.reload();
    } else {
      hide();
    }
  });
  source.addEventListener('broken', function (e) {
    show(e.data);
  });
})();
