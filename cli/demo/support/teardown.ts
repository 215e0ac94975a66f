/**
 * What the demo started, so that everything is stopped — whether the demo ends, a step fails or
 * the user presses Ctrl-C. Within a group, stops run last-added first (the orders service before
 * the standby before the primary); groups are independent and stop at the same time, so a slow
 * shutdown (Ceph's daemons) does not add to another's. Stops run once; a stop that fails is
 * reported and the others still run.
 */
export type Stop = () => Promise<void> | void;

export class Teardown {
  readonly #groups = new Map<string, { what: string; stop: Stop }[]>();
  #done: Promise<string[]> | undefined;

  /** Registers a stop in `group` (default: a group of its own); returns the value for chaining. */
  add<T>(what: string, value: T, stop: (value: T) => Promise<void> | void, group: string = what): T {
    // Started after the teardown began (a start that was under way at Ctrl-C): stop it at once.
    if (this.#done) this.#done = this.#done.then(async (problems) => [...problems, ...(await Teardown.#attempt(what, () => stop(value)))]);
    else this.#groups.set(group, [...(this.#groups.get(group) ?? []), { what, stop: () => stop(value) }]);
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

  static async #stopGroup(stops: { what: string; stop: Stop }[]): Promise<string[]> {
    const problems: string[] = [];
    for (const { what, stop } of [...stops].reverse()) problems.push(...(await Teardown.#attempt(what, stop)));
    return problems;
  }

  /** Stops everything; resolves to the problems (what could not be stopped, and why). Call it again to await late stops. */
  run(): Promise<string[]> {
    this.#done ??= Promise.all([...this.#groups.values()].map((stops) => Teardown.#stopGroup(stops))).then((problems) => problems.flat());
    return this.#done;
  }
}
