// Lab points as the screens print them. A check that lost a sliver of its points (19.98 of 20)
// must never read as full marks, so a fraction is cut down, not rounded, to two decimals.

/** Hundredths that float error may add or lose on a score that is really whole. */
const SLACK = 1e-6;

export function pointsText(points: number): string {
  const hundredths = Math.floor(points * 100 + SLACK);
  // Dividing an integer by 100 prints at most two decimals and no trailing zero (19.5, 20).
  return String(hundredths / 100);
}

/** `19.98/20`: points of a maximum, the maximum written the same way. */
export function outOf(points: number, max: number): string {
  return `${pointsText(points)}/${pointsText(max)}`;
}
