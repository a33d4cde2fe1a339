import { expect, keepScreenshot, test } from './fixtures';

test("Test client → Open in trace selects the lab's own packet and shows the lab's decision", async ({
  app,
}, testInfo) => {
  await app.locator('nav a[data-screen="client"]').click();
  const screen = app.getByTestId('screen-client');
  const tform = screen.getByTestId('tacacs-form');
  await tform.getByLabel('Operation').selectOption('authorize');
  await tform.getByLabel('Shared secret').fill('testing123');
  await tform.getByLabel('User', { exact: true }).fill('bob');
  await tform.getByLabel(/AV pairs or command lines/).fill('configure terminal');
  await screen.getByRole('button', { name: 'Send' }).click();

  const result = screen.getByTestId('client-result');
  await expect(result).toHaveAttribute('data-status', 'FAIL');
  // The lab's own verdict: helpdesk may only run show commands.
  const decision = result.getByTestId('client-lab-decision');
  await expect(decision).toContainText('This lab: deny');
  await expect(decision).toContainText('configure terminal');
  await keepScreenshot(app, 'client-lab-decision', testInfo.attach.bind(testInfo));

  await result.getByTestId('open-in-trace').click();
  await expect(app.getByTestId('screen-trace')).toBeVisible();
  await expect(app).toHaveURL(/#\/trace/);
  const selected = app.locator('[data-trace-id][aria-selected="true"]');
  await expect(selected).toHaveCount(1);
  await expect(selected).toHaveAttribute('data-role', 'server');
  await expect(selected).toBeInViewport();
  const id = await selected.getAttribute('data-trace-id');
  await expect(app.getByTestId('field-tree')).toContainText(`Packet #${id}`);
  // Its response is one click away, with the time between them.
  await expect(app.getByTestId('packet-pair')).toContainText(/Response in #\d+ · Δt/);
  await keepScreenshot(app, 'trace-opened-from-client', testInfo.attach.bind(testInfo));

  // The same packet by deep link, after a reload.
  await app.goto(app.url().replace(/#.*$/, `#/trace?id=${id}`));
  await expect(app.locator(`[data-trace-id="${id}"]`)).toHaveAttribute('aria-selected', 'true');
});
