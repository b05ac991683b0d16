const WIDTH = 160;
const HEIGHT = 28;

/**
 * A tiny line chart as SVG. All sparklines of a table share one scale (`max`), so a big source
 * looks big; gaps (null, not loaded) break the line instead of drawing a false zero.
 */
export function Sparkline({ values, max, label }: { values: (number | null)[]; max: number; label: string }) {
  const step = values.length > 1 ? WIDTH / (values.length - 1) : 0;
  const segments: string[] = [];
  let current: string[] = [];
  values.forEach((value, index) => {
    if (value === null) {
      if (current.length) segments.push(current.join(' '));
      current = [];
      return;
    }
    const x = values.length > 1 ? index * step : WIDTH / 2;
    const y = HEIGHT - 2 - (value / max) * (HEIGHT - 4);
    current.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  });
  if (current.length) segments.push(current.join(' '));
  return (
    <svg className="sparkline" width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img">
      <title>{label}</title>
      {segments.map((points) =>
        points.includes(' ') ? (
          <polyline key={points} points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />
        ) : (
          <circle key={points} cx={points.split(',')[0]} cy={points.split(',')[1]} r="1.5" fill="currentColor" />
        ),
      )}
    </svg>
  );
}
