import { join } from 'node:path';
import { expect, fixturesDir, keepScreenshot, test } from './fixtures';

// 802.1X against the lab's own EAP server (lab-eap.yaml binds the fixed conformance ports).
test.use({ labFile: 'lab-eap.yaml' });

test('Test client runs PEAP as a supplicant; the trace shows the decrypted inner MS-CHAPv2 exchange', async ({
  app,
}, testInfo) => {
  await app.locator('nav a[data-screen="client"]').click();
  const screen = app.getByTestId('screen-client');
  await screen.getByRole('tab', { name: '802.1X (EAP)' }).click();
  const form = screen.getByTestId('eap-form');
  await expect(form.getByLabel('EAP method')).toHaveValue('peap');
  await expect(form.getByLabel('Outer identity')).toHaveValue('anonymous');
  await form.getByLabel('Shared secret').fill('testing123');
  await form.getByLabel('Inner user').fill('alice');
  await form.getByLabel('Password').fill('alice-pass');
  await form.getByLabel('Server name (certificate must carry it)').fill('localhost');
  // The CA is read from a file the user picks, as from the file chooser.
  await form.getByLabel(/^CA certificate .*: file$/).setInputFiles(join(fixturesDir, 'tls', 'ca.pem'));
  await expect(form.getByRole('textbox', { name: /^CA certificate/ })).toHaveValue(/BEGIN CERTIFICATE/);
  await screen.getByLabel('Expect status', { exact: false }).fill('accept');
  await screen.getByLabel('Expect attributes', { exact: false }).fill('Tunnel-Private-Group-Id=20');
  await screen.getByRole('button', { name: 'Send' }).click();

  const result = screen.getByTestId('client-result');
  await expect(result).toHaveAttribute('data-status', 'Access-Accept');
  await expect(result).toContainText('expectations met');
  await expect(screen.getByTestId('eap-mppe')).toHaveAttribute('data-mppe', 'match');
  await expect(screen.getByTestId('eap-rounds')).toContainText('Access-Accept');
  await expect(screen.getByTestId('client-lab-decision')).toContainText('This lab: allow');
  await keepScreenshot(app, 'client-eap-peap-accept', testInfo.attach.bind(testInfo));

  await result.getByTestId('open-in-trace').click();
  await expect(app.getByTestId('screen-trace')).toBeVisible();
  // The inner messages are nested under their outer packets, not listed beside them.
  await expect(app.locator('.trace-row.has-inner').first()).toBeVisible();
  await expect(app.locator('[data-trace-id]', { hasText: 'MSCHAPv2 Response (user' })).toHaveCount(0);
  const inner = app.getByTestId('inner-exchange');
  await inner.getByTestId('inner-exchange-toggle').click();
  await inner.getByRole('button', { name: /EAP-MSCHAPv2 Response \(user alice\)/ }).click();
  const tree = app.getByTestId('field-tree');
  await expect(tree).toContainText('OpCode');
  await expect(tree).toContainText('Response (2)');
  await expect(tree.locator('[role="treeitem"]', { hasText: 'Name' }).last()).toContainText('alice');
  // The NT-Response is masked (trace.showSecrets is off in the fixture).
  await expect(tree.locator('[role="treeitem"]', { hasText: 'NT-Response' })).toContainText('hidden');
  await keepScreenshot(app, 'trace-eap-inner-response', testInfo.attach.bind(testInfo));

  await inner.getByRole('button', { name: /← EAP-MSCHAPv2 Success/ }).click();
  await expect(tree).toContainText('Success (3)');
  // And back to the outer RADIUS packet.
  await inner.getByRole('button', { name: /Back to packet/ }).click();
  await expect(tree).toContainText('EAP-Message');

  // pcap with the TLS key log asked for: two files, and tshark told where the keys are.
  await app.getByTestId('trace-export-keylog').check();
  const saved: string[] = [];
  app.on('download', (d) => saved.push(d.suggestedFilename()));
  await app.getByTestId('trace-export-pcap').click();
  await expect(app.getByTestId('trace-export-keylog-result')).toContainText('the TLS keys of 1 EAP tunnel');
  await expect(app.getByTestId('tshark-hint')).toContainText('-o tls.keylog_file:aaa-lab-trace-');
  await expect
    .poll(() => saved.map((f) => f.replace(/-[\dT-]+\./, '-X.')))
    .toEqual(['aaa-lab-trace-X.pcap', 'aaa-lab-trace-X.pcap.keys']);
});
