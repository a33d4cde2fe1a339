/** Where the test-request commands write and how they exit; tests capture both. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  exit(code: number): void;
}

export const processIo: CliIo = {
  out: (l) => console.log(l),
  err: (l) => console.error(l),
  exit: (c) => {
    process.exitCode = c;
  },
};
