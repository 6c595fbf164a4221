import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu, as data. Only standard roles for now (they give copy/paste and
 * the macOS app menu); feature menus (New call, Go to…) arrive with their features.
 * Reload and the developer tools are development-only: in production a reload is not how
 * an agent fixes things, and the devtools would let anyone poke at the core's bridge.
 */
export function appMenuTemplate(input: {
  platform: NodeJS.Platform;
  dev: boolean;
  /** Help → Copy diagnostics (shell/diagnostics.ts). */
  copyDiagnostics?: () => void;
}): MenuItemConstructorOptions[] {
  const mac = input.platform === 'darwin';
  const view: MenuItemConstructorOptions[] = [
    ...(input.dev
      ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as MenuItemConstructorOptions[])
      : []),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    ...(mac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
    ...(input.copyDiagnostics
      ? [
          {
            role: 'help',
            submenu: [{ label: 'Copy diagnostics', click: input.copyDiagnostics }],
          } as MenuItemConstructorOptions,
        ]
      : []),
  ];
}
