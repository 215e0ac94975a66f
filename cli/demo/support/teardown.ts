/**
 * What the demo started, in the order it started it, so that everything is stopped — last
 * started first — whether the demo ends, a step fails or the user presses Ctrl-C. Stops run once;
 * a stop that fails is reported and the others still run.
 */
export type Stop = () => Promise<void> | void;

export class Teardown {
  readonly #stops: { what: string; stop: Stop }[] = [];
  #done: Promise<string[]> | undefined;

  /** Registers a stop; returns the value for chaining (`const pg = teardown.add('…', await start(), (p) => p.stop())`). */
  add<T>(what: string, value: T, stop: (value: T) => Promise<void> | void): T {
    // Started after the teardown began (a start that was under way at Ctrl-C): stop it at once.
    if (this.#done) this.#done = this.#done.then(async (problems) => [...problems, ...(await Teardown.#attempt(what, () => stop(value)))]);
    else this.#stops.push({ what, stop: () => stop(value) });
    return value;
  }

  static async #attempt(what: string, stop: Stop): Promise<string[]> {
    try {
      await stop();
      return [];
    } catch (error) {
      return [`${what}: ${(error as Error).message}`];
    }
  }

  get ran(): boolean {
    return this.#done !== undefined;
  }

  /** Stops everything; resolves to the problems (what could not be stopped, and why). Call it again to await late stops. */
  run(): Promise<string[]> {
    this.#done ??= (async () => {
      const problems: string[] = [];
      for (const { what, stop } of this.#stops.reverse()) problems.push(...(await Teardown.#attempt(what, stop)));
      return problems;
    })();
    return this.#done;
  }
}
