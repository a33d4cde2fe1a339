import { z } from 'zod';

/**
 * Enrolling an authenticator app for a local user's TOTP second factor (RFC 6238): the otpauth://
 * URI and its QR code. Shown to the signed-in admin only; each showing is audited.
 */
export const usersMfaProcedures = {
  'users.totpEnrolment': {
    input: z.object({ username: z.string().min(1).max(253) }),
    output: z.object({
      /** otpauth://totp/AAA%20Lab:alice?secret=…&issuer=AAA%20Lab&algorithm=SHA1&digits=6&period=30 */
      uri: z.string(),
      /** The URI as a QR code, an SVG document. */
      svg: z.string(),
    }),
  },
} as const;
