export * from './labels'
export * from './affiliations'
export * from './resolve'
export * from './portfolio'
