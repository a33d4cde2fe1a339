import { transport } from '../api';
import { hashFor, screens } from '../lib/screens';
import { useApp } from '../store';
import { ThemeToggle } from './theme-toggle';
import { useLinkState } from './use-link-state';

export function Nav() {
  const screen = useApp((s) => s.screen);
  const state = useApp((s) => s.status?.state);
  const link = useLinkState();
  const sections = [...new Set(screens.map((s) => s.section))];
  return (
    <nav className="sidebar" aria-label="Screens">
      <div className="brand">
        AAA Lab<small>TACACS+ · RADIUS · CoA</small>
      </div>
      {sections.map((section) => (
        <div key={section}>
          <div className="nav-section">{section}</div>
          {screens
            .filter((s) => s.section === section)
            .map((s) => (
              <a
                key={s.id}
                className="nav-link"
                href={hashFor(s.id)}
                aria-current={s.id === screen ? 'page' : undefined}
                data-screen={s.id}
              >
                {s.label}
              </a>
            ))}
        </div>
      ))}
      <div className="sidebar-foot">
        <ThemeToggle />
        <span>
          <span className={`dot ${state === 'running' ? 'ok' : state === 'error' ? 'bad' : ''}`} />
          lab {state ?? '…'}
        </span>
        <span>
          <span className={`dot ${link === 'open' ? 'ok' : link === 'closed' ? 'bad' : 'warn'}`} />
          {transport.kind === 'electron' ? 'desktop (IPC)' : `aaa-lab serve · events ${link}`}
        </span>
      </div>
    </nav>
  );
}
