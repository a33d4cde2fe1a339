import { describe, expect, it } from 'vitest';
import { TlsKeyLog } from './tls-keys';

const random = (n: number) => n.toString(16).padStart(64, '0');
const line = (n: number, label = 'CLIENT_RANDOM') => `${label} ${random(n)} ${'ab'.repeat(48)}\n`;

describe('TlsKeyLog', () => {
  it('keeps lines by client random, in key log file layout', () => {
    const k = new TlsKeyLog();
    k.add(Buffer.from(line(1)));
    k.add(Buffer.from(line(2, 'SERVER_TRAFFIC_SECRET_0')));
    k.add(Buffer.from(line(2, 'CLIENT_TRAFFIC_SECRET_0')));
    expect(k.linesFor([random(2), random(3)])).toEqual({
      text: line(2, 'SERVER_TRAFFIC_SECRET_0') + line(2, 'CLIENT_TRAFFIC_SECRET_0'),
      sessions: 1,
      lines: 2,
    });
  });

  it('ignores what is not a key log line and bounds sessions and lines per session', () => {
    const k = new TlsKeyLog(2);
    k.add('# comment');
    k.add(`CLIENT_RANDOM short ${'ab'.repeat(48)}`);
    expect(k.size).toBe(0);
    for (let n = 1; n <= 3; n++) k.add(line(n));
    expect(k.size).toBe(2);
    expect(k.linesFor([random(1)]).sessions).toBe(0); // the oldest went first
    for (let i = 0; i < 20; i++) k.add(line(3, `LABEL_${i}`));
    expect(k.linesFor([random(3)]).lines).toBe(8);
    k.clear();
    expect(k.size).toBe(0);
  });
});
