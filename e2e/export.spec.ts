import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { expect, keepScreenshot, listeners, rpc, test } from './fixtures';

const TSHARK = '/usr/bin/tshark';

test('pcap export from the Packet trace screen after a Test client request: tshark reads every packet', async ({
  app,
  lab,
}, testInfo) => {
  const tacacs = (await listeners(lab)).find((l) => l.service === 'tacacs');
  expect(tacacs, 'the fixture lab runs a TACACS+ listener').toBeTruthy();

  // One TACACS+ PAP authentication from the Test client: client and server copies of 2 packets.
  await app.locator('nav a[data-screen="client"]').click();
  const screen = app.getByTestId('screen-client');
  const tform = screen.getByTestId('tacacs-form');
  await tform.getByLabel('Shared secret').fill('testing123');
  await tform.getByLabel('User', { exact: true }).fill('alice');
  await tform.getByLabel('Password', { exact: true }).fill('alice-pass');
  await tform.getByLabel('Type').selectOption('pap');
  await screen.getByRole('button', { name: 'Send' }).click();
  await expect(screen.getByTestId('client-result')).toHaveAttribute('data-status', 'PASS');

  await app.locator('nav a[data-screen="trace"]').click();
  await expect(app.getByTestId('screen-trace')).toBeVisible();
  await app.getByTestId('trace-filters').getByRole('checkbox', { name: 'tacacs' }).check();
  // The Test client's own copies shown too: the list has each packet twice, the pcap once.
  await app.getByTestId('trace-filters').getByLabel('Test-client copies').check();
  const rows = app.locator('[data-trace-id]');
  await expect(rows).toHaveCount(4);
  await expect(app.locator('[data-role="client"]')).toHaveCount(2);

  const [download] = await Promise.all([
    app.waitForEvent('download'),
    app.getByTestId('trace-export-pcap').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^aaa-lab-trace-.*\.pcap$/);
  const path = await download.path();
  const bytes = readFileSync(path);
  expect(bytes.readUInt32LE(0)).toBe(0xa1b2c3d4); // classic pcap, microsecond timestamps

  // The hint names the device's secret, never its value, and decodes the lab's TACACS+ port.
  const hint = app.getByTestId('tshark-hint');
  await expect(hint).toContainText(`-d tcp.port==${tacacs!.port},tacplus`);
  await expect(hint).toContainText('<secret of device lab-loopback>');
  await expect(app.getByTestId('trace-export-result')).not.toContainText('testing123');
  await keepScreenshot(app, 'trace-exported', testInfo.attach.bind(testInfo));

  // Like the other peer tests: a missing tshark fails, unless the run says peers may be missing.
  if (!existsSync(TSHARK)) {
    test.skip(
      process.env.AAA_LAB_ALLOW_MISSING_PEERS === '1',
      'tshark not installed: the pcap was checked for its magic only',
    );
    throw new Error(
      'tshark not installed (apt-get install tshark, or set AAA_LAB_ALLOW_MISSING_PEERS=1 to skip)',
    );
  }
  const out = execFileSync(
    TSHARK,
    [
      ...['-r', path, '-o', 'tacplus.key:testing123', '-d', `tcp.port==${tacacs!.port},tacplus`],
      ...[
        '-Y',
        'tacplus',
        '-T',
        'fields',
        '-e',
        'frame.protocols',
        '-e',
        'tacplus.user',
        '-e',
        'tacplus.seqno',
      ],
    ],
    { encoding: 'utf8' },
  );
  const packets = out.trimEnd().split('\n');
  expect(packets).toHaveLength(2);
  for (const p of packets) expect(p).not.toMatch(/malformed/);
  // The START (seq 1) once, from alice, and its REPLY.
  expect(packets.filter((p) => p.endsWith('\talice\t1'))).toHaveLength(1);
  expect(packets.filter((p) => p.endsWith('\t2'))).toHaveLength(1);
});

test('accounting Export menu saves the filtered records as CSV and as a tac_plus log', async ({
  app,
  lab,
}) => {
  const tacacs = (await listeners(lab)).find((l) => l.service === 'tacacs');
  expect(tacacs, 'the fixture lab runs a TACACS+ listener').toBeTruthy();
  const account = (user: string, cmd: string) =>
    rpc(lab, 'client.tacacs', {
      ...{ host: '127.0.0.1', port: tacacs!.port, secret: 'testing123' },
      ...{ op: 'account', user, acctFlags: 'start', args: [cmd] },
    });
  await account('alice', 'show clock');
  await account('bob', 'show version');

  await app.locator('nav a[data-screen="accounting"]').click();
  const screen = app.getByTestId('screen-accounting');
  await screen.getByRole('textbox', { name: 'user' }).fill('alice');
  await screen.getByRole('button', { name: 'Filter' }).click();
  await expect(screen.getByTestId('accounting-records').locator('.dt-row')).toHaveCount(1);

  const save = async (label: string) => {
    await screen.getByTestId('accounting-export').locator('summary').click();
    const [download] = await Promise.all([
      app.waitForEvent('download'),
      screen.getByRole('menuitem', { name: label }).click(),
    ]);
    return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
  };
  const csv = await save('CSV');
  expect(csv.name).toMatch(/^aaa-lab-accounting-.*\.csv$/);
  const lines = csv.text.trimEnd().split('\r\n');
  expect(lines[0]).toMatch(/^id,time,timeMs,protocol,device,nasAddress,username,/);
  expect(lines).toHaveLength(2); // the filter applies: alice only
  expect(lines[1]).toContain(',alice,');
  const log = await save('tac_plus log');
  expect(log.name).toMatch(/\.acct$/);
  expect(log.text).toMatch(/\talice\t.*\tstart\t.*cmd=show\tcmd-arg=clock/);
});
