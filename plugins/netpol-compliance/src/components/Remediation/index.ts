export { Remediation, kubectlCommand, kubectlHeredoc } from './Remediation';
