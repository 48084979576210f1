import type { Value } from './evaluate.js';

// How measured values read in pass and fail texts: whole numbers with thousands separators,
// fractions with as many digits as a reader needs, and optional unit filters
// (`{{streams.orders.bytesIn | bytes}}` → `12.4 MiB`).

/** `12345` → `12,345`; `3.14159` → `3.14`; `0.04567` → `0.0457`; `1234.56` → `1,234.6`. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return group(n);
  const abs = Math.abs(n);
  let text: string;
  if (abs >= 100) text = n.toFixed(1);
  else if (abs >= 1) text = n.toFixed(2);
  else text = String(Number(n.toPrecision(3)));
  if (text.includes('e')) return text;
  text = text.includes('.') ? text.replace(/\.?0+$/, '') : text;
  const [whole = '0', fraction] = text.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const grouped = group(Number(whole.replace('-', '')));
  return `${sign}${grouped}${fraction ? `.${fraction}` : ''}`;
}

function group(n: number): string {
  if (Math.abs(n) >= 1e21) return String(n);
  const text = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${text}` : text;
}

const LIST_LIMIT = 10;

export function formatValue(v: Value): string {
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v === null) return 'null';
  if (Array.isArray(v)) {
    const texts = v.slice(0, LIST_LIMIT).map(formatValue);
    // Grouped thousands already use commas: separate such items with semicolons.
    const shown = texts.join(texts.some((t) => t.includes(',')) ? '; ' : ', ');
    return `[${shown}${v.length > LIST_LIMIT ? `, … ${v.length - LIST_LIMIT} more` : ''}]`;
  }
  const keys = Object.keys(v);
  return `{${keys.slice(0, LIST_LIMIT).join(', ')}${keys.length > LIST_LIMIT ? ', …' : ''}}`;
}

export const FILTERS: Record<string, { summary: string; format: (n: number) => string }> = {
  bytes: { summary: 'bytes in B, KiB, MiB or GiB: 1.5 MiB', format: bytes },
  duration: { summary: 'milliseconds as ms, s, min or h: 850 ms, 12.5 s', format: duration },
  int: { summary: 'rounded to a whole number: 1,235', format: (n) => formatNumber(Math.round(n)) },
  rate: { summary: 'per second: 1,234/s', format: (n) => `${formatNumber(n)}/s` },
  percent: { summary: 'a number from 0 to 100 with a % sign: 12.5%', format: (n) => `${formatNumber(Number(n.toFixed(1)))}%` },
};

function bytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let i = 0;
  while (Math.abs(value) >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return `${formatNumber(i === 0 ? value : Number(value.toPrecision(3)))} ${units[i]}`;
}

function duration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1000) return `${formatNumber(Number(ms.toPrecision(3)))} ms`;
  if (abs < 120_000) return `${formatNumber(Number((ms / 1000).toPrecision(3)))} s`;
  if (abs < 7_200_000) return `${formatNumber(Number((ms / 60_000).toPrecision(3)))} min`;
  return `${formatNumber(Number((ms / 3_600_000).toPrecision(3)))} h`;
}
