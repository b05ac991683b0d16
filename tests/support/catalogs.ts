import {
  isArgumentElement,
  isDateElement,
  isNumberElement,
  isPluralElement,
  isSelectElement,
  isTagElement,
  isTimeElement,
  parse,
  type MessageFormatElement,
} from '@formatjs/icu-messageformat-parser';

/** Every message of a catalog by its dotted key ("RangeForm.days"). */
export function flattenCatalog(catalog: object, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') flat.set(path, value);
    else for (const [nested, text] of flattenCatalog(value as object, path)) flat.set(nested, text);
  }
  return flat;
}

/**
 * What a message takes and how: its arguments with their ICU types ("count:plural"), its rich
 * text tags ("<strong>") and a select's choices. Plural categories are the language's own
 * (Portuguese and English both have one/other, others have more), so they are not compared.
 */
export function toSignature(message: string): string[] {
  const found = new Set<string>();
  const visit = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (isArgumentElement(element)) found.add(`${element.value}:argument`);
      if (isNumberElement(element)) found.add(`${element.value}:number`);
      if (isDateElement(element) || isTimeElement(element)) found.add(`${element.value}:date`);
      if (isTagElement(element)) {
        found.add(`<${element.value}>`);
        visit(element.children);
      }
      if (isPluralElement(element)) {
        found.add(`${element.value}:plural`);
        for (const option of Object.values(element.options)) visit(option.value);
      }
      if (isSelectElement(element)) {
        found.add(`${element.value}:select(${Object.keys(element.options).sort().join('|')})`);
        for (const option of Object.values(element.options)) visit(option.value);
      }
    }
  };
  visit(parse(message));
  return [...found].sort();
}

/** The names a message's arguments are given by ("count", "email"), without tags. */
export function toArgumentNames(message: string): string[] {
  return [
    ...new Set(
      toSignature(message)
        .filter((entry) => !entry.startsWith('<'))
        .map((entry) => entry.split(':')[0]!),
    ),
  ].sort();
}
