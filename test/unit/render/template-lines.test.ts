/** How template lines align with helm's output: literal keys, patterns, producers and their blocks. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { alignRendered, analyseTemplate } from '../../../server/src/render/helm/template-lines';

const TEMPLATE = `apiVersion: v1
kind: Pod
metadata:
  name: {{ .Release.Name }}
  labels: {{- include "x.labels" . | nindent 4 }}
spec:
  {{- with .Values.pod }}
  securityContext:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  containers:
    - name: app
      image: "{{ .Values.image }}"
`;

const RENDERED = [
  '# Source: x/templates/pod.yaml',
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: rel',
  '  labels:',
  '    app: x',
  'spec:',
  '  securityContext:',
  '    runAsUser: 0',
  '  containers:',
  '    - name: app',
  '      image: "nginx:1"',
];

test('each rendered line: the template line that wrote it, or the producer of its block (1-based lines)', () => {
  const lines = analyseTemplate(TEMPLATE);
  const aligned = alignRendered(lines, RENDERED).map((a) =>
    a ? `${a.line.index + 1}${a.matched ? '' : ' block'}` : '-',
  );
  assert.deepEqual(aligned, ['-', '1', '2', '3', '4', '5', '5 block', '6', '8', '9 block', '11', '12', '13']);
  // `securityContext:` is fed by `with .Values.pod`; `labels:` writes its block through an include
  assert.deepEqual(lines[7].feeds, ['pod']);
  assert.equal(lines[4].include, 'x.labels');
  assert.deepEqual(lines[12].valuesPath, ['image']);
});

test("an include that renders a values block as it is (the common charts' tplvalues.render) reads that values path", () => {
  const [line] = analyseTemplate(
    '      {{- include "common.tplvalues.render" (dict "value" .Values.podSecurityContext "context" $) | nindent 8 }}',
  );
  assert.equal(line.kind, 'producer');
  assert.equal(line.include, 'common.tplvalues.render');
  assert.deepEqual(line.valuesPath, ['podSecurityContext']);
  assert.equal(line.outputIndent, 8);
  assert.equal(analyseTemplate('    {{- include "x.labels" . | nindent 4 }}')[0].valuesPath, undefined);
});

test('a key written from values is not outbid by the same literal key in a block helm skipped further down', () => {
  const lines = analyseTemplate(`spec:
  containers:
    - name: app
      readinessProbe:
        timeoutSeconds: {{ .Values.readinessProbe.timeoutSeconds }}
      resources:
{{ toYaml .Values.resources | indent 8 }}
{{- if .Values.securityContext }}
      securityContext:
{{ toYaml .Values.securityContext | indent 8 }}
{{- end }}
    {{- if .Values.proxy.enabled }}
    - name: proxy
      readinessProbe:
        timeoutSeconds: 5
      resources:
{{ toYaml .Values.proxy.resources | indent 8 }}
      securityContext:
{{ toYaml .Values.proxy.securityContext | indent 8 }}
    {{- end }}
`);
  const rendered = [
    'spec:',
    '  containers:',
    '    - name: app',
    '      readinessProbe:',
    '        timeoutSeconds: 5',
    '      resources:',
    '        {}',
    '      securityContext:',
    '        runAsNonRoot: true',
  ];
  const aligned = alignRendered(lines, rendered).map((a) =>
    a ? `${a.line.index + 1}${a.matched ? '' : ' block'}` : '-',
  );
  assert.deepEqual(aligned, ['1', '2', '3', '4', '5', '6', '7 block', '9', '10 block']);
});
