import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Reads a V8 .cpuprofile (what `node --cpu-prof` writes) and sums self time per function over a
 * window of it: the measured load, not the server's start-up or shutdown.
 */
type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number } };
type Profile = { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

export type SelfTime = { name: string; where: string; ms: number; share: number };

/** Functions by self time; `share` is of the window's busy samples (idle excluded). */
export async function topSelfTimes(file: string, window: { fromEndMs: number; lengthMs: number }, top = 25): Promise<SelfTime[]> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as Profile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const windowEnd = profile.endTime - (window.fromEndMs - window.lengthMs) * 1_000;
  const windowStart = profile.endTime - window.fromEndMs * 1_000;
  const totals = new Map<string, SelfTime>();
  let busy = 0;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at < windowStart || at > windowEnd) continue;
    const frame = nodes.get(profile.samples[i]!)?.callFrame;
    if (!frame || frame.functionName === '(idle)') continue;
    busy += delta;
    const where = frame.url ? `${shorten(frame.url)}:${frame.lineNumber + 1}` : '';
    const key = `${frame.functionName}@${where}`;
    const entry = totals.get(key) ?? { name: frame.functionName || '(anonymous)', where, ms: 0, share: 0 };
    entry.ms += delta / 1_000;
    totals.set(key, entry);
  }
  return [...totals.values()]
    .map((entry) => ({ ...entry, ms: Number(entry.ms.toFixed(1)), share: busy ? entry.ms / (busy / 1_000) : 0 }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top);
}

/** `…/node_modules/next/dist/server/foo.js` → `next/dist/server/foo.js`; app chunks keep their file name. */
function shorten(url: string): string {
  const file = url.replace(/^file:\/\//, '');
  const modules = file.lastIndexOf('node_modules/');
  if (modules >= 0) return file.slice(modules + 'node_modules/'.length);
  const built = file.indexOf('.next-bench/');
  if (built >= 0) return file.slice(built);
  return path.basename(file);
}
