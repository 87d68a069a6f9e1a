/**
 * Exact money. Every amount in the money path is a bigint count of femtodollars
 * (1e-15 USD): token prices are a few 1e-8 USD, so floats would drift when summed.
 * In PostgreSQL the same amounts are `numeric(38,15)` columns holding dollars.
 */
export type Femto = bigint;

const MONEY_SCALE = 15;
const FEMTO_PER_USD = 10n ** BigInt(MONEY_SCALE);

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;
const POSTGRES_AMOUNT = /^-?\d+\.\d{15}$/;

/** Parses a plain decimal string of dollars ("0.000000125", "-3") exactly. Throws on anything else. */
export function usdToFemto(value: string): Femto {
  // PostgreSQL's text of a numeric(38,15) amount has exactly 15 places: its digits are the femtodollars.
  if (value.charCodeAt(value.length - MONEY_SCALE - 1) === 46 /* "." */ && POSTGRES_AMOUNT.test(value)) {
    return BigInt(value.replace(".", ""));
  }
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new RangeError(`not a decimal amount: ${JSON.stringify(value)}`);
  const [, sign, whole, fraction = ""] = match;
  if (fraction.length > MONEY_SCALE && /[1-9]/.test(fraction.slice(MONEY_SCALE))) {
    throw new RangeError(`more than ${MONEY_SCALE} decimal places: ${value}`);
  }
  // One bigint from all the digits: a third of the CPU of parsing whole and fraction apart.
  const femto = BigInt(whole! + fraction.slice(0, MONEY_SCALE).padEnd(MONEY_SCALE, "0"));
  return sign ? -femto : femto;
}

/**
 * Converts a JS number that came from JSON (e.g. 1.25e-7) to femtodollars exactly as written:
 * the shortest round-trip representation is what the author of the number meant.
 */
export function numberToFemto(value: number): Femto {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite amount: ${value}`);
  return usdToFemto(toPlainDecimal(value));
}

/** Dollars as an exact decimal string with all 15 places, e.g. for SQL parameters. */
export function femtoToUsd(femto: Femto): string {
  const negative = femto < 0n;
  const abs = negative ? -femto : femto;
  const whole = abs / FEMTO_PER_USD;
  const fraction = (abs % FEMTO_PER_USD).toString().padStart(MONEY_SCALE, "0");
  return `${negative ? "-" : ""}${whole}.${fraction}`;
}

/**
 * Dollars as the public JSON writes them: exact, trailing zeros past the cents trimmed
 * ("12.50", "0.000000125", "-3.00").
 */
export function usdJson(femto: Femto): string {
  // trimToCents(femtoToUsd(femto)) without the intermediate strings, from one bigint-to-string
  // conversion (two bigint divisions took twice the time): reports write about 100,000 of them.
  const negative = femto < 0n;
  const digits = (negative ? -femto : femto).toString();
  const split = digits.length - MONEY_SCALE;
  const fraction = split > 0 ? digits.slice(split) : digits.padStart(MONEY_SCALE, "0");
  let end = MONEY_SCALE;
  while (end > 2 && fraction.charCodeAt(end - 1) === 48 /* "0" */) end--;
  return `${negative ? "-" : ""}${split > 0 ? digits.slice(0, split) : "0"}.${fraction.slice(0, end)}`;
}

/** A plain decimal with trailing zeros past the cents trimmed: "12.340000" -> "12.34", "-0.50" -> "-0.50", "-0.000" -> "0.00". */
export function trimToCents(decimal: string): string {
  // Scans instead of split and replace: the read API trims every amount of every row.
  const point = decimal.indexOf(".");
  let trimmed: string;
  if (point === -1) trimmed = `${decimal}.00`;
  else {
    let end = decimal.length;
    while (end > point + 3 && decimal.charCodeAt(end - 1) === 48 /* "0" */) end--;
    trimmed = decimal.slice(0, end).padEnd(point + 3, "0");
  }
  return trimmed === "-0.00" ? "0.00" : trimmed;
}

/** Divides with round-half-to-even (banker's rounding), the only rounding in the money path. */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError("division by zero");
  if (denominator < 0n) return divideRounded(-numerator, -denominator);
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  const twice = 2n * (remainder < 0n ? -remainder : remainder);
  if (twice < denominator) return quotient;
  const away = remainder < 0n ? quotient - 1n : quotient + 1n;
  if (twice > denominator) return away;
  return quotient % 2n === 0n ? quotient : away;
}

/** Rounds femtodollars to whole cents (half-even) for display totals; never used for sums. */
export function formatUsd(femto: Femto, fractionDigits = 2): string {
  const unit = 10n ** BigInt(MONEY_SCALE - fractionDigits);
  const rounded = divideRounded(femto, unit);
  const negative = rounded < 0n;
  const abs = negative ? -rounded : rounded;
  const digits = abs.toString().padStart(fractionDigits + 1, "0");
  const whole = digits.slice(0, digits.length - fractionDigits).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const fraction = fractionDigits > 0 ? `.${digits.slice(-fractionDigits)}` : "";
  return `${negative ? "-" : ""}$${whole}${fraction}`;
}

function toPlainDecimal(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  const [mantissa, exponentText] = text.toLowerCase().split("e") as [string, string];
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith("-");
  const [intPart, fracPart = ""] = mantissa.replace("-", "").split(".") as [string, string?];
  const digits = intPart + fracPart;
  const point = intPart.length + exponent;
  let plain: string;
  if (point <= 0) plain = `0.${"0".repeat(-point)}${digits}`;
  else if (point >= digits.length) plain = digits + "0".repeat(point - digits.length);
  else plain = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${plain}` : plain;
}
