import { yaml } from '@codemirror/lang-yaml';
import { forceLinting, linter, lintGutter } from '@codemirror/lint';
import { EditorSelection, EditorState } from '@codemirror/state';
import { basicSetup, EditorView } from 'codemirror';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import type { ContractIssue } from '../../../../contract';
import { editorHighlight, editorTheme } from './editor-theme';
import { toDiagnostics } from './issue-diagnostics';

export interface CodeEditorHandle {
  goToLine(line: number): void;
}

export interface CodeEditorProps {
  value: string;
  onChange(v: string): void;
  label: string;
  /** config.validate for the text; its issues become inline marks on their lines. */
  validate(source: string): Promise<{ errors: ContractIssue[]; warnings: ContractIssue[] }>;
}

/** Pause after the last keystroke before the text is validated. */
const LINT_DELAY_MS = 400;

/**
 * The lab file in CodeMirror 6: YAML highlighting, line numbers, search, folding, and config.validate's
 * errors and warnings marked on their lines after a pause in typing. Tab is left to focus moves (no
 * indent-with-Tab), so the editor never traps the keyboard; YAML indents with spaces on Enter.
 */
const CodeEditor = forwardRef<CodeEditorHandle, CodeEditorProps>(function CodeEditor(props, ref) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | undefined>(undefined);
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: latest.current.value,
        extensions: [
          basicSetup,
          yaml(),
          editorTheme,
          editorHighlight,
          lintGutter(),
          linter(
            async (ed) => toDiagnostics(ed.state.doc, await latest.current.validate(ed.state.doc.toString())),
            {
              delay: LINT_DELAY_MS,
            },
          ),
          EditorView.contentAttributes.of({ 'aria-label': latest.current.label }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) latest.current.onChange(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = undefined;
    };
  }, []);

  // Text replaced from outside (revert, reload from file): swap it in, then validate it at once.
  useEffect(() => {
    const v = view.current;
    if (!v || v.state.doc.toString() === props.value) return;
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: props.value } });
    forceLinting(v);
  }, [props.value]);

  useImperativeHandle(ref, () => ({
    goToLine(line: number) {
      const v = view.current;
      if (!v) return;
      const l = v.state.doc.line(Math.min(Math.max(1, line), v.state.doc.lines));
      v.dispatch({
        selection: EditorSelection.range(l.from, l.to),
        effects: EditorView.scrollIntoView(l.from, { y: 'center' }),
      });
      v.focus();
    },
  }));

  return <div className="code-editor" ref={host} data-testid="code-editor" />;
});
export default CodeEditor;
