import { describe, expect, it } from 'vitest';
import { parseSuite, SuiteError } from './suite-load';

const errors = (source: string) => {
  try {
    parseSuite(source, 'x.yaml');
  } catch (e) {
    if (e instanceof SuiteError) return e.errors;
    throw e;
  }
  throw new Error('parsed');
};

describe('parseSuite', () => {
  it('reads steps of every kind with their defaults', () => {
    const s = parseSuite(`
steps:
  - { type: tacacs-authenticate, user: a, password: p }
  - { type: radius-acct, status: Stop, attributes: { Acct-Session-Id: x } }
  - { type: repeat, times: 2, steps: [{ type: wait, seconds: 0 }] }
  - { type: nas-session, protocol: radius, user: a, password: p }
`);
    expect(s.target).toBe('lab');
    expect(s.steps.map((x) => x.type)).toEqual([
      'tacacs-authenticate',
      'radius-acct',
      'repeat',
      'nas-session',
    ]);
    expect(s.steps[0]).toMatchObject({ method: 'pap', service: 'login' });
  });

  it('names the field path and the line of a bad step', () => {
    const e = errors(`name: t
steps:
  - type: radius-auth
    user: alice
  - type: tacacs-authorize
    expect:
      status: 12
`);
    expect(e).toEqual([expect.objectContaining({ path: 'steps[1].expect.status', line: 7 })]);
    expect(e[0]!.message).toMatch(/expected string/);
  });

  it('refuses an unknown step type, unknown keys, a bad regex and an unknown target', () => {
    const e = errors(`steps:
  - type: radius-fly
  - type: radius-auth
    pasword: x
  - type: radius-auth
    expect: { serverMsg: { regex: "(" } }
  - type: radius-auth
    target: core
`);
    expect(e.map((i) => [i.path, i.line])).toEqual([
      ['steps[0].type', 2],
      ['steps[1]', 3],
      ['steps[2].expect.serverMsg.regex', 6],
      ['steps[3].target', 8],
    ]);
    expect(e[0]!.message).toContain('tacacs-authenticate');
    expect(e[1]!.message).toContain('"pasword"');
  });

  it('reports YAML syntax errors with their line, and checks steps inside repeat', () => {
    expect(errors('steps:\n  - type: wait\n    seconds: [1\n')[0]).toMatchObject({ path: '(yaml)' });
    const e = errors('steps:\n  - type: repeat\n    times: 2\n    steps:\n      - type: wait\n');
    expect(e[0]).toMatchObject({ path: 'steps[0].steps[0].seconds', line: 5 });
  });

  it('accepts JSON', () => {
    expect(parseSuite('{"steps":[{"type":"radius-status"}]}').steps).toHaveLength(1);
  });
});
