import "server-only";
// Turns a flat list of units (each with its materialised path) into a tree in name order.
export type TreeUnit = { id: string; name: string; parentId: string | null };
export type TreeNode<U extends TreeUnit> = U & { children: TreeNode<U>[] };

export function buildTree<U extends TreeUnit>(units: readonly U[]): TreeNode<U>[] {
  const nodes = new Map(units.map((u) => [u.id, { ...u, children: [] as TreeNode<U>[] }]));
  const roots: TreeNode<U>[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: TreeNode<U>[]) => {
    list.sort((a, b) => a.name.localeCompare(b.name, "id"));
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

/** Depth-first order with each unit's depth inside the visible tree (for indented selects). */
export function flattenTree<U extends TreeUnit>(roots: TreeNode<U>[], level = 0): (U & { level: number })[] {
  return roots.flatMap(({ children, ...unit }) => [
    { ...(unit as unknown as U), level },
    ...flattenTree(children, level + 1),
  ]);
}
