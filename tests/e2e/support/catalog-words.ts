import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import type { Page } from 'playwright-core';
import { CATALOGS } from '../../../i18n/catalogs';
import type { AppLocale } from '../../../i18n/locales';
import { flattenCatalog } from '../../support/catalogs';

/** Words, lower-cased, in any script: "talkover's" → ["talkover", "s"] is fine for a set test. */
const WORD = /\p{L}+/gu;

/** The words of a catalog's sentences: literal text only, never argument or tag names. */
function wordsOf(locale: AppLocale): Set<string> {
  const words = new Set<string>();
  const visit = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type === TYPE.literal) for (const word of element.value.toLowerCase().match(WORD) ?? []) words.add(word);
      if (element.type === TYPE.tag) visit(element.children);
      if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) visit(option.value);
    }
  };
  for (const message of flattenCatalog(CATALOGS[locale]).values()) visit(parse(message));
  return words;
}

/**
 * Words a page in `pageLocale` must not show: those of the other catalog that its own catalog
 * does not have. Words both languages share ("callback", "Talkover", "outbound", "link", the
 * language names of the menu) drop out by themselves. The only exceptions are words Intl itself
 * prints in dates of the page's language that happen to be words of the other catalog:
 * Portuguese "set." and "out." (setembro, outubro) are English "set" and "out".
 */
const INTL_WORDS: Record<AppLocale, string[]> = { en: [], 'pt-BR': ['set', 'out'] };

export function foreignCatalogWords(pageLocale: AppLocale): Set<string> {
  const own = wordsOf(pageLocale);
  const other = wordsOf(pageLocale === 'en' ? 'pt-BR' : 'en');
  return new Set([...other].filter((word) => !own.has(word) && !INTL_WORDS[pageLocale].includes(word)));
}

/**
 * Everything a viewer reads or hears on the page: its visible text (visually hidden text
 * included), the tab title and the accessible names in attributes. Names typed in Talkover (the
 * source agents, in the tables), alert rules' names and the signed-in email are not the
 * dashboard's words: left out.
 */
export async function readableText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const body = document.body.cloneNode(true) as HTMLElement;
    for (const name of body.querySelectorAll(
      '.source-table tbody th[scope=row], .source-table .handled-by a, .source-trend-table tbody th[scope=row], .alert-lines .alert-line-name, .header-user strong',
    ))
      name.remove();
    const attributes = [...body.querySelectorAll('[aria-label], [title], [placeholder], [alt]')].flatMap((element) =>
      ['aria-label', 'title', 'placeholder', 'alt'].map((attribute) => element.getAttribute(attribute) ?? ''),
    );
    // innerText needs layout: measure the clone in the document, then take it out again.
    body.style.position = 'absolute';
    document.documentElement.append(body);
    const text = body.innerText;
    body.remove();
    return [document.title, text, ...attributes].join('\n');
  });
}

/** The words of `text` found in `forbidden`: what the page shows in the wrong language. */
export function foreignWords(text: string, forbidden: Set<string>): string[] {
  return [...new Set(text.toLowerCase().match(WORD) ?? [])].filter((word) => forbidden.has(word)).sort();
}
