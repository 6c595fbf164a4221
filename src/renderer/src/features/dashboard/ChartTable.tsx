/** A chart's numbers as a table: its text alternative (ChartCard's "Show table"). */
export function ChartTable(props: { caption: string; columns: string[]; rows: (string | number)[][] }) {
  return (
    <table className="figures-table">
      <caption className="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map((c, i) => (
            <th key={c} scope="col" className={i === 0 ? 'first' : undefined}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row, r) => (
          <tr key={r}>
            {row.map((cell, i) =>
              i === 0 ? (
                <th key={i} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={i}>{cell}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
