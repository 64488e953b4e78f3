// Addresses of a lesson host's ports, as Killercoda and Katacoda write them, become what a
// reader can open and a command can reach: the port on the machine the lesson runs on.
//   Killercoda: `{{TRAFFIC_HOST1_8080}}` (a link, bare text, even inside a command)
//   Katacoda:   `https://[[HOST_SUBDOMAIN]]-8080-[[KATACODA_HOST]].environments.katacoda.com/…`,
//               and `[[HOST_IP]]` in commands
// all → `http://localhost:8080`. `{{TRAFFIC_SELECTOR}}` (the platform's page listing ports)
// has nothing to point at on a static page: its link keeps only its words.
import type { Link, Parent, Root } from 'mdast'
import type { Plugin } from 'unified'
import { visit } from 'unist-util-visit'

const killercodaPort = /\{\{\s*TRAFFIC_HOST\d+_(\d+)\s*\}\}/g
const katacodaPort = /https?:\/\/\[\[HOST\d*_SUBDOMAIN\]\]-(\d+)-\[\[KATACODA_HOST\]\]\.environments\.katacoda\.com/g
const katacodaHostIp = /\[\[HOST\d*_IP\]\]/g
const selector = /\{\{\s*TRAFFIC_SELECTOR\s*\}\}/

/** `text` with every host port address written as the local one. */
export function withLocalAddresses(text: string): string {
  if (!text.includes('{{') && !text.includes('[[')) return text
  return text
    .replace(killercodaPort, (_, port: string) => localAddress(port))
    .replace(katacodaPort, (_, port: string) => localAddress(port))
    .replace(katacodaHostIp, 'localhost')
}

function localAddress(port: string): string {
  return port === '80' ? 'http://localhost' : `http://localhost:${port}`
}

export const remarkTrafficLinks: Plugin<[], Root> = function () {
  return (tree) => {
    visit(tree, (node, index, parent) => {
      if (node.type === 'link' && selector.test(node.url) && parent && index !== undefined) {
        // Only its words are left; they are visited next, in its place.
        ;(parent as Parent).children.splice(index, 1, ...(node as Link).children)
        return index
      }
      if (node.type === 'link' || node.type === 'image' || node.type === 'definition') node.url = withLocalAddresses(node.url)
      else if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'code' || node.type === 'html') node.value = withLocalAddresses(node.value)
      return undefined
    })
  }
}
