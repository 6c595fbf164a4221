import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { CallRecord } from '../../../../shared/domain/call';
import { DirectionIcon } from '../../ui/Badge';
import { CallStatusBadge } from './CallStatusBadge';
import { formatDuration, formatInstant } from '../../ui/format';

/** Who the call was with, as the list shows it. */
export function counterpart(call: CallRecord): string {
  const person = call.participants.find((p) => p.kind !== 'user');
  return person?.name || call.related?.name || call.toNumber || call.fromNumber || 'Unknown';
}

/** The time a call is known by: when it happened, else when it is planned. */
export function callTime(call: CallRecord): string | null {
  return call.actualStart ?? call.plannedStart?.utc ?? call.createdAt;
}

const rowHeight = 64;

/** Virtualised, so a log of thousands of calls scrolls without rendering them all. */
export function CallList(props: { calls: CallRecord[]; selectedId?: string; onSelect: (id: string) => void }) {
  const parentRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: props.calls.length,
    getScrollElement: () => parentRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
  });

  // A call opened from elsewhere (a timeline, a new call) is scrolled into view.
  const selectedIndex = props.calls.findIndex((c) => c.id === props.selectedId);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  if (props.calls.length === 0) return <p className="empty">No calls match.</p>;

  return (
    <div className="virtual-list" ref={parentRef} role="list">
      <div className="virtual-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const call = props.calls[item.index]!;
          return (
            <button
              key={call.id}
              role="listitem"
              className={`call-row${call.id === props.selectedId ? ' selected' : ''}`}
              style={{ transform: `translateY(${item.start}px)`, height: rowHeight }}
              onClick={() => props.onSelect(call.id)}
              data-call-id={call.id}
            >
              <DirectionIcon direction={call.direction} />
              <span className="call-row-main">
                <span className="call-row-title">{call.subject}</span>
                <span className="call-row-sub">
                  {counterpart(call)} · {formatInstant(callTime(call))}
                </span>
              </span>
              <span className="call-row-side">
                <CallStatusBadge callId={call.id} status={call.status} />
                <span className="duration" data-testid="call-duration">
                  {call.status === 'Held' ? formatDuration(call.durationSeconds) : ''}
                </span>
              </span>
            </button>
          );
        })}
      </div>
    </div>
  );
}
