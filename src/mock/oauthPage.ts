/** The fake OAuth provider's authorisation page, as server HTML (Node) or as DOM (browsers). */
import type { MockConsentPage } from './oauthProvider'

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** The page as the HTML a server would send (Node, where a GET of the authorisation URL reaches MSW). */
export function consentResponse(page: MockConsentPage): Response {
  if (page.kind === 'redirect') return new Response(null, { status: 302, headers: { Location: page.location } })
  const html = (body: string, title: string) =>
    `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(title)}</title>\n</head>\n` +
    `<body>\n${body}\n</body>\n</html>\n`
  const headers = { 'Content-Type': 'text/html; charset=utf-8' }
  if (page.kind === 'error') {
    return new Response(html(`<p>${escapeHtml(page.message)}</p>`, 'Error'), { status: 400, headers })
  }
  const links = page.accounts.map(
    (account) => `<li><a href="${escapeHtml(account.href)}">${escapeHtml(account.label)}</a></li>`,
  )
  const body =
    `<main>\n<h1>${escapeHtml(page.title)}</h1>\n<ul>\n${links.join('\n')}\n</ul>\n` +
    `<p><a href="${escapeHtml(page.cancelHref)}">Cancel</a></p>\n</main>`
  return new Response(html(body, page.title), { status: 200, headers })
}

/** Renders the page into `document.body` with plain DOM (data only ever as text), or follows its redirect. */
export function renderConsentPage(page: MockConsentPage, doc: Document, go: (href: string) => void): void {
  if (page.kind === 'redirect') return go(page.location)
  const main = doc.createElement('main')
  const heading = doc.createElement('h1')
  heading.textContent = page.kind === 'error' ? 'authfront mock provider' : page.title
  main.append(heading)
  if (page.kind === 'error') {
    const message = doc.createElement('p')
    message.setAttribute('role', 'alert')
    message.textContent = page.message
    main.append(message)
  } else {
    const list = doc.createElement('ul')
    for (const account of page.accounts) {
      const item = doc.createElement('li')
      item.append(button(doc, account.label, () => go(account.href)))
      list.append(item)
    }
    main.append(
      list,
      button(doc, 'Cancel', () => go(page.cancelHref)),
    )
  }
  doc.title = heading.textContent
  doc.body.replaceChildren(main)
}

function button(doc: Document, label: string, onClick: () => void): HTMLButtonElement {
  const element = doc.createElement('button')
  element.type = 'button'
  element.textContent = label
  element.addEventListener('click', onClick)
  return element
}
