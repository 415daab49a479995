// Public API of the fill layer.
export * from './detect';
export * from './apply';
