export { ControlDocsPage } from './ControlDocsPage';
export { exampleFor } from './examples';
