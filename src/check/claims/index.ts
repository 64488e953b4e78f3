export { checkClaims } from './check-claims.js'
export { lineMatches, matchClaim, type ClaimOutcome } from './claim-match.js'
