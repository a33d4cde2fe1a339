// How a decoded packet is shown: built by the codecs (pure, they may not import the trace) and kept
// by the trace store, which is why these types live beside both rather than in either.

/** A node of a packet's dissection: what the trace view shows as a field tree linked to the hex pane. */
export interface FieldNode {
  label: string;
  /** Display value; a cleartext secret only with the lab-only `trace.showSecrets` (else "hidden (n bytes)"). */
  value?: string;
  /** The field carries a password or key: exports blank its bytes whatever the display shows. */
  secret?: boolean;
  /** Byte offset into the record's `bytes` (the whole wire packet). */
  offset: number;
  length: number;
  children?: FieldNode[];
  /** 'error' marks the field a decode failed at; 'warning' a suspicious value. */
  severity?: 'error' | 'warning';
}

/** A packet's outcome as the trace and its filters name it. */
export type TraceResult = 'pass' | 'fail' | 'error' | 'drop' | 'info';

/** How a numeric (TACACS+) session id is shown: 0x and eight hex digits. */
export const sessionIdText = (id: number): string => '0x' + (id >>> 0).toString(16).padStart(8, '0');
