import type { Page } from '@playwright/test';

/**
 * The Config editor is CodeMirror: it renders only the lines in view, so tests reach a line the way
 * a user does (Ctrl+F, Enter, Escape: the cursor is on the match) and replace the text with Ctrl+A.
 */
export async function findInEditor(page: Page, text: string): Promise<void> {
  await page.getByLabel('Lab file (YAML)').click();
  await page.keyboard.press('Control+f');
  const find = page.getByRole('textbox', { name: 'Find' });
  await find.fill(text);
  // The search panel takes the query on keyup: a key first, then Enter finds.
  await find.press('End');
  await find.press('Enter');
  await find.press('Escape');
}

/** Replaces the whole text, as a paste over a select-all would. */
export async function setEditorText(page: Page, text: string): Promise<void> {
  await page.getByLabel('Lab file (YAML)').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText(text);
}
