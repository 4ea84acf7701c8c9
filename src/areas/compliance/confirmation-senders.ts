/**
 * How a young person's confirmation code reaches them. Harbour does not know how a council sends texts
 * and emails (GOV.UK Notify, a council gateway...), so sending is an interface: a council plugs in an
 * adapter that implements it. Two come with Harbour: a console sender for demonstrations (it logs the
 * message, and the demonstration shows it to the worker) and a recording sender, the test double.
 *
 * To add GOV.UK Notify: implement ConfirmationSender with Notify's send-sms and send-email endpoints
 * (template with a ((code)) and ((link)) personalisation), and pass it to useConfirmationSender() in the
 * composition root.
 */
export type ConfirmationChannel = 'sms' | 'email'

export interface ConfirmationMessage {
  channel: ConfirmationChannel
  /** A mobile number or email address, used only to send; Harbour does not store it. */
  to: string
  code: string
  /** The public page the young person opens. */
  link: string
  expiresAt: Date
  /** The text to send: says nothing about the child or why they are known to the council. */
  text: string
}

export interface ConfirmationSender {
  readonly name: string
  send(message: ConfirmationMessage): Promise<void>
}

export function confirmationText(code: string, link: string, expiresAt: Date): string {
  const until = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'Europe/London' }).format(
    expiresAt,
  )
  return `Your social worker asked us to check that they visited you. Go to ${link} and enter the code ${code}. The code works until ${until}.`
}

/** Demonstration sender: writes a masked recipient and the message to the console. */
export class ConsoleSender implements ConfirmationSender {
  readonly name = 'console'
  constructor(private readonly log: (line: string) => void = (line) => console.log(line)) {}
  send(message: ConfirmationMessage): Promise<void> {
    const masked = message.to.length <= 4 ? '****' : `${'*'.repeat(message.to.length - 4)}${message.to.slice(-4)}`
    this.log(`[confirmation ${message.channel} to ${masked}] ${message.text}`)
    return Promise.resolve()
  }
}

/** Test double: keeps every message so a test can read the code a young person would receive. */
export class RecordingSender implements ConfirmationSender {
  readonly name = 'recording'
  readonly messages: ConfirmationMessage[] = []
  send(message: ConfirmationMessage): Promise<void> {
    this.messages.push(message)
    return Promise.resolve()
  }
  last(): ConfirmationMessage | undefined {
    return this.messages.at(-1)
  }
}

let current: ConfirmationSender = new ConsoleSender()

export function confirmationSender(): ConfirmationSender {
  return current
}

/** Plugs in a sender (an adapter in production, RecordingSender in tests); returns the previous one. */
export function useConfirmationSender(sender: ConfirmationSender): ConfirmationSender {
  const previous = current
  current = sender
  return previous
}
