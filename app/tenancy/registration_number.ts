const WEIGHTS = [9, 1, 4, 8, 3, 10, 2, 5, 7, 6, 1]

/**
 * A Latvian legal entity's registration number: 11 digits whose weighted
 * sum (weights 9,1,4,8,3,10,2,5,7,6,1) is 3 modulo 11.
 */
export function isValidRegistrationNumber(value: string): boolean {
  if (!/^\d{11}$/.test(value)) return false
  const sum = WEIGHTS.reduce((total, weight, index) => total + weight * Number(value[index]), 0)
  return sum % 11 === 3
}
