import { Route, Routes } from 'react-router-dom';
import { Header, Page } from '@backstage/core-components';
import { ControlDocsPage } from '../ControlDocsPage';
import { NetpolComplianceOverview } from '../OverviewPage';

/**
 * The plugin's pages below its mount point: the overview at the root and
 * each control's docs at `controls/:id`. No header: the new frontend
 * system's page layout gives one.
 *
 * @public
 */
export function NetpolComplianceRoutes() {
  return (
    <Routes>
      <Route path="/" element={<NetpolComplianceOverview />} />
      <Route path="/controls/:id" element={<ControlDocsPage />} />
    </Routes>
  );
}

/**
 * The routable page for apps on the legacy frontend system, with its header.
 *
 * @public
 */
export function NetpolCompliancePage(props: {
  title?: string;
  subtitle?: string;
}) {
  const {
    title = 'Network policy compliance',
    subtitle = 'Are our Kubernetes namespaces isolated by NetworkPolicies?',
  } = props;
  return (
    <Page themeId="tool">
      <Header title={title} subtitle={subtitle} />
      <NetpolComplianceRoutes />
    </Page>
  );
}
