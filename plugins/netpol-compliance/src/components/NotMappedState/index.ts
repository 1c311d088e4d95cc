export { NotMappedState, annotationExample } from './NotMappedState';
