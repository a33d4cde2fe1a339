import type { ReactNode } from 'react';

export function Panel(props: {
  title: ReactNode;
  count?: number;
  actions?: ReactNode;
  flush?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <section className="panel" data-testid={props.testId}>
      <header>
        <h2>
          {props.title}
          {props.count !== undefined && <span className="count"> ({props.count})</span>}
        </h2>
        <span className="spacer" />
        {props.actions}
      </header>
      <div className={props.flush ? 'panel-body flush' : 'panel-body'}>{props.children}</div>
    </section>
  );
}

export type Tone = 'ok' | 'bad' | 'warn' | 'info' | 'neutral';

export function Badge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <span className={`badge ${tone}`}>{children}</span>;
}

export function Note({
  tone,
  title,
  children,
}: {
  tone: 'bad' | 'warn' | 'info';
  title?: string;
  children?: ReactNode;
}) {
  return (
    <div className={`note ${tone}`} role={tone === 'bad' ? 'alert' : 'status'}>
      {title && <strong>{title}</strong>}
      {children}
    </div>
  );
}

export function ScreenHead({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="screen-head">
      <h1>{title}</h1>
      {children}
    </div>
  );
}

export function stateTone(state: string): Tone {
  if (state === 'running') return 'ok';
  if (state === 'error') return 'bad';
  if (state === 'starting') return 'info';
  return 'neutral';
}
