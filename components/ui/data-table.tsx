import type { ReactNode } from 'react';
import { TableScroll } from './table-scroll';

/** A column: its header, and whether it holds numbers (right-aligned, never wrapped). */
export type Column = { key: string; header: ReactNode; numeric?: boolean };
/** A row: its header cell (what the row is about) and one cell per remaining column. */
export type Row = { key: string; header: ReactNode; cells: ReactNode[]; className?: string };

/**
 * A table of figures with a caption for screen readers, a row header per row, and numeric
 * columns aligned by the theme. The first column is the rows' headers, kept in view while a
 * narrow screen scrolls the rest.
 */
export function DataTable({ caption, columns, rows, className }: { caption: string; columns: Column[]; rows: Row[]; className?: string }) {
  return (
    <TableScroll label={caption}>
      <table className={className}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" className={column.numeric ? 'numeric' : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className={row.className}>
              <th scope="row">{row.header}</th>
              {row.cells.map((cell, index) => (
                <td key={columns[index + 1]?.key ?? index} className={columns[index + 1]?.numeric ? 'numeric' : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
