import type { Notification } from 'electron';

/**
 * OS notifications (screen pop for an incoming call, reminders). A click brings the
 * console forward before the caller's callback runs, so the callback can assume the
 * agent is looking at the app.
 */

export interface NotifyOptions {
  title: string;
  body: string;
  /** Keep the notification until the agent acts on it (an incoming call), where the OS supports it. */
  urgent?: boolean;
  onClick?: () => void;
}

export interface ShownNotification {
  /** Withdraws it, e.g. when the call it announced stopped ringing. */
  close(): void;
}

export interface Notifier {
  /** Shows a notification; null when the OS has no notification support. */
  notify(options: NotifyOptions): ShownNotification | null;
}

export function createNotifier(deps: { Notification: typeof Notification; focus: () => void }): Notifier {
  // Electron notifications that are garbage-collected lose their click handler, so each
  // shown notification is held until it is clicked or closed.
  const shown = new Set<Notification>();
  return {
    notify(options) {
      if (!deps.Notification.isSupported()) return null;
      const notification = new deps.Notification({
        title: options.title,
        body: options.body,
        ...(options.urgent ? { urgency: 'critical' as const, timeoutType: 'never' as const } : {}),
      });
      shown.add(notification);
      notification.on('click', () => {
        shown.delete(notification);
        deps.focus();
        options.onClick?.();
      });
      notification.on('close', () => shown.delete(notification));
      notification.show();
      return {
        close: () => {
          shown.delete(notification);
          notification.close();
        },
      };
    },
  };
}
