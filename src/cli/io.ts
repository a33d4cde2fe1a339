import { promptPassword } from './prompt';

/** Where the test-request commands write and how they exit; tests capture both. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  exit(code: number): void;
  /** Asks for a password without echo; undefined when there is no terminal to ask on. */
  password?(prompt: string): Promise<string | undefined>;
}

export const processIo: CliIo = {
  out: (l) => console.log(l),
  err: (l) => console.error(l),
  exit: (c) => {
    process.exitCode = c;
  },
  password: (p) => promptPassword(p),
};
