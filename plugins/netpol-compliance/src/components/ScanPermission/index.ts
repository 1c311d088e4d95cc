export { ScanPermission } from './ScanPermission';
