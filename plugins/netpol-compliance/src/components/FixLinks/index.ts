export { FixLinks } from './FixLinks';
