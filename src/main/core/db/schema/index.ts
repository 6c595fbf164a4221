export * from './calls';
export * from './directory';
export * from './work';
export * from './sync';
export * from './settings';
export * from './screen-pop';
export * from './analytics';
export * from './appointments';
