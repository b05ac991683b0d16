import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** axe-core's WCAG 2 A/AA (and 2.1 AA) rules on the page as it is now: one line per violation. */
const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

export async function violations(page: Page): Promise<string[]> {
  // A client-side refresh (after a form's action) re-renders the head: let the title settle, or
  // axe may see the page between two renders. A page that never gets a title still fails below.
  await page.waitForFunction(() => document.title !== '', undefined, { timeout: 5_000 }).catch(() => {});
  await page.addScriptTag({ content: await axeSource });
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } })).violations;
  });
  return (found as Violation[]).map(
    (violation) => `${violation.impact}: ${violation.id} (${violation.help}) at ${violation.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}
