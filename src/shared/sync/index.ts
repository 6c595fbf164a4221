export * from './call-records';
export * from './hlc';
export * from './mutations';
export * from './protocol';
export * from './server-url';
export * from './task-status';
