/**
 * A small reader of Prometheus's text exposition format (version 0.0.4), strict enough that
 * output it cannot read fails the test: every line is a comment (`# HELP`, `# TYPE`) or a sample
 * `name{label="value",…} number`. Samples are keyed `name{a="1",b="2"}` with labels sorted.
 */
export type Exposition = { samples: Map<string, number>; types: Map<string, string> };

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: -?\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/y;

export function parsePrometheusText(text: string): Exposition {
  const samples = new Map<string, number>();
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('# HELP ')) continue;
    const type = /^# TYPE (\S+) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      types.set(type[1]!, type[2]!);
      continue;
    }
    const sample = SAMPLE.exec(line);
    if (!sample) throw new Error(`not Prometheus text: ${JSON.stringify(line)}`);
    const value = toNumber(sample[3]!);
    if (value === null) throw new Error(`not a number: ${JSON.stringify(line)}`);
    samples.set(sampleKey(sample[1]!, parseLabels(sample[2] ?? '', line)), value);
  }
  return { samples, types };
}

/** Go's ParseFloat, which Prometheus uses: also NaN and ±Inf in any case (prom-client writes `Nan`). */
function toNumber(text: string): number | null {
  if (/^nan$/i.test(text)) return Number.NaN;
  if (/^[+-]?inf$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  const value = Number(text);
  return text.trim() === '' || Number.isNaN(value) ? null : value;
}

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < text.length) {
    const match = LABEL.exec(text);
    if (!match) throw new Error(`bad labels: ${JSON.stringify(line)}`);
    labels[match[1]!] = match[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  return labels;
}

export function sampleKey(name: string, labels: Record<string, string> = {}): string {
  const pairs = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1));
  return pairs.length === 0 ? name : `${name}{${pairs.map(([k, v]) => `${k}="${v}"`).join(',')}}`;
}

/** A sample's value, 0 when it is absent (a counter no event has touched yet). */
export function sampleValue(exposition: Exposition, name: string, labels: Record<string, string> = {}): number {
  return exposition.samples.get(sampleKey(name, labels)) ?? 0;
}

/** Every label value in the output, for checks that nothing private became one. */
export function labelValues(text: string): string[] {
  return [...text.matchAll(/="((?:[^"\\]|\\.)*)"/g)].map((match) => match[1]!);
}
