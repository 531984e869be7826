// Appended to the app's boot script by `.ci/postbuild.mjs` (release builds only): registers
// the service worker (offline use) and, when a new version has taken over, offers a reload.
if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {
  const hadController = Boolean(navigator.serviceWorker.controller);
  // After the page has loaded, so caching every asset never competes with the first render.
  const register = () =>
    navigator.serviceWorker.register('__PUBLIC_URL__sw.js').catch((err) => console.warn('service worker:', err));
  if (document.readyState === 'complete') register();
  else addEventListener('load', register, { once: true });
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (!hadController || document.querySelector('.cc-update')) return;
    const zh = (document.documentElement.lang || 'zh').startsWith('zh');
    const bar = document.createElement('div');
    bar.className = 'cc-update';
    bar.setAttribute('role', 'status');
    const text = document.createElement('span');
    text.textContent = zh ? '新版本已就绪（离线也可用）。' : 'A new version is ready (works offline too).';
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = zh ? '刷新' : 'Reload';
    button.addEventListener('click', () => location.reload());
    bar.append(text, button);
    // Inside the widget, where its colours (CSS custom properties) are defined.
    (document.querySelector('.cc-app') ?? document.body).append(bar);
  });
}
