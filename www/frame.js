// The iframe page (www/frame.html): creates the calculator from the query string, and talks to the
// parent page only when its origin is on the `origins` allow-list. A file, not an inline script,
// so that the page runs under a strict Content-Security-Policy (script-src 'self').
const ATTRIBUTES = ['provider', 'providers', 'models', 'lines', 'currency', 'locale', 'theme', 'layout', 'hidden', 'brand', 'catalog', 'seller', 'seller-logo'];
const params = new URLSearchParams(location.search);
const allowed = (params.get('origins') ?? '')
  .split(',')
  .map((o) => {
    try {
      return new URL(o.trim()).origin;
    } catch {
      return null;
    }
  })
  .filter((o) => o && o !== 'null');
// The parent's origin as the browser reports it: ancestorOrigins (Chromium, WebKit), else the
// referrer. postMessage's targetOrigin then makes sure only that origin can receive.
const reported = location.ancestorOrigins?.[0] ?? (document.referrer ? new URL(document.referrer).origin : '');
const framed = window.parent !== window;
const parentOrigin = framed && allowed.includes(reported) ? reported : null;

const calc = document.createElement('ratecard-calculator');
for (const name of ATTRIBUTES) if (params.has(name)) calc.setAttribute(name, params.get(name));
document.body.append(calc);

const notice = document.querySelector('[data-testid=frame-notice]');
if (framed && !parentOrigin) {
  notice.hidden = false;
  const zh = (params.get('locale') || navigator.language || '').toLowerCase().startsWith('zh');
  const who = reported || (zh ? '未知来源' : 'unknown origin');
  notice.textContent = allowed.length
    ? zh
      ? `此页面（${who}）不在本计算器的来源列表中，因此不会收到任何更新。`
      : `This page (${who}) is not on this calculator's origin list, so it receives no updates.`
    : zh
      ? '本计算器没有来源列表（origins=…），因此不会向此页面发送任何更新。'
      : 'This calculator has no origin list (origins=…), so it sends no updates to this page.';
}

if (parentOrigin) {
  const post = (message) => window.parent.postMessage(message, parentOrigin);
  let last = 0;
  new ResizeObserver(() => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height > 0 && height !== last) post({ type: 'ratecard:resize', height: (last = height) });
  }).observe(document.body);
  calc.addEventListener('ratecard:change', (e) => post({ type: 'ratecard:change', ...e.detail }));
  window.addEventListener('message', (e) => {
    if (e.origin !== parentOrigin || e.source !== window.parent) return;
    if (e.data?.type === 'ratecard:set' && typeof e.data.lines === 'string') calc.setAttribute('lines', e.data.lines);
  });
}
