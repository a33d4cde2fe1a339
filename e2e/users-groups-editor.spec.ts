import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, keepScreenshot, test } from './fixtures';

/** The Why? box's authorization decision for bob running `command`. */
async function bobMay(app: Page, command: string): Promise<string | null> {
  const why = app.getByTestId('why-box');
  await why.locator('input[name="username"]').fill('bob');
  await why.locator('input[name="command"]').fill(command);
  await why.getByRole('button', { name: 'Why?' }).click();
  await expect(why.getByTestId('why-summary')).toContainText(command);
  return why.getByTestId('why-result').getAttribute('data-allow');
}

test('add a user to a group: listed with the group, saved to the lab file, password masked on edit', async ({
  app,
  lab,
}) => {
  await app.locator('a[data-screen="users"]').click();
  await app.getByTestId('user-add').click();
  const editor = app.getByTestId('user-editor');
  await editor.getByTestId('user-username').fill('dave');
  await editor.getByTestId('user-password').fill('dave-pass');
  await editor.getByTestId('user-groups').getByLabel('helpdesk').check();
  await editor.getByTestId('user-save').click();
  await expect(app.getByTestId('user-editor')).toHaveCount(0);
  const row = app.getByTestId('users').getByRole('row').filter({ hasText: 'dave' });
  await expect(row).toContainText('helpdesk');
  await expect(row).toContainText('set');
  await expect
    .poll(() => readFileSync(lab.configPath, 'utf8'))
    .toContain('- username: dave\n    password: dave-pass\n    groups:\n      - helpdesk');

  // Edit: the password is masked and kept; a bad TOTP secret is named under its field.
  await app.getByRole('button', { name: 'Edit user dave' }).click();
  await expect(editor.getByTestId('user-password')).toHaveValue('');
  await expect(editor.getByTestId('user-password')).toHaveAttribute('placeholder', /unchanged/);
  await editor.getByTestId('user-totp').fill('not base32!');
  await editor.getByTestId('user-save').click();
  await expect(editor.locator('.field-error')).toContainText('base32');
  await editor.getByTestId('user-remove').click();
  await editor.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
  await expect(app.getByTestId('users').getByRole('row').filter({ hasText: 'dave' })).toHaveCount(0);
  await expect.poll(() => readFileSync(lab.configPath, 'utf8')).not.toContain('dave');
});

test('move a helpdesk command rule up: the saved order changes the decision', async ({
  app,
  lab,
}, testInfo) => {
  await app.locator('a[data-screen="users"]').click();
  expect(await bobMay(app, 'show version')).toBe('true');

  await app.getByRole('button', { name: 'Edit group helpdesk' }).click();
  const editor = app.getByTestId('group-editor');
  const rules = editor.getByTestId('group-rule');
  await expect(rules).toHaveCount(2);
  await expect(editor.getByRole('button', { name: 'Move rule 1 up' })).toBeDisabled();
  await editor.getByRole('button', { name: 'Move rule 2 up' }).click();
  await expect(editor.getByLabel('Rule 1 pattern (regular expression)')).toHaveValue('.*');
  await expect(editor.getByLabel('Rule 1 action')).toHaveValue('deny');
  await keepScreenshot(app, 'group-editor', testInfo.attach.bind(testInfo));
  await editor.getByTestId('group-save').click();
  await expect(app.getByTestId('group-editor')).toHaveCount(0);

  const card = app.locator('.group-card[data-group="helpdesk"] .rules li');
  await expect(card.nth(0)).toContainText('deny');
  await expect(card.nth(1)).toContainText('permit');
  await expect
    .poll(() => readFileSync(lab.configPath, 'utf8'))
    .toMatch(/- name: helpdesk[\s\S]*?commands:\s*\n\s*- deny: "?\.\*"?\s*\n\s*- permit:/);
  // The first rule now denies everything: bob may no longer run show commands.
  expect(await bobMay(app, 'show version')).toBe('false');

  // A bad regex is named under its rule, and nothing is saved.
  await app.getByRole('button', { name: 'Edit group helpdesk' }).click();
  await editor.getByTestId('group-rule-add').click();
  await editor.getByLabel('Rule 3 pattern (regular expression)').fill('(unclosed');
  await editor.getByTestId('group-save').click();
  await expect(editor.getByTestId('group-rule').nth(2).locator('.field-error')).toBeVisible();
  expect(readFileSync(lab.configPath, 'utf8')).not.toContain('(unclosed');
});
