export function pageTitle(title: string) {
  return title ? `${title} – Atvieglo` : 'Atvieglo'
}
