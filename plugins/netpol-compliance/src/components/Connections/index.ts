export { Connections } from './Connections';
