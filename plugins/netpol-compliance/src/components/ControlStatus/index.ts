export { ControlStatus } from './ControlStatus';
