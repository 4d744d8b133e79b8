import axe from 'axe-core'

/**
 * Runs axe-core on a rendered screen and returns readable violations. Only rules jsdom cannot evaluate are
 * disabled: colour contrast (no layout or computed colours in jsdom).
 */
export async function axeViolations(container: Element): Promise<string[]> {
  const results = await axe.run(container, {
    rules: { 'color-contrast': { enabled: false } },
    resultTypes: ['violations'],
  })
  return results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  )
}
