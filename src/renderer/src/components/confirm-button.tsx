import { useState, type ReactNode } from 'react';

/**
 * A destructive action asked twice: the first click shows what will happen and a confirm button
 * (focused, so Enter confirms and Escape or Cancel steps back).
 */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  onConfirm,
  disabled,
  testId,
}: {
  label: string;
  question: ReactNode;
  confirmLabel: string;
  onConfirm(): void;
  disabled?: boolean;
  testId?: string;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button className="btn" disabled={disabled} data-testid={testId} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  return (
    <span
      className="confirm"
      role="alertdialog"
      aria-label={label}
      onKeyDown={(e) => e.key === 'Escape' && setAsking(false)}
    >
      <span>{question}</span>
      <button
        className="btn danger"
        autoFocus
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button className="btn" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
