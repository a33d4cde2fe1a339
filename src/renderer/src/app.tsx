import { useEffect } from 'react';
import { transport } from './api';
import { Nav } from './components/nav';
import { Note } from './components/panel';
import { screenComponents } from './features';
import { hashFor } from './lib/screens';
import { useApp } from './store';

/**
 * The shell: left navigation and the current screen. The root element carries the app-ready marker
 * `data-app-state` ("loading" → "ready" once the first lab.status answered, or "error").
 */
export function App() {
  const phase = useApp((s) => s.phase);
  const phaseError = useApp((s) => s.phaseError);
  const screen = useApp((s) => s.screen);
  const syncFromHash = useApp((s) => s.syncFromHash);
  const loadStatus = useApp((s) => s.loadStatus);

  useEffect(() => {
    const root = document.getElementById('root');
    if (!root) return;
    root.dataset.appState = phase;
    if (phaseError) root.dataset.appError = phaseError;
    else delete root.dataset.appError;
  }, [phase, phaseError]);

  useEffect(() => {
    const onHash = () => syncFromHash(window.location.hash);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [syncFromHash]);

  useEffect(() => {
    if (window.location.hash !== hashFor(screen)) window.history.replaceState(null, '', hashFor(screen));
  }, [screen]);

  if (phase === 'loading') {
    return (
      <div className="center-screen">
        <div className="meta">Connecting to the lab engine…</div>
      </div>
    );
  }
  if (phase === 'error') {
    return (
      <div className="center-screen">
        <section className="panel">
          <header>
            <h2>The lab engine cannot be reached</h2>
          </header>
          <div className="panel-body" style={{ display: 'grid', gap: 10 }}>
            <Note tone="bad">
              <span data-testid="app-error">{phaseError}</span>
            </Note>
            <div className="meta">
              {transport.kind === 'http'
                ? 'This page talks to `aaa-lab serve`: check that it runs and open the URL it printed.'
                : 'The desktop shell did not answer.'}
            </div>
            <div>
              <button className="btn primary" onClick={() => void loadStatus()}>
                Retry
              </button>
            </div>
          </div>
        </section>
      </div>
    );
  }
  const Screen = screenComponents[screen];
  return (
    <div className="app">
      <Nav />
      <main className="content">
        <Screen key={screen} />
      </main>
    </div>
  );
}
