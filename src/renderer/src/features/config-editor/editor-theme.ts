import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';

/**
 * One theme for light and dark: every colour is the app's CSS variable, so the editor follows
 * data-theme on <html> (styles.css, styles/dark.css) without being rebuilt.
 */
export const editorTheme = EditorView.theme({
  '&': { height: '100%', color: 'var(--ink)', backgroundColor: 'var(--panel)', fontSize: '12.5px' },
  '&.cm-focused': { outline: '2px solid var(--accent)', outlineOffset: '-2px' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '18px' },
  '.cm-content': { caretColor: 'var(--ink)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--ink)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection':
    { backgroundColor: 'var(--sel)' },
  '.cm-gutters': {
    backgroundColor: 'var(--panel-2)',
    color: 'var(--faint)',
    borderRight: '1px solid var(--line)',
  },
  '.cm-activeLine': { backgroundColor: 'var(--hover)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--hover)', color: 'var(--ink)' },
  '.cm-selectionMatch': { backgroundColor: 'var(--hl)' },
  '.cm-searchMatch': { backgroundColor: 'var(--hl)', outline: '1px solid var(--warn-line)' },
  '.cm-tooltip': {
    backgroundColor: 'var(--panel)',
    color: 'var(--ink)',
    border: '1px solid var(--line-strong)',
  },
  '.cm-panels': { backgroundColor: 'var(--panel-2)', color: 'var(--ink)' },
  '.cm-panels input, .cm-panels button': { color: 'var(--ink)' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--bad)' },
  '.cm-diagnostic-warning': { borderLeftColor: 'var(--warn)' },
  '.cm-lintRange-error': { backgroundImage: 'none', textDecoration: 'underline wavy var(--bad)' },
  '.cm-lintRange-warning': { backgroundImage: 'none', textDecoration: 'underline wavy var(--warn)' },
  '.cm-foldPlaceholder': { backgroundColor: 'var(--chip)', color: 'var(--muted)', border: 'none' },
});

/** YAML tokens (lezer-yaml's tags): keys, strings, scalars, comments. */
export const editorHighlight = syntaxHighlighting(
  HighlightStyle.define([
    { tag: t.definition(t.propertyName), color: 'var(--accent)' },
    { tag: [t.string, t.special(t.string)], color: 'var(--ok)' },
    { tag: t.content, color: 'var(--ink)' },
    { tag: t.lineComment, color: 'var(--faint)', fontStyle: 'italic' },
    { tag: [t.labelName, t.typeName, t.keyword], color: 'var(--warn)' },
    { tag: [t.separator, t.punctuation, t.squareBracket, t.brace, t.meta], color: 'var(--muted)' },
  ]),
);
