// Splits a command line the way a POSIX shell would for the forms people type at an AWS CLI
// prompt: whitespace separates words, '…' is literal, "…" keeps spaces and honours \" and \\,
// and a backslash outside quotes escapes the next character. Positions are kept so Tab
// completion knows which word the cursor is in.

export interface Token {
  value: string;
  /** Offset of the token's first character in the line (an opening quote included). */
  start: number;
  /** Offset one past its last character. */
  end: number;
}

export class TokenizeError extends Error {}

export interface Tokenized {
  tokens: Token[];
  /** Set when the line ends inside quotes (completion tolerates it; running does not). */
  openQuote: '"' | "'" | null;
  /** Whether the line ends in whitespace, i.e. the cursor starts a new word. */
  trailingSpace: boolean;
}

export function tokenizeLenient(line: string): Tokenized {
  const tokens: Token[] = [];
  let i = 0;
  let quote: '"' | "'" | null = null;
  while (i < line.length) {
    while (i < line.length && isSpace(line[i]!)) i++;
    if (i >= line.length) break;
    const start = i;
    let value = '';
    while (i < line.length) {
      const c = line[i]!;
      if (quote === "'") {
        if (c === "'") quote = null;
        else value += c;
        i++;
      } else if (quote === '"') {
        if (c === '"') {
          quote = null;
          i++;
        } else if (c === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) {
          value += line[i + 1]!;
          i += 2;
        } else {
          value += c;
          i++;
        }
      } else if (isSpace(c)) {
        break;
      } else if (c === "'" || c === '"') {
        quote = c;
        i++;
      } else if (c === '\\' && i + 1 < line.length) {
        value += line[i + 1]!;
        i += 2;
      } else {
        value += c;
        i++;
      }
    }
    tokens.push({ value, start, end: i });
  }
  return { tokens, openQuote: quote, trailingSpace: line.length > 0 && isSpace(line[line.length - 1]!) && quote === null };
}

export function tokenize(line: string): Token[] {
  const { tokens, openQuote } = tokenizeLenient(line);
  if (openQuote) throw new TokenizeError(`unterminated ${openQuote === '"' ? 'double' : 'single'} quote`);
  return tokens;
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}
