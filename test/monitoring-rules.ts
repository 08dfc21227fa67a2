/**
 * The alert rules of deploy/monitoring, read as Prometheus reads them, and the
 * metrics their expressions name (with the PromQL parser Prometheus' own UI uses).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parser } from '@prometheus-io/lezer-promql';
import { parseAllDocuments } from 'yaml';

export const MONITORING_FILE = path.join(fileURLToPath(new URL('..', import.meta.url)), 'deploy/monitoring/serviceloop-monitoring.yaml');

export interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export type MonitoringObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string }; spec: any };

export function monitoringObjects(): MonitoringObject[] {
  return parseAllDocuments(readFileSync(MONITORING_FILE, 'utf8')).map((doc) => {
    if (doc.errors.length) throw new Error(`${MONITORING_FILE}: ${doc.errors[0].message}`);
    return doc.toJS() as MonitoringObject;
  });
}

export function alertRules(): AlertRule[] {
  const rule = monitoringObjects().find((o) => o.kind === 'PrometheusRule');
  if (!rule) throw new Error(`${MONITORING_FILE} has no PrometheusRule`);
  return (rule.spec.groups as { rules: AlertRule[] }[]).flatMap((g) => g.rules);
}

/** Where the expression does not parse (its first syntax error), or null. */
export function promqlSyntaxError(expr: string): string | null {
  let at: number | null = null;
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.type.isError && at === null) at = node.from;
    },
  });
  return at === null ? null : `syntax error at ${at}: …${expr.slice(Math.max(0, at - 20), at + 20)}…`;
}

/** The metric names the expression selects (not its functions, aggregations or labels). */
export function metricsIn(expr: string): string[] {
  const names = new Set<string>();
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector') names.add(expr.slice(node.from, node.to));
    },
  });
  return [...names];
}

/** A histogram's series (`_bucket`, `_count`, `_sum`) belong to its family; other names are their own. */
export function familyOf(metric: string, histograms: Set<string>): string {
  const base = metric.replace(/_(bucket|count|sum)$/, '');
  return base !== metric && histograms.has(base) ? base : metric;
}

type Node = NonNullable<ReturnType<ReturnType<typeof parser.parse>['topNode']['getChild']>>;
const SCALAR = 'scalar' as const;
/** Labels a result may carry: a set, every label of the series (null), or a scalar (none). */
type Labels = Set<string> | null | typeof SCALAR;

function children(node: Node): Node[] {
  const out: Node[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

/**
 * The labels the series of the expression's result carry, as far as they can be
 * told from its shape: an aggregation keeps its `by` labels, `and`/`unless` and
 * arithmetic keep the vector side's, `or` only what both sides have,
 * histogram_quantile drops `le`. null: a selector's, i.e. all of the series'.
 */
export function resultLabels(expr: string): Set<string> | null {
  const text = (n: Node) => expr.slice(n.from, n.to);
  const visit = (node: Node): Labels => {
    switch (node.name) {
      case 'PromQL':
      case 'ParenExpr':
      case 'FunctionCallBody':
        return visit(children(node).find((c) => !['(', ')', ','].includes(c.name))!);
      case 'NumberDurationLiteral':
      case 'NumberLiteral':
      case 'StringLiteral':
        return SCALAR;
      case 'VectorSelector':
      case 'MatrixSelector':
      case 'SubqueryExpr':
        return null;
      case 'OffsetExpr':
        return visit(node.firstChild!);
      case 'AggregateExpr': {
        const modifier = node.getChild('AggregateModifier');
        if (!modifier || !modifier.getChild('By')) return new Set();
        return new Set(modifier.getChild('GroupingLabels')!.getChildren('LabelName').map(text));
      }
      case 'FunctionCall': {
        const name = text(node.getChild('FunctionIdentifier')!);
        if (['time', 'scalar', 'vector'].includes(name)) return SCALAR;
        const args = children(node.getChild('FunctionCallBody')!).filter((c) => !['(', ')', ','].includes(c.name));
        const vectorArg = name === 'histogram_quantile' ? args[1] : args[0];
        const labels = visit(vectorArg);
        if (name === 'histogram_quantile' && labels instanceof Set) labels.delete('le');
        return labels;
      }
      case 'BinaryExpr': {
        const [left, op, right] = children(node).filter((c) => !['BoolModifier', 'MatchingModifierClause'].includes(c.name));
        const l = visit(left);
        const r = visit(right);
        if (op.name === 'Or') return l instanceof Set && r instanceof Set ? new Set([...l].filter((x) => r.has(x))) : l === null ? r : l;
        if (op.name === 'And' || op.name === 'Unless') return l;
        return l === SCALAR ? r : l;
      }
      default:
        throw new Error(`monitoring-rules: no rule for ${node.name} in ${expr}`);
    }
  };
  const labels = visit(parser.parse(expr).topNode as Node);
  return labels === SCALAR ? new Set() : labels;
}
