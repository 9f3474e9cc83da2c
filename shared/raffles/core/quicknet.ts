/**
 * drand's quicknet, pinned: the League of Entropy's public randomness, one round every 3 s,
 * each round a BLS12-381 threshold signature (on G1, RFC 9380 hashing) of the round number.
 * The public key is the group key published in the chain's `/info`; nothing fetched at run time
 * can change it, so a relay that lies about a round is caught by the signature check.
 */
export const QUICKNET = {
  network: "drand-quicknet",
  chainHash: "52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971",
  publicKey:
    "83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a",
  scheme: "bls-unchained-g1-rfc9380",
  genesisTime: 1692803367,
  periodSeconds: 3,
} as const;

/** drand's public HTTPS relays for quicknet, tried in this order. */
export const DRAND_RELAYS = [
  "https://api.drand.sh",
  "https://api2.drand.sh",
  "https://api3.drand.sh",
  "https://drand.cloudflare.com",
] as const;
