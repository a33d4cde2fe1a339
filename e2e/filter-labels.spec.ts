import { expect, test } from './fixtures';

// Every filter control names what it filters on screen, not only for screen readers.
const screens = [
  ['trace', '[data-testid="trace-filters"], [data-testid="display-filter"]'],
  ['sessions', '.screen-head'],
  ['audit', '.screen-head'],
  ['accounting', 'form.filters'],
] as const;

test('filters on the Packet trace, Live sessions, Audit and Accounting screens carry visible labels', async ({
  app,
}) => {
  for (const [screen, scope] of screens) {
    await app.locator(`nav a[data-screen="${screen}"]`).click();
    const controls = app
      .getByTestId(`screen-${screen}`)
      .locator(scope)
      .locator('select, input:not([type="checkbox"])');
    await expect(controls.first()).toBeVisible();
    const unlabelled = await controls.evaluateAll((els) =>
      els
        .filter((el) => {
          const id = el.getAttribute('id');
          const label =
            el.closest('label') ?? (id ? el.ownerDocument.querySelector(`label[for="${id}"]`) : null);
          const text = label?.textContent?.replace(el.textContent ?? '', '').trim();
          return !text;
        })
        .map((el) => el.getAttribute('aria-label') ?? el.outerHTML.slice(0, 80)),
    );
    expect(unlabelled, `unlabelled filters on ${screen}`).toEqual([]);
  }
});
