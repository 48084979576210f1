import type { Style, Tone } from './markdown/types.js';

/** https://no-color.org: any non-empty NO_COLOR turns colour off. */
export function colorAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env['NO_COLOR'];
  return value === undefined || value === '';
}

export type InkColor = 'cyan' | 'green' | 'yellow' | 'blue' | 'magenta' | 'gray' | 'red';

const palette: Record<Tone, InkColor | undefined> = {
  heading: 'cyan',
  code: 'green',
  link: 'blue',
  fact: 'yellow',
  quote: undefined,
  cloze: 'magenta',
  match: 'magenta',
  muted: 'gray',
  error: 'red',
  warning: 'yellow',
  new: 'blue',
  learning: 'red',
  due: 'green',
};

export interface TextStyleProps {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strikethrough?: boolean;
  dimColor?: boolean;
  inverse?: boolean;
  color?: InkColor;
}

/**
 * Ink props for a segment style. Without colour, tones that only a colour told apart fall back to
 * an attribute (inline code, errors and warnings turn bold), so the distinction survives NO_COLOR.
 */
export function textProps(style: Style, color: boolean): TextStyleProps {
  const props: TextStyleProps = {};
  if (style.bold) props.bold = true;
  if (style.italic) props.italic = true;
  if (style.underline) props.underline = true;
  if (style.strike) props.strikethrough = true;
  if (style.dim) props.dimColor = true;
  if (style.inverse) props.inverse = true;
  if (style.tone) {
    const c = palette[style.tone];
    if (color && c) props.color = c;
    else if (!color && (style.tone === 'code' || style.tone === 'error' || style.tone === 'warning')) props.bold = true;
  }
  return props;
}
