import './bench.css';
import { useState } from 'react';
import { ScreenHead } from '../../components/panel';
import { LoadTab } from './load-tab';
import { SuiteTab } from './suite-tab';
import { Tabs } from '../../components/tabs';

/** The test bench: scenario suites with expectations, and the load runner. */
export function BenchScreen() {
  const [tab, setTab] = useState<'suites' | 'load'>('suites');
  return (
    <div className="screen" data-testid="screen-bench">
      <ScreenHead title="Bench">
        <Tabs
          tabs={[
            ['suites', 'Suites'],
            ['load', 'Load'],
          ]}
          selected={tab}
          onSelect={setTab}
        />
      </ScreenHead>
      {tab === 'suites' ? <SuiteTab /> : <LoadTab />}
    </div>
  );
}
