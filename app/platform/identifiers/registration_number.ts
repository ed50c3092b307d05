/**
 * Latvian legal-entity registration numbers (used for schools in `education.school`):
 * 11 digits with Σ wᵢ·dᵢ mod 11 = 3 for weights 9,1,4,8,3,10,2,5,7,6,1.
 */
const WEIGHTS = [9, 1, 4, 8, 3, 10, 2, 5, 7, 6, 1] as const

function weightedSum(digits: string, count: number): number {
  let sum = 0
  for (let i = 0; i < count; i++) sum += WEIGHTS[i] * (digits.charCodeAt(i) - 48)
  return sum
}

export function isValidRegistrationNumber(input: string): boolean {
  return /^\d{11}$/.test(input) && weightedSum(input, 11) % 11 === 3
}

/**
 * The last digit that makes ten digits a valid registration number, or null when none exists
 * (the needed value would be 10).
 */
export function registrationNumberLastDigit(firstTenDigits: string): number | null {
  const last = (((3 - weightedSum(firstTenDigits, 10)) % 11) + 11) % 11
  return last === 10 ? null : last
}
