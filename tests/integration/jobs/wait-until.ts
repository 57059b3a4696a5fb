/**
 * Polls `probe` until it answers something other than undefined/false, and returns that. The
 * bound is only a guard against a hung test, never an assertion about speed: it is far above how
 * long anything should take, and running into it fails with `what` was awaited.
 */
export async function waitUntil<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, boundMs = 20_000): Promise<T> {
  const giveUpAt = Date.now() + boundMs;
  for (;;) {
    const answer = await probe();
    if (answer !== undefined && answer !== false) return answer;
    if (Date.now() > giveUpAt) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
