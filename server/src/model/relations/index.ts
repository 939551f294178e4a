/**
 * Cross-resource relations over the workspace index, as plain data, one module per concept. Everything here reads
 * `IndexedObject.value` or `valueAt` (aliases and merge keys already resolved), so it works the same for objects of the linted
 * text and of other files. Nothing here reads YAML nodes: rules map findings back to nodes.
 */
export * from './autoscaling';
export * from './disruption';
export * from './plain';
export * from './workloads';
