import { useEffect, useState } from 'react';
import { duration } from '../lib/format';

/** "3m 12s": time elapsed since `at` (ms since the epoch), refreshed every second. */
export function Since({ at }: { at: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return <>{duration(now - at)}</>;
}
