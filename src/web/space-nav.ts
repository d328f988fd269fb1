// The pages of space management that link to each other (a heading and these links on each).
export const SPACE_LINKS: readonly string[] = ['/admin/resources', '/admin/zones', '/admin/hours', '/admin/closures'];
