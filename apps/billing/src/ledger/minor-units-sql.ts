import { currenciesWithMinorUnits, DEFAULT_MINOR_UNITS, MINOR_UNIT_COUNTS } from '#contracts';

/**
 * A currency column's minor units in SQL, from the contract's table (codes are
 * [A-Z]{3}, so they are safe as literals): `round(amount, <this>)` in PostgreSQL
 * rounds a non-negative amount as `roundAmount` does (half up).
 */
export function minorUnitsSql(currencyColumn: string): string {
  return `CASE ${MINOR_UNIT_COUNTS.filter((units) => units !== DEFAULT_MINOR_UNITS)
    .map((units) => `WHEN ${currencyColumn} IN (${currenciesWithMinorUnits(units).map((code) => `'${code}'`).join(', ')}) THEN ${units}`)
    .join(' ')} ELSE ${DEFAULT_MINOR_UNITS} END`;
}
