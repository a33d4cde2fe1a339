import { expect, keepScreenshot, listeners, rpc, test } from './fixtures';
import { accessRequest } from './radius-client';

interface TacacsResult {
  status: string;
  lab?: { traceIds: number[] };
}

test('a TACACS+ packet has a "Decrypted TACACS+" tab: tree ↔ bytes linked in it, the password masked', async ({
  app,
  lab,
}, testInfo) => {
  const tacacs = (await listeners(lab)).find((l) => l.service === 'tacacs');
  expect(tacacs, 'the fixture lab runs a TACACS+ listener').toBeDefined();
  if (!tacacs) return;
  const r = await rpc<TacacsResult>(lab, 'client.tacacs', {
    host: tacacs.address,
    port: tacacs.port,
    secret: 'testing123',
    op: 'authenticate',
    type: 'pap',
    user: 'alice',
    password: 'alice-pass',
  });
  expect(r.status).toBe('PASS');
  const id = r.lab!.traceIds[0]!;
  await app.goto(app.url().replace(/#.*$/, `#/trace?id=${id}`));
  await expect(app.locator(`[data-trace-id="${id}"]`)).toHaveAttribute('aria-selected', 'true');

  const tree = app.getByTestId('field-tree');
  const hex = app.getByTestId('hex-pane');
  const field = (label: string) =>
    tree.getByRole('treeitem').filter({ has: app.locator('.label', { hasText: new RegExp(`^${label}$`) }) });
  const highlighted = async () => (await hex.locator('.hex-ascii .hl').allTextContents()).join('');

  // The Frame tab shows the wire bytes: the user name is obfuscated there.
  await expect(hex.getByRole('tab', { name: /^Frame/ })).toHaveAttribute('aria-selected', 'true');
  await field('user').click();
  await expect.poll(highlighted).not.toBe('alice');

  // The decrypted tab: the same field selects the clear bytes.
  await hex.getByRole('tab', { name: 'Decrypted TACACS+' }).click();
  await expect(hex).toHaveAttribute('data-view', 'decrypted');
  await expect(hex.getByTestId('bytes-note')).toContainText('tacacsSecret of device lab-loopback');
  await expect.poll(highlighted).toBe('alice');

  // The PAP password is masked (trace.showSecrets is off).
  await field('data').click();
  await expect.poll(highlighted).toBe('••••••••••');
  await expect(hex.locator('.hex-bytes .hl').first()).toHaveText('••');
  await expect(hex).not.toContainText('alice-pass');

  // A click on a byte in the decrypted view selects its field.
  const userStart = await field('user').locator('.range').textContent();
  const offset = Number(/\[(\d+)\.\./.exec(userStart ?? '')?.[1]);
  await hex.locator(`[data-offset="${offset + 1}"]`).click();
  await expect(field('user')).toHaveAttribute('aria-selected', 'true');
  await keepScreenshot(app, 'trace-decrypted-tacacs', testInfo.attach.bind(testInfo));

  // The reply's body is obfuscated too: the chosen tab stays chosen for it.
  await app.goto(app.url().replace(/#.*$/, `#/trace?id=${r.lab!.traceIds[1]!}`));
  await expect(hex.getByRole('tab', { name: 'Decrypted TACACS+' })).toHaveAttribute('aria-selected', 'true');

  // RADIUS: the Access-Request's User-Password is decrypted in place (masked); the Accept, with
  // nothing hidden, has only the frame.
  const auth = (await listeners(lab)).find((l) => l.service === 'radius-auth')!;
  const reply = await accessRequest({
    host: auth.address,
    port: auth.port,
    secret: 'testing123',
    username: 'alice',
    password: 'alice-pass',
  });
  expect(reply.code).toBe(2);
  const { rows } = await rpc<{ rows: Array<{ id: number; direction: string; role: string }> }>(
    lab,
    'trace.list',
    {
      protocol: ['radius'],
      limit: 10,
    },
  );
  const request = rows.find((x) => x.direction === 'in' && x.role === 'server')!;
  await app.goto(app.url().replace(/#.*$/, `#/trace?id=${request.id}`));
  await expect(hex).toHaveAttribute('data-view', 'decrypted');
  await expect(hex.getByRole('tab', { name: 'Decrypted RADIUS' })).toBeVisible();
  await field('User-Password \\(2\\)').click();
  await expect.poll(highlighted).toMatch(/^..•{16}$/);
  const accept = rows.find((x) => x.direction === 'out' && x.role === 'server')!;
  await app.goto(app.url().replace(/#.*$/, `#/trace?id=${accept.id}`));
  await expect(hex).toHaveAttribute('data-view', 'frame');
  await expect(hex.getByRole('tablist')).toHaveCount(0);
});
