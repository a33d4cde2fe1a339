import { useEffect, useRef, useState } from 'react';
import { LabError, type ContractIssue } from '../../../../contract';
import { labApi } from '../../api';
import { IssueList } from '../../components/issue-list';
import { Badge, Note, Panel, ScreenHead } from '../../components/panel';
import { errorMessage } from '../../lib/format';
import { useApp } from '../../store';
import { LineEditor, type LineEditorHandle } from './line-editor';

type Outcome =
  | { kind: 'valid'; warnings: ContractIssue[] }
  | { kind: 'invalid'; message: string; errors: ContractIssue[]; warnings: ContractIssue[] }
  | { kind: 'applied'; warnings: ContractIssue[] }
  | { kind: 'failed'; message: string; errors: ContractIssue[] };

/** The lab YAML: Validate shows every problem with path and line; Apply changes nothing unless it is valid. */
export function ConfigEditorScreen() {
  const setStatus = useApp((s) => s.setStatus);
  const [path, setPath] = useState<string>();
  const [original, setOriginal] = useState<string>();
  const [source, setSource] = useState('');
  const [save, setSave] = useState(true);
  const [busy, setBusy] = useState(false);
  const [loadError, setLoadError] = useState<string>();
  const [outcome, setOutcome] = useState<Outcome>();
  const editor = useRef<LineEditorHandle>(null);

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

  async function apply() {
    setBusy(true);
    try {
      const status = await labApi.config.apply({ source, save });
      setStatus(status);
      setOriginal(source);
      setOutcome({ kind: 'applied', warnings: status.warnings });
    } catch (err) {
      // Nothing else changes: the running lab keeps the previous config, the editor keeps the text.
      setOutcome({ kind: 'failed', message: errorMessage(err), errors: issuesOf(err) });
    } finally {
      setBusy(false);
    }
  }

  const dirty = original !== undefined && source !== original;
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
          onClick={() => void apply()}
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
      {outcome && <OutcomeView outcome={outcome} onLine={goTo} />}
      <div style={{ flex: 1, minHeight: 0 }}>
        <LineEditor ref={editor} value={source} onChange={setSource} label="Lab file (YAML)" />
      </div>
    </div>
  );
}

function issuesOf(err: unknown): ContractIssue[] {
  return err instanceof LabError ? err.issues : [];
}

function OutcomeView({ outcome, onLine }: { outcome: Outcome; onLine: (line: number) => void }) {
  const warnings = 'warnings' in outcome ? outcome.warnings : [];
  return (
    <div data-testid="config-outcome" data-kind={outcome.kind} style={{ display: 'grid', gap: 8 }}>
      {outcome.kind === 'valid' && (
        <Note tone="info" title="Valid">
          The lab file is valid. Apply to use it.
        </Note>
      )}
      {outcome.kind === 'applied' && (
        <Note tone="info" title="Applied">
          The lab now runs with this config.
        </Note>
      )}
      {(outcome.kind === 'invalid' || outcome.kind === 'failed') && (
        <Panel
          title={outcome.kind === 'failed' ? `Not applied: ${outcome.message}` : outcome.message}
          count={outcome.errors.length}
          flush
        >
          {outcome.errors.length > 0 ? (
            <IssueList issues={outcome.errors} onLine={onLine} testId="config-errors" />
          ) : (
            <div className="empty">No field details.</div>
          )}
        </Panel>
      )}
      {warnings.length > 0 && (
        <Panel title="Warnings" count={warnings.length} flush>
          <IssueList issues={warnings} onLine={onLine} testId="config-warnings" />
        </Panel>
      )}
    </div>
  );
}
