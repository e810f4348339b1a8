// Calendar helpers shared by parsing and emitting: Dutch month names and the date in the Netherlands.

export const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

let amsterdam: Intl.DateTimeFormat | undefined;

/** The date in the Netherlands for a moment, as YYYY-MM-DD. */
export function dutchDate(moment: Date): string {
  amsterdam ??= new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });
  return amsterdam.format(moment);
}
