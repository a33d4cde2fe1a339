import type { KnownSecret as RadiusSecret } from '../radius/codec/diagnose';
import type { KnownSecret as TacacsSecret } from '../tacacs/codec/secret-diagnosis';
import type { LoadedLab } from './loaded-lab';

// The wrong-secret diagnoses (radius/codec/diagnose.ts, tacacs/codec/secret-diagnosis.ts) are pure:
// they take the candidate secrets; these read them from the lab in force.

/** Every RADIUS-side secret of the lab: devices' radiusSecret and coaSecret, and the RadSec secret. */
export function knownRadiusSecrets(lab: LoadedLab): RadiusSecret[] {
  const out: RadiusSecret[] = [];
  for (const d of lab.config.devices) {
    if (d.radiusSecret) out.push({ owner: `device ${d.name} (radiusSecret)`, secret: d.radiusSecret });
    if (d.coaSecret && !(d.radiusSecret && d.coaSecret.equals(d.radiusSecret)))
      out.push({ owner: `device ${d.name} (coaSecret)`, secret: d.coaSecret });
  }
  const radsec = lab.config.radius?.radsec?.secret;
  if (radsec) out.push({ owner: 'RadSec (radius.radsec.secret)', secret: radsec });
  return out;
}

/** Every distinct TACACS+ secret in the lab, with the first device that uses it. */
export function knownTacacsSecrets(lab: LoadedLab): TacacsSecret[] {
  const seen = new Set<string>();
  const out: TacacsSecret[] = [];
  for (const d of lab.config.devices) {
    const key = d.tacacsSecret?.reveal();
    if (key === undefined || seen.has(key)) continue;
    seen.add(key);
    out.push({ device: d.name, key });
  }
  return out;
}
