import { decodePacket, type DecodeOptions } from './packet';
import { plausible } from './plausible';
import { DecodeError } from './reader';

/** A TACACS+ key the lab knows and the first device that uses it. */
export interface KnownSecret {
  device: string;
  key: string;
}

export interface SecretDiagnosis {
  /** Device whose secret decodes the packet, when one does. */
  device?: string;
  message: string;
}

/** Decodes with `key` and says whether the result is a consistent, plausible packet. */
export function decodesWith(bytes: Uint8Array, key: string, opts: DecodeOptions = {}): boolean {
  try {
    return plausible(decodePacket(bytes, key, opts).body);
  } catch (e) {
    if (e instanceof DecodeError) return false;
    throw e;
  }
}

/**
 * Wrong-secret diagnosis (issue 3): the body did not deobfuscate with the device's key, so try every
 * other secret the lab knows and name the device whose secret works. The packet is never
 * authenticated either way; this only tells the engineer which key the device really has.
 */
export function diagnoseSecret(
  bytes: Uint8Array,
  configured: string | undefined,
  known: readonly KnownSecret[],
  opts: DecodeOptions = {},
): SecretDiagnosis {
  for (const k of known) {
    if (k.key === configured) continue;
    if (decodesWith(bytes, k.key, opts)) {
      return {
        device: k.device,
        message: `the packet decodes with the secret of device ${k.device} — the device is configured with the wrong key`,
      };
    }
  }
  return {
    message:
      'the packet does not decode with the configured secret and no known secret decodes it — check the key on the device',
  };
}
