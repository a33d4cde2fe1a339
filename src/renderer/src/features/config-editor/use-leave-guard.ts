import { useEffect } from 'react';
import { useApp } from '../../store';

/**
 * While `question` is set: another screen asks it first (the app's navigation), and closing or
 * reloading the page gets the browser's own "leave site?" prompt (beforeunload).
 */
export function useLeaveGuard(question: string | undefined): void {
  const setLeaveGuard = useApp((s) => s.setLeaveGuard);
  useEffect(() => {
    setLeaveGuard(question);
    if (!question) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older Chromium (Electron included) wants returnValue set to show the prompt.
      e.returnValue = question;
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      setLeaveGuard(undefined);
    };
  }, [question, setLeaveGuard]);
}
