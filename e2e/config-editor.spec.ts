import { readFileSync, writeFileSync } from 'node:fs';
import { findInEditor } from './code-editor';
import { expect, keepScreenshot, test } from './fixtures';

test('a typed error is marked inline on its line, after a pause in typing', async ({ app }, testInfo) => {
  await app.locator('a[data-screen="config"]').click();
  const editor = app.getByLabel('Lab file (YAML)');
  await expect(editor).toContainText('tacacs:');
  // Type, as a user does: to the end of the device's match line, /32 → /33.
  await findInEditor(app, 'match: 127.0.0.1/32');
  await app.keyboard.press('End');
  await app.keyboard.press('Backspace');
  await app.keyboard.type('3');
  const marked = app.locator('.cm-line', { has: app.locator('.cm-lintRange-error') });
  await expect(marked).toHaveCount(1);
  await expect(marked).toContainText('match: 127.0.0.1/33');
  await expect(app.locator('.cm-lint-marker-error')).toHaveCount(1);
  await expect(app.getByText('modified', { exact: true })).toBeVisible();
  await keepScreenshot(app, 'config-inline-error', testInfo.attach.bind(testInfo));

  // Fixing it clears the mark.
  await app.keyboard.press('Backspace');
  await app.keyboard.type('2');
  await expect(app.locator('.cm-lintRange-error')).toHaveCount(0);
});

test('unsaved edits: leaving the screen asks first, and so does closing the page', async ({ app }) => {
  await app.locator('a[data-screen="config"]').click();
  const screen = app.getByTestId('screen-config');
  await expect(app.getByLabel('Lab file (YAML)')).toContainText('tacacs:');
  await findInEditor(app, 'name: lab-alt');
  await app.keyboard.press('End');
  await app.keyboard.type('-renamed');

  // Stay: the screen and the address keep the edit.
  let question = '';
  app.once('dialog', (d) => {
    question = d.message();
    void d.dismiss();
  });
  await app.locator('a[data-screen="devices"]').click();
  await expect.poll(() => question).toContain('not applied');
  await expect(screen).toBeVisible();
  await expect(app.getByLabel('Lab file (YAML)')).toContainText('lab-alt-renamed');
  expect(new URL(app.url()).hash).toBe('#/config');

  // Closing or reloading the page gets the browser's prompt.
  let prompt = '';
  app.once('dialog', (d) => {
    prompt = d.type();
    void d.dismiss();
  });
  await app.close({ runBeforeUnload: true });
  await expect.poll(() => prompt).toBe('beforeunload');
  expect(app.isClosed()).toBe(false);

  // Leave: the other screen opens.
  app.once('dialog', (d) => void d.accept());
  await app.locator('a[data-screen="devices"]').click();
  await expect(app.getByTestId('screen-devices')).toBeVisible();
});

test('a lab file changed on disk shows "running ≠ file" until it is applied', async ({
  app,
  lab,
}, testInfo) => {
  const original = readFileSync(lab.configPath, 'utf8');
  const edited = original.replace('match: 127.0.0.3/32', 'match: 127.0.0.9/32');
  expect(edited).not.toBe(original);
  writeFileSync(lab.configPath, edited);

  // The Lab status screen (where the app opens) says so, and leads to the editor.
  const statusNote = app.getByTestId('screen-status').getByTestId('file-drift');
  await expect(statusNote).toHaveAttribute('data-state', 'differs');
  await expect(statusNote).toContainText('Running ≠ file');
  await statusNote.getByRole('button', { name: 'Open the Config editor' }).click();

  const note = app.getByTestId('screen-config').getByTestId('file-drift');
  await expect(note).toContainText('differs from the lab that runs');
  await keepScreenshot(app, 'config-running-not-file', testInfo.attach.bind(testInfo));
  await note.getByRole('button', { name: 'Load the file into the editor' }).click();
  await expect(app.getByText('modified', { exact: true })).toBeVisible();

  await note.getByRole('button', { name: 'Apply the file' }).click();
  await expect(app.getByTestId('config-outcome')).toHaveAttribute('data-kind', 'applied');
  await expect(app.getByTestId('file-drift')).toHaveCount(0);
  await app.locator('a[data-screen="status"]').click();
  await expect(app.getByTestId('devices').getByRole('cell', { name: '127.0.0.9/32' })).toBeVisible();
});
