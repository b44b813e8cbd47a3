/** Checks a string against one of the API server's name formats; returns what is wrong, or undefined if it is valid. */
export type SyntaxCheck = (value: string) => string | undefined;

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function format(pattern: RegExp, maxLength: number, description: string): SyntaxCheck {
  return (value) => (pattern.test(value) && value.length <= maxLength ? undefined : `must be ${description}, at most ${maxLength} characters`);
}

export const dns1123Label = format(DNS1123_LABEL, 63, "a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit)");

export const dns1035Label = format(DNS1035_LABEL, 63, "a DNS-1035 label (lowercase letters, digits and '-', starting with a letter and ending with a letter or digit)");

export function dns1123Subdomain(maxLength = 253): SyntaxCheck {
  return format(DNS1123_SUBDOMAIN, maxLength, "a DNS-1123 subdomain (dot-separated DNS-1123 labels: lowercase letters, digits, '-' and '.')");
}

/** The most common name format: a DNS-1123 subdomain of at most 253 characters. */
export const dns1123SubdomainName = dns1123Subdomain();

/** RBAC object names only have to be usable as one URL path segment, so `system:viewer` is valid. */
export const pathSegment: SyntaxCheck = (value) =>
  value === '.' || value === '..' || /[/%]/.test(value) ? "must not be '.' or '..' and must not contain '/' or '%'" : undefined;

export const labelValue = format(LABEL_VALUE, 63, "empty or letters, digits, '-', '_' and '.', starting and ending with a letter or digit");

/** A label key is a qualified name: an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 characters. */
export const labelKey: SyntaxCheck = (value) => {
  const slash = value.indexOf('/');
  const prefix = slash >= 0 ? value.slice(0, slash) : undefined;
  const name = slash >= 0 ? value.slice(slash + 1) : value;
  const nameProblem = LABEL_NAME.test(name) && name.length <= 63 ? undefined : "must have a name part of letters, digits, '-', '_' and '.', starting and ending with a letter or digit, at most 63 characters";
  const prefixProblem = prefix === undefined ? undefined : dns1123SubdomainName(prefix) && 'must have a prefix (before "/") that is a DNS-1123 subdomain';
  return nameProblem ?? prefixProblem;
};
