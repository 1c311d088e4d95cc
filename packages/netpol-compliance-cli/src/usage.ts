/** The help texts of the `netpol-compliance` command and its subcommands. */
import { DEFAULT_CLUSTER_NAME } from './commands/scan';

export const NAME = 'netpol-compliance';

export const USAGE = `Usage: ${NAME} <command> [options]

Kubernetes NetworkPolicy compliance (CIS 5.3.2 and friends) over manifest
files: the same controls as the Backstage plugin, without a cluster.

Commands:
  scan <file|dir>...        evaluate every control over the manifests, read as one cluster
  reach <file|dir>... --queries <file.json>
                            can A talk to B? answers reachability queries, in order
  remediate <namespace>     print the NetworkPolicies that make a namespace pass

Options:
  --help, -h                show help (also: ${NAME} <command> --help)
  --version                 show the version

Exit codes: 0 success, 1 --fail-on level reached (scan) or a query without
answer (reach), 2 usage error or unreadable input, 3 internal error.
`;

export const SCAN_USAGE = `Usage: ${NAME} scan <file|dir>... [options]

Evaluates every control (NETPOL-001..006) over Kubernetes manifests read as
one cluster: multi-document YAML, JSON, and the kind: List output of
\`kubectl get -o yaml|json\`. Folders are read recursively (*.yaml, *.yml,
*.json; names starting with a dot are left out); "-" reads standard input.
Controllers without pods (manifests from Git) are evaluated through their
pod templates; pods whose controllers are not in the input (kubectl get
pods -A) belong to the owner their ownerReferences name. Kinds the engine
does not use are skipped and counted; documents that are not Kubernetes
objects (values.yaml, kustomization.yaml...) are skipped with a warning.
A policy the API server would reject, or the same object twice, stops the
command with its file, line and field (docs/cli.md).

Options:
  --format table|json       output format (default: table); json is documented
                            in docs/cli.md: {"clusters", "findings", "skipped"}
  --fail-on fail|warning|never
                            exit 1 when a finding is at this level or worse
                            (default: fail; warning = warning or fail;
                            never = always exit 0 after a scan)
  --cluster-name <name>     the cluster name in the report (default: ${DEFAULT_CLUSTER_NAME})
  --exempt <pattern>        exempt namespaces matching the pattern (* = any
                            characters), repeatable; added to the default
                            kube-system, kube-public, kube-node-lease
  --enforcer <reason>       the cluster enforces NetworkPolicy although the
                            manifests do not show it (a managed dataplane):
                            NETPOL-002 passes with this reason
  --count-admin-policies    NETPOL-001 counts the cluster admin policies
                            (AdminNetworkPolicy, BaselineAdminNetworkPolicy,
                            ClusterNetworkPolicy) selecting a namespace;
                            default: the CIS reading (they are evidence only)
  --help, -h                show this help

Exit codes: 0 level not reached, 1 level reached, 2 usage error or
unreadable input (every problem is listed with its file and line).

Examples:
  ${NAME} scan examples/clusters/prod-eu
  ${NAME} scan deploy/ --format json --fail-on warning
  kubectl get ns,deploy,sts,ds,pods,netpol -A -o yaml | ${NAME} scan - --cluster-name prod
`;

export const REACH_USAGE = `Usage: ${NAME} reach <file|dir>... --queries <file.json>

Answers reachability queries over Kubernetes manifests read as one cluster:
a connection is allowed when the source's egress and the destination's
ingress both allow it. Every policy kind is evaluated, tier by tier:
AdminNetworkPolicy and ClusterNetworkPolicy (Admin), NetworkPolicy, Cilium
and Calico policies, then BaselineAdminNetworkPolicy and ClusterNetworkPolicy
(Baseline). The answer names the deciding policy and rule.

The queries file:
  {"queries": [
    {"from": {"namespace": "shop", "pod": "web-1"},
     "to": {"namespace": "shop", "workload": "Deployment/cart-api"},
     "port": "http", "protocol": "TCP"},
    {"from": {"namespace": "shop", "workload": "Deployment/web"},
     "to": {"ip": "10.1.2.3"}, "port": 443}
  ]}
An endpoint is {"namespace","pod"}, {"namespace","workload":"Kind/name"} or
{"ip"}; "port" is a number or a port name of the destination (absent: any
port); "protocol" is TCP (default), UDP or SCTP. A workload whose pods
differ is answered for each distinct pod ("pods": allowed of total).

Prints {"results": [...]}, one result per query in order:
{"allowed", "egress": {"allowed", "policies", ...}, "ingress": {...}, ...},
or {"error": "..."} for a query that cannot be answered (the others still are).

Options:
  --queries <file.json>     the queries ("-" for standard input)
  --help, -h                show this help

Exit codes: 0 every query answered, 1 some query has an error, 2 usage
error or unreadable input.
`;

export const REMEDIATE_USAGE = `Usage: ${NAME} remediate <namespace> [options]

Prints NetworkPolicies (multi-document YAML) that make the namespace pass
the namespace controls: default-deny ingress and egress, plus DNS egress to
kube-dns. Review, then apply: ${NAME} remediate shop | kubectl apply -f -

       ${NAME} remediate <namespace> --catalog <catalog-info.yaml> <manifests...>

With --catalog: the least-privilege set. Besides the default denies and DNS,
one policy per workload allowing exactly the connections the catalog
declares (spec.dependsOn, consumesApis/providesApis, systems) on the ports the
containers declare or their Services target. Existing policies of the
namespace that let in other namespaces or outside addresses, or re-open all
traffic, are listed as replaced: delete them when you apply the set. It is
verified on the manifests as applied (every declared connection allowed, no
undeclared source from outside the namespace, namespace controls pass). The
verification heads the YAML; exit 1 when it does not hold.

Options:
  --no-dns                  leave out the policy allowing DNS egress to kube-dns (not with --catalog)
  --allow-same-namespace    add a policy allowing traffic between the namespace's pods
  --catalog <file>          catalog-info file (repeat for several)
  --cluster <name>          with --catalog: honour the entities' backstage.io/kubernetes-cluster for this cluster
  --help, -h                show this help
`;
