/**
 * Demonstration installations only: the last confirmation message sent for each worker, shown to them
 * once on the next page, so a demonstration (and the browser tests) can play the young person without a
 * phone. Never used when DEMO is off.
 */
const outbox = new Map<number, string>()

export function keepDemoMessage(userId: number, text: string): void {
  outbox.set(userId, text)
}

export function takeDemoMessage(userId: number): string | undefined {
  const text = outbox.get(userId)
  outbox.delete(userId)
  return text
}
