import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { LabError, type ContractIssue } from '../../../../contract';
import { labApi } from '../../api';
import { Badge, Note, ScreenHead } from '../../components/panel';
import { errorMessage } from '../../lib/format';
import { useApp } from '../../store';
import type { CodeEditorHandle } from './code-editor';
import { OutcomeView, type Outcome } from './config-outcome';
import { FileDriftNote } from '../../components/file-drift-note';
import { useLeaveGuard } from './use-leave-guard';

// CodeMirror is most of this screen's weight: loaded when the screen is first opened.
const CodeEditor = lazy(() => import('./code-editor'));

const LEAVE_QUESTION = 'The lab file has edits that are not applied. Leave and lose them?';

/**
 * The lab YAML: errors marked on their lines as you type (config.validate), Validate for the full
 * list, Apply changes nothing unless it is valid. Unsaved edits are guarded; a lab file on disk that
 * is not what runs is shown with a way to load or apply it.
 */
export function ConfigEditorScreen() {
  const setStatus = useApp((s) => s.setStatus);
  const labFile = useApp((s) => s.status?.labFile);
  const [path, setPath] = useState<string>();
  const [original, setOriginal] = useState<string>();
  const [source, setSource] = useState('');
  const [save, setSave] = useState(true);
  const [busy, setBusy] = useState(false);
  const [loadError, setLoadError] = useState<string>();
  const [outcome, setOutcome] = useState<Outcome>();
  const editor = useRef<CodeEditorHandle>(null);
  const [loads, setLoads] = useState(0);

  useEffect(() => {
    let live = true;
    labApi.config.get().then(
      (doc) => {
        if (!live) return;
        setLoadError(undefined);
        setPath(doc.path);
        setOriginal(doc.source);
        setSource(doc.source);
        setOutcome(undefined);
      },
      (err: unknown) => live && setLoadError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [loads]);

  const dirty = original !== undefined && source !== original;
  useLeaveGuard(dirty ? LEAVE_QUESTION : undefined);

  const validateText = useCallback(
    (text: string) => labApi.config.validate({ source: text }).catch(() => ({ errors: [], warnings: [] })),
    [],
  );

  async function validate() {
    setBusy(true);
    try {
      const r = await labApi.config.validate({ source });
      setOutcome(
        r.ok
          ? { kind: 'valid', warnings: r.warnings }
          : { kind: 'invalid', message: 'The lab file is invalid.', errors: r.errors, warnings: r.warnings },
      );
    } catch (err) {
      setOutcome({ kind: 'failed', message: errorMessage(err), errors: issuesOf(err) });
    } finally {
      setBusy(false);
    }
  }

  async function apply(text: string, toFile: boolean) {
    setBusy(true);
    try {
      const status = await labApi.config.apply({ source: text, save: toFile });
      setStatus(status);
      setOriginal(text);
      setSource(text);
      setOutcome({ kind: 'applied', warnings: status.warnings });
    } catch (err) {
      // Nothing else changes: the running lab keeps the previous config, the editor keeps the text.
      setOutcome({ kind: 'failed', message: errorMessage(err), errors: issuesOf(err) });
    } finally {
      setBusy(false);
    }
  }

  /** The file's text from disk (config.get gives it when it differs from the running lab). */
  async function fileText(): Promise<string | undefined> {
    try {
      const doc = await labApi.config.get();
      return doc.file?.source;
    } catch (err) {
      setOutcome({ kind: 'failed', message: errorMessage(err), errors: [] });
      return undefined;
    }
  }

  const goTo = (line: number) => editor.current?.goToLine(line);
  return (
    <div className="screen-full" data-testid="screen-config">
      <ScreenHead title="Config editor">
        <span className="meta">
          <code>{path ?? '(unsaved lab)'}</code>
        </span>
        {dirty && <Badge tone="warn">modified</Badge>}
        <span className="spacer" />
        <label className="check">
          <input type="checkbox" checked={save} onChange={(e) => setSave(e.target.checked)} /> save to file on
          apply
        </label>
        <button className="btn" onClick={() => setLoads((n) => n + 1)} disabled={busy}>
          Revert
        </button>
        <button className="btn" onClick={() => void validate()} disabled={busy || original === undefined}>
          Validate
        </button>
        <button
          className="btn primary"
          onClick={() => void apply(source, save)}
          disabled={busy || original === undefined}
        >
          Apply
        </button>
      </ScreenHead>
      {loadError && (
        <Note tone="bad" title="The lab file could not be read">
          {loadError}
        </Note>
      )}
      <FileDriftNote
        file={labFile}
        path={path}
        busy={busy}
        onLoadFile={() => void fileText().then((t) => t !== undefined && setSource(t))}
        onApplyFile={() =>
          void fileText().then(async (t) => {
            if (t !== undefined) await apply(t, false);
          })
        }
      />
      {outcome && <OutcomeView outcome={outcome} onLine={goTo} />}
      <div style={{ flex: 1, minHeight: 0 }}>
        <Suspense fallback={<div className="meta">Loading the editor…</div>}>
          <CodeEditor
            ref={editor}
            value={source}
            onChange={setSource}
            label="Lab file (YAML)"
            validate={validateText}
          />
        </Suspense>
      </div>
    </div>
  );
}

function issuesOf(err: unknown): ContractIssue[] {
  return err instanceof LabError ? err.issues : [];
}
