import type { Task } from '../../../shared/domain/work';

/**
 * A task's priority as a coloured dot. The words are there for screen readers as
 * hidden text: an aria-label on a plain span is not announced (and axe refuses it).
 */
export function PriorityDot({ priority }: { priority: Task['priority'] }) {
  return (
    <span className={`priority priority-${priority}`} title={`${priority} priority`}>
      <span className="visually-hidden">{priority} priority</span>
    </span>
  );
}
