// Work a screen needs done outside its reducer and outside the frame: running a lab in the
// engine, storing an exam answer, reading lab results. A reducer asks for it with a `task`
// effect naming a port; the app hands the request to that port after drawing, and whatever the
// port reports back arrives at the screen that asked, as an ordinary action of its reducer. The
// reducers stay pure and their tests feed the reported actions in by hand.

/** A request for a port, as a screen's reducer returns it inside a `task` effect. */
export interface AppTask {
  /** Which port runs it (`labs`, `exam`). */
  port: string;
  request: unknown;
}

/**
 * Runs one request. `deliver` sends an action to the screen that asked; it may be called any
 * number of times (progress, then the result), now or later. Returns a cancel function when the
 * work outlives the call; the app cancels what is still running when it quits.
 */
export type TaskPort = (request: unknown, deliver: (action: unknown) => void) => void | (() => void);

export type TaskPorts = Readonly<Record<string, TaskPort>>;
