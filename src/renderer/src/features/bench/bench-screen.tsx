import './bench.css';
import { useState } from 'react';
import { ScreenHead } from '../../components/panel';
import { LoadTab } from './load-tab';
import { SuiteTab } from './suite-tab';

/** The test bench: scenario suites with expectations, and the load runner. */
export function BenchScreen() {
  const [tab, setTab] = useState<'suites' | 'load'>('suites');
  return (
    <div className="screen" data-testid="screen-bench">
      <ScreenHead title="Bench">
        <div className="tabs" role="tablist">
          {(['suites', 'load'] as const).map((t) => (
            <button key={t} role="tab" className="tab" aria-selected={tab === t} onClick={() => setTab(t)}>
              {t === 'suites' ? 'Suites' : 'Load'}
            </button>
          ))}
        </div>
      </ScreenHead>
      {tab === 'suites' ? <SuiteTab /> : <LoadTab />}
    </div>
  );
}
