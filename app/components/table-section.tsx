// A page section that is one table: its heading, a sentence when there are no rows, otherwise a compact
// table with a caption for screen readers and a head of column titles. The rows are the caller's.
import type { ReactNode } from "react";

export function TableSection({ id, heading, level = 2, empty, none, caption, testId, columns, children }: {
  id: string;
  heading: ReactNode;
  level?: 2 | 3;
  /** No rows: `none` is shown instead of the table. */
  empty: boolean;
  none: ReactNode;
  caption: string;
  testId: string;
  columns: string[];
  children: ReactNode;
}) {
  const H = level === 2 ? "h2" : "h3";
  return (
    <section className="app-section" aria-labelledby={id}>
      <H id={id}>{heading}</H>
      {empty ? <p>{none}</p> : (
        <div className="app-table-wrap">
          <table className="table table--compact" data-testid={testId}>
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>{columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
            </thead>
            <tbody>{children}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}
