import type { KeyboardEvent, ReactNode } from 'react';
import { tabKey } from '../lib/tab-key';

/**
 * A row of WAI-ARIA tabs: the selected one is the tab stop; Left/Right (wrapping), Home and End move
 * to another tab and select it. `tabs` are [id, label] in order.
 */
export function Tabs<T extends string>(props: {
  tabs: readonly (readonly [T, ReactNode])[];
  selected: T;
  onSelect(id: NoInfer<T>): void;
  /** What the tabs choose, for a screen reader ("Protocol"). */
  label?: string;
  className?: string;
  testId?(id: T): string;
}) {
  const { tabs, selected } = props;
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = tabKey(
      e.key,
      tabs.findIndex(([id]) => id === selected),
      tabs.length,
    );
    if (i === undefined) return;
    e.preventDefault();
    props.onSelect(tabs[i]![0]);
    e.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]')[i]?.focus();
  };
  return (
    <div
      className={props.className ? `tabs ${props.className}` : 'tabs'}
      role="tablist"
      aria-label={props.label}
      onKeyDown={onKeyDown}
    >
      {tabs.map(([id, label]) => (
        <button
          key={id}
          type="button"
          role="tab"
          className="tab"
          aria-selected={id === selected}
          tabIndex={id === selected ? 0 : -1}
          data-testid={props.testId?.(id)}
          onClick={() => props.onSelect(id)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
