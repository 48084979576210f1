// The renderer's output: terminal lines made of styled runs. Styles are semantic (a `tone`)
// plus the few attributes every terminal has, so the view alone decides whether colour is used.

export type Tone =
  | 'heading'
  | 'code'
  | 'link'
  | 'fact'
  | 'quote'
  | 'cloze'
  | 'match'
  | 'muted'
  | 'error'
  | 'warning'
  /** Flashcard counts and grade buttons, in Anki's colours: new blue, learning red, due green. */
  | 'new'
  | 'learning'
  | 'due';

export interface Style {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
  dim?: boolean;
  inverse?: boolean;
  tone?: Tone;
}

export interface Segment {
  text: string;
  style: Style;
}

/** One terminal row. Its cell width never exceeds the width it was rendered for. */
export type Line = Segment[];

export const plain: Style = Object.freeze({});

export function seg(text: string, style: Style = plain): Segment {
  return { text, style };
}

export function mergeStyle(outer: Style, inner: Style): Style {
  if (outer === plain) return inner;
  if (inner === plain) return outer;
  return { ...outer, ...inner };
}

export function lineText(line: Line): string {
  return line.map((s) => s.text).join('');
}
