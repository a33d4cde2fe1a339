import { describe, expect, it } from 'vitest';
import { blankSecrets, loadedSecrets, secretEdits } from './editable-secrets';
import { secretState } from './secret-field';

const KEYS = ['password', 'enable', 'totp'] as const;

describe('an editor’s secrets', () => {
  it('start unset, and an untouched unset secret sends nothing', () => {
    const blank = blankSecrets(KEYS);
    expect(blank.password).toEqual({ set: false, value: '', changed: false, removed: false });
    expect(secretEdits(KEYS, blank)).toEqual({ password: undefined, enable: undefined, totp: undefined });
  });

  it('a masked load shows what the lab has as set but empty, and replaces whatever was there', () => {
    const typed = {
      ...blankSecrets(KEYS),
      password: { ...secretState(undefined), value: 'x', changed: true },
    };
    const loaded = loadedSecrets(KEYS, typed, { password: '••••••', enable: '••••••' }, false);
    expect(loaded.password).toEqual({ set: true, value: '', changed: false, removed: false });
    expect(loaded.enable.set).toBe(true);
    expect(loaded.totp.set).toBe(false);
    // Left alone, the lab's secrets are kept: the upsert sends nothing for them.
    expect(secretEdits(KEYS, loaded)).toEqual({ password: undefined, enable: undefined, totp: undefined });
  });

  it('revealing fills in the lab’s values but keeps what the user already typed', () => {
    const masked = loadedSecrets(KEYS, blankSecrets(KEYS), { password: '••••', enable: '••••' }, false);
    const typing = { ...masked, enable: { ...masked.enable, value: 'new-enable', changed: true } };
    const shown = loadedSecrets(KEYS, typing, { password: 'old-pass', enable: 'old-enable' }, true);
    expect(shown.password).toEqual({ set: true, value: 'old-pass', changed: false, removed: false });
    expect(shown.enable).toEqual({ set: true, value: 'new-enable', changed: true, removed: false });
    expect(secretEdits(KEYS, shown)).toEqual({ password: undefined, enable: 'new-enable', totp: undefined });
  });

  it('sends null for a secret the user cleared, and nothing for clearing one the lab never had', () => {
    const masked = loadedSecrets(KEYS, blankSecrets(KEYS), { password: '••••' }, false);
    const cleared = {
      ...masked,
      password: { ...masked.password, removed: true },
      totp: { ...masked.totp, removed: true },
    };
    expect(secretEdits(KEYS, cleared)).toEqual({ password: null, enable: undefined, totp: undefined });
  });
});
