import { useState } from 'react';
import { labApi } from '../../api';
import { Note } from '../panel';
import { useAction } from '../use-action';

/** Shows a user's TOTP enrolment QR code on demand (the secret stays off the screen otherwise). */
export function TotpEnrol({ username }: { username: string }) {
  const [svg, setSvg] = useState<string>();
  const { busy, error, run } = useAction();
  if (svg)
    return (
      <div className="totp-enrol" data-testid={`totp-qr-${username}`}>
        {/* The SVG is made by the engine's QR encoder from the otpauth:// URI: markup only, no script. */}
        <div className="totp-qr" dangerouslySetInnerHTML={{ __html: svg }} />
        <div className="meta">Scan with an authenticator app (TOTP, 6 digits, 30 s).</div>
        <button type="button" className="btn" onClick={() => setSvg(undefined)}>
          Hide
        </button>
      </div>
    );
  return (
    <span>
      <button
        type="button"
        className="btn"
        disabled={busy}
        data-testid={`totp-show-${username}`}
        onClick={() => void run(async () => setSvg((await labApi.users.totpEnrolment({ username })).svg))}
      >
        Enrol app…
      </button>
      {error && <Note tone="bad">{error}</Note>}
    </span>
  );
}
