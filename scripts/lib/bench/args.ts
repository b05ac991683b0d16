/**
 * `npm run bench -- [--quick] [--against <git ref>] [--profile]`. Without a flag, the full
 * benchmark; with any, the side-by-side run (side-by-side.ts): the app against the bare Next
 * fixture and, with --against, against that ref's build; --profile writes CPU profiles instead.
 */
export type BenchArgs = { quick: boolean; against: string | null; profile: boolean };

export function parseBenchArgs(argv: string[]): BenchArgs {
  const args: BenchArgs = { quick: false, against: null, profile: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick') args.quick = true;
    else if (arg === '--profile') args.profile = true;
    else if (arg === '--against') {
      const ref = argv[++i];
      if (!ref || ref.startsWith('--')) throw new Error('--against needs a git ref, e.g. --against main');
      args.against = ref;
    } else if (arg.startsWith('--against=')) args.against = arg.slice('--against='.length);
    else throw new Error(`unknown option ${arg} (known: --quick, --against <ref>, --profile)`);
  }
  return args;
}

/** True when the side-by-side run is asked for rather than the full benchmark. */
export const wantsSideBySide = (args: BenchArgs) => args.quick || args.against !== null || args.profile;
