/** Tag colour of a version or contract status. */
export function statusColour(status: string): 'green' | 'grey' | 'red' | 'blue' | 'yellow' {
  switch (status) {
    case 'published':
    case 'accepted':
      return 'green'
    case 'in_review':
    case 'proposed':
      return 'yellow'
    case 'suspended':
    case 'rejected':
      return 'red'
    case 'archived':
    case 'ended':
      return 'grey'
    default:
      return 'blue'
  }
}
