import { readFileSync } from 'node:fs';
import ts from 'typescript';

/** Attributes a viewer reads or hears, and props through which components pass words on. */
const USER_VISIBLE_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'title', 'placeholder', 'alt', 'label', 'pendingLabel']);
/** Metadata a browser shows (tab titles, descriptions). */
const METADATA_PROPERTIES = new Set(['title', 'description', 'default', 'template']);
/** Text without a letter (punctuation, "·", "—", digits) is the same in every language. */
const HAS_LETTER = /\p{L}/u;

export type Literal = { file: string; line: number; text: string; where: string };

/**
 * The user-visible text written into a .tsx file instead of asked of a catalog: JSX text,
 * string literals shown as JSX children (directly or as a branch of `?:`, `&&`, `??`), in a
 * user-visible attribute, or as page metadata.
 */
export function findLiteralText(file: string): Literal[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: Literal[] = [];
  const report = (node: ts.Node, text: string, where: string) => {
    if (!HAS_LETTER.test(text)) return;
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    found.push({ file, line: line + 1, text: text.trim(), where });
  };
  /** String literals an expression can evaluate to, looking through branches and parentheses. */
  const checkShown = (expression: ts.Expression | undefined, where: string) => {
    if (!expression) return;
    if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) report(expression, expression.text, where);
    else if (ts.isTemplateExpression(expression)) {
      report(expression, [expression.head.text, ...expression.templateSpans.map((span) => span.literal.text)].join(' '), where);
    } else if (ts.isParenthesizedExpression(expression)) checkShown(expression.expression, where);
    else if (ts.isConditionalExpression(expression)) {
      checkShown(expression.whenTrue, where);
      checkShown(expression.whenFalse, where);
    } else if (
      ts.isBinaryExpression(expression) &&
      [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(
        expression.operatorToken.kind,
      )
    ) {
      checkShown(expression.right, where);
      if (expression.operatorToken.kind !== ts.SyntaxKind.AmpersandAmpersandToken) checkShown(expression.left, where);
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) report(node, node.text, 'JSX text');
    else if (ts.isJsxExpression(node) && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent)))
      checkShown(node.expression, 'JSX child');
    else if (ts.isJsxAttribute(node) && USER_VISIBLE_ATTRIBUTES.has(node.name.getText(source))) {
      const value = node.initializer;
      if (value && ts.isStringLiteral(value)) report(value, value.text, `${node.name.getText(source)}=`);
      else if (value && ts.isJsxExpression(value)) checkShown(value.expression, `${node.name.getText(source)}=`);
    } else if (ts.isPropertyAssignment(node) && METADATA_PROPERTIES.has(node.name.getText(source)) && isInMetadata(node)) {
      checkShown(node.initializer, 'metadata');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Inside something typed or named as Next's Metadata (`metadata`, `generateMetadata`). */
function isInMetadata(node: ts.Node): boolean {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (ts.isVariableDeclaration(current) && /metadata/i.test(current.name.getText())) return true;
    if (ts.isFunctionDeclaration(current) && /metadata/i.test(current.name?.getText() ?? '')) return true;
  }
  return false;
}
