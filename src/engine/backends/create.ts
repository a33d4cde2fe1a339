/**
 * Kept for existing imports: the chain builder lives in ./index (local, LDAP, OIDC/Okta). Callers
 * should pass `{ baseDir: lab.baseDir }` so an LDAP `tlsCa` path resolves against the lab file.
 */
export { createBackends, type CreateBackendsOptions } from './index';
