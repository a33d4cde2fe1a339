import type { AuthService, Credentials } from '../backends/types';
import type { DeviceMatch } from './devices';

/** A login to decide: who, from which device, with what proof, for which service. */
export interface AuthenRequest {
  device?: DeviceMatch;
  username: string;
  credentials: Credentials;
  service?: AuthService;
}
