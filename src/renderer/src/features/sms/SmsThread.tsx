import type { SmsThread as Thread } from '../../../../shared/api/sms';
import { smsStatusWords, type SmsMessage } from '../../../../shared/sms/message';
import { formatInstant } from '../../ui/format';

/** One thread: the customer's messages on the left, ours on the right, each with its delivery status. */
export function SmsThread({ thread, limit }: { thread: Thread; limit?: number }) {
  const items = limit ? thread.items.slice(-limit) : thread.items;
  return (
    <ol className="sms-thread" aria-label={`Texts with ${thread.numberDisplay}`}>
      {items.map((message) => (
        <SmsBubble key={message.id} message={message} />
      ))}
    </ol>
  );
}

function SmsBubble({ message }: { message: SmsMessage }) {
  const failed = message.status === 'failed' || message.status === 'undelivered';
  return (
    <li className={`sms-bubble ${message.direction}${failed ? ' failed' : ''}`} data-message-id={message.id}>
      <p className="sms-body">{message.body}</p>
      <p className="sms-meta">
        <time dateTime={message.createdAt}>{formatInstant(message.createdAt)}</time>
        {message.direction === 'outbound' && (
          <>
            {' · '}
            <span className="sms-status" data-status={message.status}>
              {smsStatusWords[message.status]}
            </span>
          </>
        )}
      </p>
      {failed && message.errorReason && <p className="sms-reason">{message.errorReason}</p>}
    </li>
  );
}
